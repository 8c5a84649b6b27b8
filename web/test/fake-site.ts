// A Host whose product is an in-memory Confluence page or Jira issue answering the REST calls storage makes, as
// HostSim and the real sites do (REFERENCE §4-5), and recording each request. No backend: backend() and job() fail.
import { HostRequestError, type Host, type HostContext, type ProductRequest } from '../src/app/host/host';

export interface StoredFile {
  id: string;
  container: string;
  name: string;
  versions: Array<{ mediaType: string; bytes: Uint8Array }>;
}

export interface Recorded {
  method: string;
  path: string;
  file?: { name: string; type: string };
}

export class FakeSite {
  readonly files: StoredFile[] = [];
  readonly properties = new Map<string, unknown>(); // `${issueKey} ${key}` -> value
  readonly requests: Recorded[] = [];
  private nextId = 10001;

  constructor(readonly context: HostContext) {}

  add(container: string, name: string, mediaType: string, content: string): StoredFile {
    const file: StoredFile = { id: this.newId(), container, name, versions: [{ mediaType, bytes: new TextEncoder().encode(content) }] };
    this.files.push(file);
    return file;
  }

  host(): Host {
    const refuse = () => Promise.reject(new Error('this fake has no backend'));
    return {
      context: async () => this.context,
      macroConfig: async () => ({}),
      editorTarget: refuse,
      productRequest: async (r) => this.answer(r),
      productDownload: async (path) => this.download(path),
      backend: refuse,
      job: refuse,
      submitMacro: refuse,
      close: refuse,
      openEditor: refuse,
      resize: () => undefined,
    };
  }

  private newId(): string {
    const id = String(this.nextId++);
    return this.context.product === 'confluence' ? `att${id}` : id;
  }

  private async answer(r: ProductRequest): Promise<string> {
    const method = r.method ?? 'GET';
    this.requests.push({ method, path: r.path, ...(r.form ? { file: { name: r.form.file.name, type: r.form.file.type } } : {}) });
    const url = new URL(r.path, 'https://site.example');
    const path = decodeURIComponent(url.pathname);
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/rest\/api\/content\/(\d+)\/child\/attachment$/))) {
      const pageId = m[1];
      if (method === 'GET') {
        const name = url.searchParams.get('filename');
        const found = this.files.filter((f) => f.container === pageId && (name === null || f.name === name));
        return JSON.stringify({ results: found.map((f) => ({ id: f.id, title: f.name, version: { number: f.versions.length }, extensions: { mediaType: f.versions[f.versions.length - 1].mediaType } })) });
      }
      if (method === 'PUT' && r.form) {
        const bytes = new Uint8Array(await r.form.file.arrayBuffer());
        let file = this.files.find((f) => f.container === pageId && f.name === r.form!.file.name);
        if (file) file.versions.push({ mediaType: r.form.file.type, bytes });
        else this.files.push((file = { id: this.newId(), container: pageId, name: r.form.file.name, versions: [{ mediaType: r.form.file.type, bytes }] }));
        return JSON.stringify({ results: [{ id: file.id, title: file.name, version: { number: file.versions.length } }] });
      }
    }
    if ((m = path.match(/^\/rest\/api\/3\/issue\/([^/]+)$/)) && method === 'GET') {
      return JSON.stringify({ key: m[1], fields: { attachment: this.files.filter((f) => f.container === m![1]).map((f) => ({ id: f.id, filename: f.name })) } });
    }
    if ((m = path.match(/^\/rest\/api\/3\/issue\/([^/]+)\/attachments$/)) && method === 'POST' && r.form) {
      const file = this.add(m[1], r.form.file.name, r.form.file.type, '');
      file.versions[0].bytes = new Uint8Array(await r.form.file.arrayBuffer());
      return JSON.stringify([{ id: file.id, filename: file.name }]);
    }
    if ((m = path.match(/^\/rest\/api\/3\/issue\/([^/]+)\/properties$/)) && method === 'GET') {
      const prefix = `${m[1]} `;
      return JSON.stringify({ keys: [...this.properties.keys()].filter((k) => k.startsWith(prefix)).map((k) => ({ key: k.slice(prefix.length) })) });
    }
    if ((m = path.match(/^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/))) {
      const key = `${m[1]} ${m[2]}`;
      if (method === 'PUT') this.properties.set(key, JSON.parse(r.json ?? 'null'));
      else if (!this.properties.has(key)) throw new HostRequestError(404, 'no such property');
      else if (method === 'DELETE') this.properties.delete(key);
      return method === 'GET' ? JSON.stringify({ key: m[2], value: this.properties.get(key) }) : '';
    }
    if ((m = path.match(/^\/rest\/api\/3\/attachment\/(\d+)$/)) && method === 'DELETE') {
      const index = this.files.findIndex((f) => f.id === m![1]);
      if (index < 0) throw new HostRequestError(404, 'no such attachment');
      this.files.splice(index, 1);
      return '';
    }
    throw new HostRequestError(400, `the fake site does not answer ${method} ${r.path}`);
  }

  private async download(path: string): Promise<ArrayBuffer> {
    this.requests.push({ method: 'GET', path });
    const url = new URL(path, 'https://site.example');
    const m = url.pathname.match(/^\/rest\/api\/content\/\d+\/child\/attachment\/(att\d+)\/download$|^\/rest\/api\/3\/attachment\/content\/(\d+)$/);
    const file = m && this.files.find((f) => f.id === (m[1] ?? m[2]));
    if (!file) throw new HostRequestError(404, `no attachment at ${path}`);
    const version = url.searchParams.get('version');
    const bytes = version ? file.versions[Number(version) - 1]?.bytes : file.versions.at(-1)!.bytes;
    if (!bytes) throw new HostRequestError(404, `no version ${version}`);
    return bytes.slice().buffer;
  }
}

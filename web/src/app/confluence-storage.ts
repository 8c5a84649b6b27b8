// Diagrams as attachments of a Confluence page, read and written by the browser as the current user through the
// host (Connect: AP.request, Forge: requestConfluence). This is the only save path the pages use, so it works under
// lockdown: the diagram goes from the browser to the customer's site and never to our servers (REFERENCE §4).
import { HostRequestError, type Host } from './host/host';
import { mxfileType, nameProblem, previewName, previewType, revisionVersion } from './storage';

export interface SavedDiagram {
  name: string;
  /** The diagram attachment's version after the save. */
  revision: number;
  /** The version of the {name}.png preview saved with it. */
  previewRevision?: number;
}

interface Attachment {
  id: string;
  title: string;
  version?: { number: number };
  metadata?: { mediaType?: string };
  extensions?: { mediaType?: string };
}

const attachments = (pageId: string) => `/rest/api/content/${encodeURIComponent(pageId)}/child/attachment`;

/** The attachment named `name` on the page, published or draft (a page never published keeps its files as a draft). */
export async function confluenceLatest(host: Host, pageId: string, name: string): Promise<Attachment | null> {
  for (const status of ['current', 'draft']) {
    try {
      const body = await host.productRequest({ path: `${attachments(pageId)}?filename=${encodeURIComponent(name)}&expand=version&status=${status}` });
      const found = (JSON.parse(body) as { results: Attachment[] }).results.find((a) => a.title === name);
      if (found) return found;
    } catch (e) {
      if (!(e instanceof HostRequestError && e.status === 404)) throw e;
    }
  }
  return null;
}

const listPage = 200;
const maxListed = 2000;

/**
 * The names of the page's diagrams (a page never published: of its draft), sorted: attachments typed as draw.io files
 * (what every save writes) or named *.drawio (uploaded from draw.io), whose name a macro may use (storage.ts
 * nameProblem). At most the page's first 2000 attachments are looked at.
 */
export async function confluenceDiagrams(host: Host, pageId: string): Promise<string[]> {
  const names = new Set<string>();
  for (const status of ['current', 'draft']) {
    try {
      for (let start = 0; start < maxListed; start += listPage) {
        const body = await host.productRequest({ path: `${attachments(pageId)}?expand=version&status=${status}&limit=${listPage}&start=${start}` });
        const results = (JSON.parse(body) as { results?: Attachment[] }).results ?? [];
        for (const a of results) {
          const type = a.extensions?.mediaType ?? a.metadata?.mediaType;
          if ((type === mxfileType || /\.drawio$/i.test(a.title)) && !nameProblem(a.title)) names.add(a.title);
        }
        if (results.length < listPage) break;
      }
      return [...names].sort((a, b) => a.localeCompare(b));
    } catch (e) {
      if (!(e instanceof HostRequestError && e.status === 404)) throw e;
    }
  }
  return [];
}

/** The diagram at the macro's revision, or the latest when it names none. */
export async function confluenceLoad(host: Host, pageId: string, name: string, revision?: string): Promise<string> {
  const attachment = await confluenceLatest(host, pageId, name);
  if (!attachment) throw new Error(`This page has no diagram named "${name}".`);
  const version = revisionVersion(revision);
  const bytes = await host.productDownload(`${attachments(pageId)}/${encodeURIComponent(attachment.id)}/download${version ? `?version=${version}` : ''}`);
  return new TextDecoder().decode(bytes);
}

async function put(host: Host, pageId: string, file: File, comment: string): Promise<Attachment> {
  const request = (status: string) =>
    host.productRequest({ path: `${attachments(pageId)}?status=${status}`, method: 'PUT', form: { file, fields: { minorEdit: 'true', comment } } });
  let body: string;
  try {
    body = await request('current');
  } catch (e) {
    if (!(e instanceof HostRequestError && e.status === 404)) throw e;
    body = await request('draft');
  }
  const parsed = JSON.parse(body) as { results?: Attachment[] } & Attachment;
  return parsed.results?.[0] ?? parsed;
}

/** Saves the preview, then the diagram (as the server does: a failed preview leaves the diagram as it was). */
export async function confluenceSave(host: Host, pageId: string, name: string, xml: string, preview: Blob | null): Promise<SavedDiagram> {
  const image = preview ? await put(host, pageId, new File([preview], previewName(name), { type: previewType }), 'Diagram preview') : null;
  const saved = await put(host, pageId, new File([xml], name, { type: mxfileType }), 'Diagram saved');
  return { name, revision: saved.version?.number ?? 1, previewRevision: image?.version?.number };
}

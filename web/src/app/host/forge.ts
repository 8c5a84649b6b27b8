// The Host over @forge/bridge, for the Custom UI pages (forge/static/*). Product calls go through requestConfluence /
// requestJira as the user, our backend through invokeRemote under /forge (Forge adds the FIT), heavy jobs through a
// job ticket posted straight to the backend. Every bridge call these make is listed in docs/forge-bridge.md.
import { invokeRemote, later, requestConfluence, requestJira, view } from './forge-bridge';
import { ApiError, asFullViewTarget, HostRequestError, issueKeyPattern, problemOf, type BackendAnswer, type EditorTarget, type Host, type HostContext, type JobKind, type MacroConfig, type ProductRequest } from './host';
import { ticketUrl } from './ticket';

/** App serves Forge calls under this prefix (the manifest endpoint's route.path). */
const remotePrefix = '/forge';

interface ForgeContext {
  accountId?: string;
  cloudId?: string;
  locale?: string;
  extension?: {
    type?: string;
    content?: { id?: unknown };
    config?: Record<string, unknown>;
    issue?: { key?: unknown; id?: unknown };
    modal?: { issueKey?: unknown; name?: unknown; fullView?: unknown };
  };
}

interface RemoteAnswer {
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
  message?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);

export function forgeHost(): Host {
  let loaded: Promise<ForgeContext> | null = null;
  const forgeContext = () => (loaded ??= view.getContext() as Promise<ForgeContext>);

  const context = async (): Promise<HostContext> => {
    const c = await forgeContext();
    const extension = c.extension ?? {};
    return {
      product: extension.type?.startsWith('jira:') ? 'jira' : 'confluence',
      site: str(c.cloudId),
      pageId: str(extension.content?.id),
      issueKey: str(extension.issue?.key),
      issueId: str(extension.issue?.id),
      accountId: c.accountId,
      locale: c.locale,
    };
  };

  const productFetch = async (r: ProductRequest): Promise<Response> => {
    const { product } = await context();
    const init: RequestInit = { method: r.method ?? 'GET' };
    if (r.json !== undefined) {
      init.body = r.json;
      init.headers = { 'Content-Type': 'application/json' };
    } else if (r.form) {
      const form = new FormData();
      form.append('file', r.form.file, r.form.file.name);
      for (const [key, value] of Object.entries(r.form.fields ?? {})) form.append(key, value);
      init.body = form;
    }
    const response = product === 'jira' ? await requestJira(r.path, init) : await requestConfluence(`/wiki${r.path}`, init);
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new HostRequestError(response.status, `${init.method} ${r.path} failed (${response.status}): ${detail}`);
    }
    return response;
  };

  const remote = async <T>(path: string, method: 'GET' | 'PUT' | 'POST', headers: Record<string, string>, body: unknown): Promise<BackendAnswer<T>> => {
    const answer = ((await invokeRemote({ path: `${remotePrefix}${path}`, method, headers, body })) ?? {}) as RemoteAnswer;
    const status = typeof answer.status === 'number' ? answer.status : 0;
    if (status < 200 || status > 299) {
      const problem = answer.body && typeof answer.body === 'object' ? (answer.body as ApiError['problem']) : {};
      throw new ApiError(status, status ? problem : { title: 'The app could not be reached through Forge', detail: answer.message });
    }
    const answerHeaders = Object.entries(answer.headers ?? {});
    return {
      body: answer.body as T,
      header: (name) => {
        const value = answerHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
        return value === undefined ? null : Array.isArray(value) ? value.join(',') : value;
      },
    };
  };

  return {
    context,
    macroConfig: async (): Promise<MacroConfig> => {
      const config = (await forgeContext()).extension?.config ?? {};
      return { diagramName: str(config.diagramName), revision: str(config.revision), previewRevision: str(config.previewRevision) };
    },
    editorTarget: async () => {
      const modal = (await forgeContext()).extension?.modal;
      const issueKey = str(modal?.issueKey);
      if (!issueKey || !issueKeyPattern.test(issueKey)) throw new Error('The editor was opened without an issue.');
      return { issueKey, name: str(modal?.name) ?? null };
    },
    productRequest: async (r) => (await productFetch(r)).text(),
    productDownload: async (path) => (await productFetch({ path })).arrayBuffer(),
    backend: async <T>(path: string, r: { method?: 'GET' | 'PUT' | 'POST'; json?: string; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...r.headers };
      let body: unknown;
      if (r.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        try {
          body = JSON.parse(r.json); // invokeRemote carries a JSON value, not text
        } catch (e) {
          throw new ApiError(400, { title: 'Invalid JSON', detail: `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
      return remote<T>(path, r.method ?? 'GET', headers, body);
    },
    job: async (kind: JobKind, input, query, headers) => {
      // invokeRemote carries JSON only and Forge ends it at 25 s: ask for a ticket, then post the job to App directly.
      const { body } = await remote<{ ticket?: unknown; url?: unknown }>('/api/jobs/tickets', 'POST', { 'Content-Type': 'application/json' }, { kind });
      const url = ticketUrl(body?.url, kind);
      if (typeof body?.ticket !== 'string' || !body.ticket) throw new ApiError(502, { title: 'No job ticket', detail: 'The app answered the ticket request without a ticket.' });
      const response = await fetch(`${url}${query ? `?${query}` : ''}`, {
        method: 'POST',
        body: input,
        headers: { ...headers, Authorization: `Ticket ${body.ticket}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      if (!response.ok) throw await problemOf(response);
      return response.blob();
    },
    submitMacro: async (config) => view.submit({ config: { ...config } }),
    close: async (result) => view.close(result),
    openEditor: async (target: EditorTarget, onClosed) =>
      new (await later()).Modal({ resource: 'editor', size: 'max', context: target, closeOnEscape: false, closeOnOverlayClick: false, title: 'Diagram editor', onClose: () => onClosed() }).open(),
    openFullView: async (target) =>
      new (await later()).Modal({ resource: 'viewer', size: 'max', context: { fullView: target }, title: target.diagramName }).open(),
    fullViewTarget: async () => {
      const modal = (await forgeContext()).extension?.modal;
      if (!modal || modal.fullView === undefined) return null;
      const target = asFullViewTarget(modal.fullView);
      if (!target) throw new Error('The full view was opened without a diagram.');
      return target;
    },
    editPage: async (pageId) => (await later()).router.navigate({ target: 'contentEdit', contentId: pageId }),
    resize: () => undefined, // Forge sizes a Custom UI iframe to its content
  };
}

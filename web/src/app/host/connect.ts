// The Host over Atlassian Connect's AP (all.js): the page's parameters come from App's page shell (<body data-page,
// data-product, data-params>), product calls go through AP.request as the user, our /api through fetch with the
// page's context token (context-qsh; never the iframe's full-qsh token).
import { ap, contextToken, getMacroData, hostRequest, pageParams, resizeTo, type HostRequest } from './ap';
import { asFullViewTarget, issueKeyPattern, problemOf, text, type BackendAnswer, type EditorTarget, type Host, type MacroConfig, type ProductRequest } from './host';

/** Connect's dialog modules (atlassian-connect.json): the Jira editor, and Confluence's full view of a diagram. */
const editorDialogKey = 'secure-diagrams-editor';
const fullViewDialogKey = 'secure-diagrams-full-view';
/** The pages App serves in those dialogs (<body data-page>): they close with AP.dialog.close. */
const dialogPages = ['jira-editor', 'full-view'];

export function connectHost(): Host {
  const params = pageParams();
  const page = document.body.dataset.page ?? '';
  let onEditorClosed: (() => void) | null = null;

  const request = (r: ProductRequest): HostRequest => ({
    url: r.path,
    type: r.method,
    ...(r.json !== undefined ? { contentType: 'application/json', data: r.json } : {}),
    ...(r.form ? { contentType: 'multipart/form-data', data: { file: r.form.file, ...r.form.fields } } : {}),
  });

  const backendFetch = async (path: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `JWT ${await contextToken()}`);
    const response = await fetch(path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw await problemOf(response);
    return response;
  };

  return {
    context: async () => ({
      product: document.body.dataset.product === 'jira' ? 'jira' : 'confluence',
      site: new URLSearchParams(location.search).get('xdm_e') ?? undefined, // the host's base URL, as Atlassian adds it to every iframe
      pageId: params.pageId || undefined,
      issueKey: params.issueKey || undefined,
      issueId: params.issueId || undefined,
    }),
    // The view page gets the saved parameters in its URL (validated by App); the editor asks the host.
    macroConfig: async (): Promise<MacroConfig> => (page === 'viewer' ? { diagramName: params.diagramName, revision: params.revision } : getMacroData()),
    editorTarget: async () => {
      const host = await ap();
      const data = await new Promise<Partial<EditorTarget> | undefined>((resolve) => host.dialog!.getCustomData((d) => resolve(d as Partial<EditorTarget>)));
      if (!data?.issueKey || !issueKeyPattern.test(data.issueKey)) throw new Error('The editor was opened without an issue.');
      return { issueKey: data.issueKey, name: typeof data.name === 'string' && data.name ? data.name : null };
    },
    productRequest: async (r) => text((await hostRequest<string>(request(r))).body),
    productDownload: async (path) => {
      const { body } = await hostRequest<ArrayBuffer | string>({ url: path, binaryAttachment: true });
      return typeof body === 'string' ? new TextEncoder().encode(body).buffer : body;
    },
    backend: async <T>(path: string, r: { method?: string; json?: string; headers?: Record<string, string> } = {}): Promise<BackendAnswer<T>> => {
      const headers: Record<string, string> = { ...r.headers };
      if (r.json !== undefined) headers['Content-Type'] = 'application/json';
      const response = await backendFetch(path, { method: r.method ?? 'GET', body: r.json, headers });
      return { body: (await response.json()) as T, header: (name) => response.headers.get(name) };
    },
    job: async (kind, input, query, headers) =>
      (await backendFetch(`/api/jobs/${kind}${query ? `?${query}` : ''}`, { method: 'POST', body: input, headers })).blob(),
    submitMacro: async (config) => {
      const host = await ap();
      host.confluence?.saveMacro({ ...config } as Record<string, string>);
      host.confluence?.closeMacroEditor();
    },
    close: async (result) => {
      const host = await ap();
      if (dialogPages.includes(page)) host.dialog!.close(result);
      else host.confluence?.closeMacroEditor();
    },
    openEditor: async (target, onClosed) => {
      const host = await ap();
      if (!onEditorClosed) host.events?.on('dialog.close', () => onEditorClosed?.());
      onEditorClosed = onClosed;
      host.dialog!.create({ key: editorDialogKey, customData: target, size: 'fullscreen' });
    },
    openFullView: async (target) => {
      (await ap()).dialog!.create({ key: fullViewDialogKey, customData: target, size: 'fullscreen' });
    },
    fullViewTarget: async () => {
      if (page !== 'full-view') return null;
      const host = await ap();
      const data = await new Promise<unknown>((resolve) => host.dialog!.getCustomData((d) => resolve(d)));
      const target = asFullViewTarget(data);
      if (!target) throw new Error('The full view was opened without a diagram.');
      return target;
    },
    editPage: async (pageId) => {
      const host = await ap();
      if (!host.navigator) throw new Error('The host cannot open the page editor.');
      host.navigator.go('contentedit', { contentId: pageId });
    },
    resize: (height) => void resizeTo(height),
  };
}

// Diagrams as attachments of the Confluence page or Jira issue, read and written by the browser with AP.request
// as the current user (REFERENCE §4-5). This is the only save path the pages use, so it works under lockdown:
// the diagram goes from the browser to the customer's site and never to our servers.
import { hostRequest, HostRequestError } from './ap';

export const mxfileType = 'application/vnd.jgraph.mxfile';

export interface SavedDiagram {
  name: string;
  /** Confluence: the attachment version; Jira: the save counter in the diagram's property. */
  revision: number;
  /** Confluence: the version of the {name}.png preview saved with it. */
  previewRevision?: number;
}

/** Names: what DESIGN's DiagramName rules allow (no path separators, no preview suffixes). */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return 'Give the diagram a name.';
  if (name.length > 200) return 'The name may have at most 200 characters.';
  if (name.trim() !== name) return 'The name may not start or end with spaces.';
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]|\.\./.test(name)) return "The name may not contain '/', '\\', control characters or '..'.";
  if (/\.(png|svg)$/i.test(name)) return 'The name may not end in .png or .svg.';
  return null;
}

function text(buffer: unknown): string {
  if (typeof buffer === 'string') return buffer;
  return new TextDecoder().decode(buffer as ArrayBuffer);
}

// ---- Confluence -------------------------------------------------------------------------------------------

interface ConfluenceAttachment {
  id: string;
  title: string;
  version?: { number: number };
}

export async function confluenceLatest(pageId: string, name: string): Promise<ConfluenceAttachment | null> {
  for (const status of ['current', 'draft']) {
    try {
      const { body } = await hostRequest<string>({
        url: `/rest/api/content/${encodeURIComponent(pageId)}/child/attachment?filename=${encodeURIComponent(name)}&expand=version&status=${status}`,
      });
      const results = (JSON.parse(text(body)) as { results: ConfluenceAttachment[] }).results;
      const found = results.find((a) => a.title === name);
      if (found) return found;
    } catch (e) {
      if (!(e instanceof HostRequestError && e.status === 404)) throw e;
    }
  }
  return null;
}

/** The diagram at a revision (the macro's saved one), or the latest when none is given. */
export async function confluenceLoad(pageId: string, name: string, revision?: string): Promise<string> {
  const version = revision && /^\d+$/.test(revision) ? `?version=${revision}` : '';
  const { body } = await hostRequest<ArrayBuffer>({
    url: `/download/attachments/${encodeURIComponent(pageId)}/${encodeURIComponent(name)}${version}`,
    binaryAttachment: true,
  });
  return text(body);
}

async function confluencePut(pageId: string, file: File, comment: string): Promise<ConfluenceAttachment> {
  const request = (status: string) =>
    hostRequest<string>({
      url: `/rest/api/content/${encodeURIComponent(pageId)}/child/attachment?status=${status}`,
      type: 'PUT',
      contentType: 'multipart/form-data',
      data: { file, minorEdit: 'true', comment },
    });
  let response;
  try {
    response = await request('current');
  } catch (e) {
    // A page that was never published is a draft: its attachments live under status=draft.
    if (!(e instanceof HostRequestError && e.status === 404)) throw e;
    response = await request('draft');
  }
  const parsed = JSON.parse(text(response.body)) as { results?: ConfluenceAttachment[] } & ConfluenceAttachment;
  return parsed.results?.[0] ?? parsed;
}

/** Saves the diagram, then its PNG preview; the revision is the diagram attachment's new version. */
export async function confluenceSave(pageId: string, name: string, xml: string, preview: Blob | null): Promise<SavedDiagram> {
  const saved = await confluencePut(pageId, new File([xml], name, { type: mxfileType }), 'Diagram saved');
  const image = preview ? await confluencePut(pageId, new File([preview], `${name}.png`, { type: 'image/png' }), 'Diagram preview') : null;
  return { name, revision: saved.version?.number ?? 1, previewRevision: image?.version?.number };
}

// ---- Jira -------------------------------------------------------------------------------------------------
// Each diagram has its own issue property, `secure-diagram.{hash of the name}` (the same the server-side API
// writes): issue properties have no version check, so a shared index would lose an entry when two people save
// different diagrams at once; separate properties never collide.

export const jiraPropertyPrefix = 'secure-diagram.';
const maxDiagramsPerIssue = 200;

export interface JiraDiagram {
  name: string;
  attachmentId: string;
  previewId: string | null;
  version: number;
  updatedUtc: string;
}

export async function jiraPropertyKey(name: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)));
  return jiraPropertyPrefix + Array.from(hash.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

const issuePath = (issueKey: string) => `/rest/api/3/issue/${encodeURIComponent(issueKey)}`;

async function jiraPropertyKeys(issueKey: string): Promise<string[]> {
  const { body } = await hostRequest<string>({ url: `${issuePath(issueKey)}/properties` });
  const keys = (JSON.parse(text(body)) as { keys?: Array<{ key?: string }> }).keys ?? [];
  return keys.map((k) => k.key ?? '').filter((k) => k.startsWith(jiraPropertyPrefix));
}

async function jiraReadDiagram(issueKey: string, key: string): Promise<JiraDiagram | null> {
  try {
    const { body } = await hostRequest<string>({ url: `${issuePath(issueKey)}/properties/${encodeURIComponent(key)}` });
    const value = (JSON.parse(text(body)) as { value?: JiraDiagram }).value;
    return value?.name && value.attachmentId && (await jiraPropertyKey(value.name)) === key ? value : null;
  } catch (e) {
    if (e instanceof HostRequestError && e.status === 404) return null; // deleted in the meantime
    throw e;
  }
}

export async function jiraList(issueKey: string): Promise<JiraDiagram[]> {
  const keys = (await jiraPropertyKeys(issueKey)).sort();
  const diagrams: JiraDiagram[] = [];
  for (let i = 0; i < keys.length; i += 8) {
    const chunk = await Promise.all(keys.slice(i, i + 8).map((key) => jiraReadDiagram(issueKey, key)));
    diagrams.push(...chunk.filter((d): d is JiraDiagram => d !== null));
  }
  return diagrams;
}

async function jiraFind(issueKey: string, name: string): Promise<JiraDiagram | null> {
  const key = await jiraPropertyKey(name);
  return (await jiraPropertyKeys(issueKey)).includes(key) ? jiraReadDiagram(issueKey, key) : null;
}

export async function jiraDownload(attachmentId: string): Promise<ArrayBuffer> {
  const { body } = await hostRequest<ArrayBuffer>({ url: `/rest/api/3/attachment/content/${encodeURIComponent(attachmentId)}`, binaryAttachment: true });
  return typeof body === 'string' ? new TextEncoder().encode(body).buffer : body;
}

export async function jiraLoad(issueKey: string, name: string): Promise<string> {
  const diagram = await jiraFind(issueKey, name);
  if (!diagram) throw new Error(`Issue ${issueKey} has no diagram named "${name}".`);
  return text(await jiraDownload(diagram.attachmentId));
}

async function jiraUpload(issueKey: string, file: File): Promise<string> {
  const { body } = await hostRequest<string>({
    url: `${issuePath(issueKey)}/attachments`,
    type: 'POST',
    contentType: 'multipart/form-data',
    data: { file },
  });
  return (JSON.parse(text(body)) as Array<{ id: string }>)[0].id;
}

async function jiraDeleteAttachment(id: string | null): Promise<void> {
  if (!id) return;
  try {
    await hostRequest({ url: `/rest/api/3/attachment/${encodeURIComponent(id)}`, type: 'DELETE' });
  } catch (e) {
    if (!(e instanceof HostRequestError && e.status === 404)) throw e;
  }
}

/** Best effort: a file left behind is an orphan on the issue, never a lost diagram. */
async function jiraDeleteFiles(diagram: JiraDiagram): Promise<void> {
  await jiraDeleteAttachment(diagram.attachmentId).catch(() => undefined);
  await jiraDeleteAttachment(diagram.previewId).catch(() => undefined);
}

/** Jira has no attachment versions: upload the new files, point the diagram's property at them, then delete the old ones. */
export async function jiraSave(issueKey: string, name: string, xml: string, preview: Blob | null): Promise<SavedDiagram> {
  const key = await jiraPropertyKey(name);
  const keys = await jiraPropertyKeys(issueKey);
  const old = keys.includes(key) ? await jiraReadDiagram(issueKey, key) : null;
  if (!old && keys.length >= maxDiagramsPerIssue) throw new Error(`Issue ${issueKey} already holds ${maxDiagramsPerIssue} diagrams; delete some first.`);
  const attachmentId = await jiraUpload(issueKey, new File([xml], name, { type: mxfileType }));
  const previewId = preview ? await jiraUpload(issueKey, new File([preview], `${name}.png`, { type: 'image/png' })) : null;
  const saved: JiraDiagram = { name, attachmentId, previewId, version: (old?.version ?? 0) + 1, updatedUtc: new Date().toISOString() };
  try {
    await hostRequest({ url: `${issuePath(issueKey)}/properties/${encodeURIComponent(key)}`, type: 'PUT', contentType: 'application/json', data: JSON.stringify(saved) });
  } catch (e) {
    await jiraDeleteFiles(saved); // nothing names the new files: remove them rather than leave orphans
    throw e;
  }
  if ((await jiraReadDiagram(issueKey, key))?.attachmentId !== attachmentId) {
    await jiraDeleteFiles(saved);
    throw new Error(`Another save of "${name}" landed at the same moment; reload to see it.`);
  }
  if (old) await jiraDeleteFiles(old);
  return { name, revision: saved.version };
}

export async function jiraDelete(issueKey: string, name: string): Promise<void> {
  const diagram = await jiraFind(issueKey, name);
  if (!diagram) return;
  try {
    await hostRequest({ url: `${issuePath(issueKey)}/properties/${encodeURIComponent(await jiraPropertyKey(name))}`, type: 'DELETE' });
  } catch (e) {
    if (!(e instanceof HostRequestError && e.status === 404)) throw e;
  }
  await jiraDeleteFiles(diagram);
}

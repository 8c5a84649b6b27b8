// Diagrams as attachments of the Confluence page or Jira issue, read and written by the browser with AP.request
// as the current user (REFERENCE §4-5). This is the only save path the pages use, so it works under lockdown:
// the diagram goes from the browser to the customer's site and never to our servers.
import { hostRequest, HostRequestError } from './ap';

export const mxfileType = 'application/vnd.jgraph.mxfile';

export interface SavedDiagram {
  name: string;
  /** Confluence: the attachment version; Jira: our index's counter. */
  revision: number;
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
  if (preview) await confluencePut(pageId, new File([preview], `${name}.png`, { type: 'image/png' }), 'Diagram preview');
  return { name, revision: saved.version?.number ?? 1 };
}

// ---- Jira -------------------------------------------------------------------------------------------------

/** The issue property our index lives in (the same shape App's /api/diagrams writes). */
export const jiraPropertyKey = 'secure-diagrams';

export interface JiraDiagram {
  name: string;
  attachmentId: string;
  previewId: string | null;
  version: number;
  updatedUtc: string;
}

export async function jiraList(issueKey: string): Promise<JiraDiagram[]> {
  try {
    const { body } = await hostRequest<string>({ url: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/properties/${jiraPropertyKey}` });
    const property = JSON.parse(text(body)) as { value?: { diagrams?: JiraDiagram[] } };
    return property.value?.diagrams ?? [];
  } catch (e) {
    if (e instanceof HostRequestError && e.status === 404) return [];
    throw e;
  }
}

export async function jiraDownload(attachmentId: string): Promise<ArrayBuffer> {
  const { body } = await hostRequest<ArrayBuffer>({ url: `/rest/api/3/attachment/content/${encodeURIComponent(attachmentId)}`, binaryAttachment: true });
  return typeof body === 'string' ? new TextEncoder().encode(body).buffer : body;
}

export async function jiraLoad(issueKey: string, name: string): Promise<string> {
  const diagram = (await jiraList(issueKey)).find((d) => d.name === name);
  if (!diagram) throw new Error(`Issue ${issueKey} has no diagram named "${name}".`);
  return text(await jiraDownload(diagram.attachmentId));
}

async function jiraUpload(issueKey: string, file: File): Promise<string> {
  const { body } = await hostRequest<string>({
    url: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/attachments`,
    type: 'POST',
    contentType: 'multipart/form-data',
    data: { file },
  });
  return (JSON.parse(text(body)) as Array<{ id: string }>)[0].id;
}

async function jiraWriteIndex(issueKey: string, diagrams: JiraDiagram[]): Promise<void> {
  const value = JSON.stringify({ diagrams });
  if (value.length > 32768) throw new Error('This issue has too many diagrams to list in its property (32,768 characters); delete some first.');
  await hostRequest({
    url: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/properties/${jiraPropertyKey}`,
    type: 'PUT',
    contentType: 'application/json',
    data: value,
  });
}

async function jiraDeleteAttachment(id: string | null): Promise<void> {
  if (!id) return;
  try {
    await hostRequest({ url: `/rest/api/3/attachment/${encodeURIComponent(id)}`, type: 'DELETE' });
  } catch (e) {
    if (!(e instanceof HostRequestError && e.status === 404)) throw e;
  }
}

/**
 * Read → change → write → read back, until the read-back shows the change (at most four rounds). Issue properties
 * have no version check, so two people saving different diagrams at once could each write a list without the
 * other's entry; re-applying the change on what is there now keeps both. Answers the entry replaced and the final index.
 */
async function jiraUpdateIndex(
  issueKey: string,
  change: (current: JiraDiagram[]) => { replaced: JiraDiagram | undefined; next: JiraDiagram[] },
  applied: (index: JiraDiagram[]) => boolean,
): Promise<{ replaced: JiraDiagram | undefined; final: JiraDiagram[] }> {
  for (let round = 1; ; round++) {
    const { replaced, next } = change(await jiraList(issueKey));
    await jiraWriteIndex(issueKey, next);
    const final = await jiraList(issueKey);
    if (applied(final)) return { replaced, final };
    if (round === 4) throw new Error(`The diagram list of issue ${issueKey} kept changing under this save; try again.`);
  }
}

/** Deletes a replaced or removed diagram's files, keeping any the index still names. */
async function jiraDeleteFiles(diagram: JiraDiagram, index: JiraDiagram[]): Promise<void> {
  const referenced = new Set(index.flatMap((d) => [d.attachmentId, d.previewId]));
  for (const id of [diagram.attachmentId, diagram.previewId]) {
    if (id && !referenced.has(id)) await jiraDeleteAttachment(id);
  }
}

/** Jira has no attachment versions: upload the new files, point the index at them, then delete the old ones. */
export async function jiraSave(issueKey: string, name: string, xml: string, preview: Blob | null): Promise<SavedDiagram> {
  const attachmentId = await jiraUpload(issueKey, new File([xml], name, { type: mxfileType }));
  const previewId = preview ? await jiraUpload(issueKey, new File([preview], `${name}.png`, { type: 'image/png' })) : null;
  let version = 1;
  let updated: Awaited<ReturnType<typeof jiraUpdateIndex>>;
  try {
    updated = await jiraUpdateIndex(
      issueKey,
      (current) => {
        const previous = current.find((d) => d.name === name);
        version = (previous?.version ?? 0) + 1;
        const saved: JiraDiagram = { name, attachmentId, previewId, version, updatedUtc: new Date().toISOString() };
        return { replaced: previous, next: [...current.filter((d) => d.name !== name), saved] };
      },
      (index) => index.some((d) => d.name === name && d.attachmentId === attachmentId),
    );
  } catch (e) {
    // The index does not name the new files: remove them rather than leave orphans on the issue.
    await jiraDeleteAttachment(attachmentId).catch(() => undefined);
    await jiraDeleteAttachment(previewId).catch(() => undefined);
    throw e;
  }
  if (updated.replaced) await jiraDeleteFiles(updated.replaced, updated.final);
  return { name, revision: version };
}

export async function jiraDelete(issueKey: string, name: string): Promise<void> {
  const { replaced, final } = await jiraUpdateIndex(
    issueKey,
    (current) => ({ replaced: current.find((d) => d.name === name), next: current.filter((d) => d.name !== name) }),
    (index) => index.every((d) => d.name !== name),
  );
  if (replaced) await jiraDeleteFiles(replaced, final);
}

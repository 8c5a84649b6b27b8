// Diagrams as attachments of a Jira issue, each recorded in its own issue property (storage.ts), read and written by
// the browser as the current user through the host (Connect: AP.request, Forge: requestJira). Jira has no attachment
// versions: a save uploads the new files, points the property at them, then deletes the old ones (REFERENCE §5).
import { HostRequestError, type Host } from './host/host';
import { isJiraAttachmentId, jiraPropertyKey, jiraPropertyPrefix, jiraRecord, mxfileType, previewName, previewType, type JiraDiagram } from './storage';

const maxDiagramsPerIssue = 200;
const issuePath = (issueKey: string) => `/rest/api/3/issue/${encodeURIComponent(issueKey)}`;
const propertyPath = (issueKey: string, key: string) => `${issuePath(issueKey)}/properties/${encodeURIComponent(key)}`;
const ignore404 = (e: unknown) => {
  if (!(e instanceof HostRequestError && e.status === 404)) throw e;
};

async function propertyKeys(host: Host, issueKey: string): Promise<string[]> {
  const body = await host.productRequest({ path: `${issuePath(issueKey)}/properties` });
  const keys = (JSON.parse(body) as { keys?: Array<{ key?: string }> }).keys ?? [];
  return keys.map((k) => k.key ?? '').filter((k) => k.startsWith(jiraPropertyPrefix));
}

async function readDiagram(host: Host, issueKey: string, key: string): Promise<JiraDiagram | null> {
  try {
    return await jiraRecord(key, (JSON.parse(await host.productRequest({ path: propertyPath(issueKey, key) })) as { value?: unknown }).value);
  } catch (e) {
    ignore404(e); // deleted in the meantime
    return null;
  }
}

export async function jiraList(host: Host, issueKey: string): Promise<JiraDiagram[]> {
  const keys = (await propertyKeys(host, issueKey)).sort();
  const diagrams: JiraDiagram[] = [];
  for (let i = 0; i < keys.length; i += 8) {
    const chunk = await Promise.all(keys.slice(i, i + 8).map((key) => readDiagram(host, issueKey, key)));
    diagrams.push(...chunk.filter((d): d is JiraDiagram => d !== null));
  }
  return diagrams;
}

async function find(host: Host, issueKey: string, name: string): Promise<JiraDiagram | null> {
  const key = await jiraPropertyKey(name);
  return (await propertyKeys(host, issueKey)).includes(key) ? readDiagram(host, issueKey, key) : null;
}

export async function jiraDownload(host: Host, attachmentId: string): Promise<ArrayBuffer> {
  if (!isJiraAttachmentId(attachmentId)) throw new Error('That is not a Jira attachment id.');
  return host.productDownload(`/rest/api/3/attachment/content/${attachmentId}`);
}

export async function jiraLoad(host: Host, issueKey: string, name: string): Promise<string> {
  const diagram = await find(host, issueKey, name);
  if (!diagram) throw new Error(`Issue ${issueKey} has no diagram named "${name}".`);
  return new TextDecoder().decode(await jiraDownload(host, diagram.attachmentId));
}

async function upload(host: Host, issueKey: string, file: File): Promise<string> {
  const body = await host.productRequest({ path: `${issuePath(issueKey)}/attachments`, method: 'POST', form: { file } });
  const id = (JSON.parse(body) as Array<{ id?: unknown }>)[0]?.id;
  if (!isJiraAttachmentId(id)) throw new Error(`Jira answered the upload of "${file.name}" without an attachment id.`);
  return id;
}

/**
 * Best effort: a file left behind is an orphan on the issue, never a lost diagram. Only files on this issue are
 * deleted: the ids come from a property any editor of the issue can write.
 */
async function deleteFiles(host: Host, issueKey: string, diagram: JiraDiagram): Promise<void> {
  let onIssue: Set<string>;
  try {
    const issue = JSON.parse(await host.productRequest({ path: `${issuePath(issueKey)}?fields=attachment` })) as { fields?: { attachment?: Array<{ id?: string }> } };
    onIssue = new Set((issue.fields?.attachment ?? []).map((a) => a.id ?? ''));
  } catch {
    return;
  }
  for (const id of [diagram.attachmentId, diagram.previewId]) {
    if (id && onIssue.has(id)) await host.productRequest({ path: `/rest/api/3/attachment/${id}`, method: 'DELETE' }).catch(() => undefined);
  }
}

export async function jiraSave(host: Host, issueKey: string, name: string, xml: string, preview: Blob | null): Promise<{ name: string; revision: number }> {
  const key = await jiraPropertyKey(name);
  const keys = await propertyKeys(host, issueKey);
  const old = keys.includes(key) ? await readDiagram(host, issueKey, key) : null;
  if (!old && keys.length >= maxDiagramsPerIssue) throw new Error(`Issue ${issueKey} already holds ${maxDiagramsPerIssue} diagrams; delete some first.`);
  const attachmentId = await upload(host, issueKey, new File([xml], name, { type: mxfileType }));
  const previewId = preview ? await upload(host, issueKey, new File([preview], previewName(name), { type: previewType })) : null;
  const saved: JiraDiagram = { name, attachmentId, previewId, version: (old?.version ?? 0) + 1, updatedUtc: new Date().toISOString() };
  try {
    await host.productRequest({ path: propertyPath(issueKey, key), method: 'PUT', json: JSON.stringify(saved) });
  } catch (e) {
    await deleteFiles(host, issueKey, saved); // nothing names the new files: remove them rather than leave orphans
    throw e;
  }
  if ((await readDiagram(host, issueKey, key))?.attachmentId !== attachmentId) {
    await deleteFiles(host, issueKey, saved);
    throw new Error(`Another save of "${name}" landed at the same moment; reload to see it.`);
  }
  if (old) await deleteFiles(host, issueKey, old);
  return { name, revision: saved.version };
}

export async function jiraDelete(host: Host, issueKey: string, name: string): Promise<void> {
  const diagram = await find(host, issueKey, name);
  if (!diagram) return;
  await host.productRequest({ path: propertyPath(issueKey, await jiraPropertyKey(name)), method: 'DELETE' }).catch(ignore404);
  await deleteFiles(host, issueKey, diagram);
}

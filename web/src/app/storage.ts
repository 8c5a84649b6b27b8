// The storage protocol's rules, once for every page and host: how a diagram's files are named and typed, what a
// revision is, and how a Jira diagram's issue property is keyed and believed. The server (App/Attachments) follows
// the same rules; both are tested against ../shared/storage-vectors.json. The saves themselves, as the user through
// the host adapter: confluence-storage.ts and jira-storage.ts.

export const mxfileType = 'application/vnd.jgraph.mxfile';
export const previewType = 'image/png';
export const maxNameLength = 200;

/** The preview saved beside a diagram: `{name}.png`. */
export const previewName = (name: string): string => `${name}.png`;

/** What DESIGN's DiagramName rules allow (App/Attachments/DiagramUpload.cs DiagramName): no paths, controls or preview names. */
export function nameProblem(name: string): string | null {
  if (!name.trim()) return 'Give the diagram a name.';
  if (name.length > maxNameLength) return `The name may have at most ${maxNameLength} characters.`;
  if (name.trim() !== name) return 'The name may not start or end with spaces.';
  if (/[/\\\p{Cc}\p{Cf}]|\.\.|^\.$/u.test(name)) return "The name may not contain '/', '\\', control or invisible formatting characters, or '..'.";
  if (/\.(png|svg)$/i.test(name)) return 'The name may not end in .png or .svg.';
  return null;
}

/** The attachment version a macro's revision names, or null (no revision: read the latest). */
export function revisionVersion(revision: string | undefined): number | null {
  return revision && /^[0-9]{1,9}$/.test(revision) && Number(revision) >= 1 ? Number(revision) : null;
}

// ---- Jira: each diagram has its own issue property, `secure-diagram.{hash of the name}` --------------------------
// Issue properties have no version check, so a shared index would lose an entry when two people save different
// diagrams at once; separate properties never collide.

export const jiraPropertyPrefix = 'secure-diagram.';

export interface JiraDiagram {
  name: string;
  attachmentId: string;
  previewId: string | null;
  /** The save counter: the diagram's revision on Jira, which has no attachment versions. */
  version: number;
  updatedUtc: string;
}

export async function jiraPropertyKey(name: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)));
  return jiraPropertyPrefix + Array.from(hash.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const isJiraAttachmentId = (id: unknown): id is string => typeof id === 'string' && /^[0-9]{1,19}$/.test(id);

/** Users can write issue properties: a record is believed only if its name hashes to its key and its ids are Jira ids. */
export async function jiraRecord(key: string, value: unknown): Promise<JiraDiagram | null> {
  if (!value || typeof value !== 'object') return null;
  const record = value as Partial<JiraDiagram>;
  if (typeof record.name !== 'string' || !record.name || !isJiraAttachmentId(record.attachmentId)) return null;
  if (record.previewId != null && !isJiraAttachmentId(record.previewId)) return null;
  if ((await jiraPropertyKey(record.name)) !== key) return null;
  return {
    name: record.name,
    attachmentId: record.attachmentId,
    previewId: record.previewId ?? null,
    version: typeof record.version === 'number' ? record.version : 0,
    updatedUtc: typeof record.updatedUtc === 'string' ? record.updatedUtc : '',
  };
}

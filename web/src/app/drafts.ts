// Drafts of unsaved work, as draw.io keeps them, but never on our servers nor on the site: in this browser tab's
// sessionStorage, one per site + page or issue + diagram name (a new diagram's name is ''). Written while the user
// edits, offered when the editor opens that diagram again (after a crash, a reload or a dialog the host closed),
// removed by a save or a Discard. sessionStorage ends with the tab, so no diagram content lingers on a shared machine.

export interface Draft {
  /** The whole file, as getXml() writes it. */
  xml: string;
  /** The name typed for a new diagram ('' if none). */
  name: string;
  /** When it was written (ms since the epoch). */
  savedAt: number;
}

const prefix = 'secure-diagrams.draft.v1|';

export function draftKey(site: string, place: string, name: string): string {
  return `${prefix}${encodeURIComponent(site)}|${encodeURIComponent(place)}|${encodeURIComponent(name)}`;
}

/** null when the browser keeps nothing for this frame (storage blocked). */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft(key: string): Draft | null {
  try {
    const value = JSON.parse(storage()?.getItem(key) ?? 'null') as Partial<Draft> | null;
    if (!value || typeof value.xml !== 'string' || typeof value.savedAt !== 'number') return null;
    return { xml: value.xml, name: typeof value.name === 'string' ? value.name : '', savedAt: value.savedAt };
  } catch {
    return null;
  }
}

/** Keeps the draft; when the browser's quota is full, drops this app's other drafts and tries once more. */
export function writeDraft(key: string, draft: Draft): boolean {
  const store = storage();
  if (!store) return false;
  const text = JSON.stringify(draft);
  try {
    store.setItem(key, text);
    return true;
  } catch {
    for (const other of Object.keys(store)) if (other.startsWith(prefix) && other !== key) store.removeItem(other);
    try {
      store.setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }
}

export function removeDraft(key: string): void {
  storage()?.removeItem(key);
}

// The editor's draft while the user works (see drafts.ts for where it is kept): written a moment after each edit and
// when the frame goes away (pagehide: the host closed the dialog, or the tab), offered once when the editor opens.
import type { DiagramEditor } from '../editor';
import { readDraft, removeDraft, writeDraft, type Draft } from './drafts';
import { el } from './page';

const delayMs = 300;

export class EditorDrafts {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private warned = false;
  private offer: HTMLElement | null = null;

  /** `name` reads the name typed so far; `warn` reports a draft the browser would not keep. */
  constructor(private readonly key: string, private readonly editor: DiagramEditor, private readonly name: () => string, private readonly warn: (text: string) => void) {
    window.addEventListener('pagehide', () => this.flush());
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') this.flush(); });
  }

  /** An edit: the draft follows shortly. An offer still open is dropped, as its draft is being replaced. */
  changed(): void {
    this.offer?.remove();
    this.offer = null;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), delayMs);
  }

  /** Writes the draft now, if there is unsaved work. */
  flush(): void {
    clearTimeout(this.timer);
    if (this.stopped || !this.editor.isDirty()) return;
    if (!writeDraft(this.key, { xml: this.editor.getXml(), name: this.name(), savedAt: Date.now() }) && !this.warned) {
      this.warned = true;
      this.warn('This browser would not keep a draft of these changes (its storage is full or blocked): save to keep them.');
    }
  }

  /** After a save (`stop` false) or a Discard (`stop` true: nothing more is kept, not even on pagehide). */
  forget(stop: boolean): void {
    clearTimeout(this.timer);
    this.stopped = stop;
    removeDraft(this.key);
  }

  /** A draft left from earlier that differs from what was opened: offers Restore / Discard in `into`; false if none. */
  offerIn(into: HTMLElement, restore: (draft: Draft) => Promise<void>): boolean {
    const draft = readDraft(this.key);
    if (!draft) return false;
    if (draft.xml === this.editor.getXml()) {
      removeDraft(this.key);
      return false;
    }
    const restoreButton = el('button', { className: 'primary', testid: 'draft-restore', type: 'button' }, 'Restore');
    const discardButton = el('button', { testid: 'draft-discard', type: 'button' }, 'Discard');
    const when = new Date(draft.savedAt).toLocaleString();
    const offer = el('div', { className: 'draft-offer', testid: 'draft-offer', role: 'status' },
      el('span', {}, `Unsaved changes from ${when} are kept in this browser.`), restoreButton, discardButton);
    restoreButton.addEventListener('click', () => {
      offer.remove();
      this.offer = null;
      restore(draft).catch((e: unknown) => {
        removeDraft(this.key);
        this.warn(`The kept draft cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
      });
    });
    discardButton.addEventListener('click', () => {
      offer.remove();
      this.offer = null;
      removeDraft(this.key);
    });
    this.offer = offer;
    into.appendChild(offer);
    return true;
  }
}

// "Use an existing diagram" in the editor of a new diagram: the diagrams already stored where this one would be saved
// (the page's attachments), one of which can be opened instead of starting anew; saving then adds a version of it.
// Offered from the name field's side, and when the name typed for a new diagram is taken (instead of only refusing it).
import { el } from './page';

export interface ExistingDiagramsOptions {
  /** The names stored there. */
  list(): Promise<string[]>;
  /** Opens the named diagram in the editor (and makes it the one being edited). */
  open(name: string): Promise<void>;
  /** True while the editor holds unsaved work, which opening another diagram replaces. */
  dirty(): boolean;
}

export interface ExistingDiagramsPicker {
  element: HTMLElement;
  /** Shows the list, with `name` chosen when it is in it. */
  show(name?: string): Promise<void>;
}

export function existingDiagramsPicker(options: ExistingDiagramsOptions): ExistingDiagramsPicker {
  const toggle = el('button', { type: 'button', textContent: 'Use an existing diagram…', title: 'Open a diagram already attached here instead of starting a new one', testid: 'use-existing' });
  const select = el('select', { testid: 'existing-list' });
  select.setAttribute('aria-label', 'Existing diagrams');
  const open = el('button', { type: 'button', className: 'primary', textContent: 'Open', testid: 'existing-open' });
  const cancel = el('button', { type: 'button', textContent: 'Cancel', testid: 'existing-cancel' });
  const note = el('span', { className: 'note', testid: 'existing-note' });
  const panel = el('span', { className: 'existing', hidden: true }, select, open, cancel, note);
  const element = el('span', { className: 'existing-diagrams' }, toggle, panel);

  const close = () => {
    panel.hidden = true;
    toggle.hidden = false;
  };
  async function show(name?: string): Promise<void> {
    toggle.hidden = true;
    panel.hidden = false;
    select.replaceChildren();
    open.disabled = true;
    note.textContent = 'Looking for diagrams…';
    let names: string[];
    try {
      names = await options.list();
    } catch (e) {
      note.textContent = `The diagrams here cannot be listed: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    select.append(...names.map((n) => el('option', { value: n, textContent: n, selected: n === name })));
    open.disabled = names.length === 0;
    note.textContent = names.length === 0 ? 'There are no diagrams here yet.'
      : options.dirty() ? 'Opening one replaces what you drew here.' : '';
    if (names.length) select.focus();
  }
  toggle.addEventListener('click', () => void show());
  cancel.addEventListener('click', close);
  open.addEventListener('click', async () => {
    open.disabled = true;
    try {
      await options.open(select.value);
      element.remove();
    } catch (e) {
      note.textContent = `"${select.value}" cannot be opened: ${e instanceof Error ? e.message : String(e)}`;
      open.disabled = false;
    }
  });
  return { element, show };
}

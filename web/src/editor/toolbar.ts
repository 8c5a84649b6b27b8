// The toolbar (top) and the page tabs (bottom). Buttons for server features exist only when the
// host passed the feature.
import { el } from './dom';

export interface ToolbarButton {
  id: string;
  label: string;
  title: string;
  /** The accessible name when the label is a symbol (↶, +, −): screen readers announce this instead. */
  ariaLabel?: string;
  /** A promise makes the button busy (disabled, aria-busy, `busyLabel`) until it settles: one run at a time. */
  run: () => void | Promise<void>;
  busyLabel?: string;
  primary?: boolean;
}

export function toolbarGroup(buttons: ToolbarButton[]): HTMLElement {
  const group = el('div', { className: 'de-toolbar-group' });
  for (const b of buttons) {
    const button = el('button', { type: 'button', className: b.primary ? 'de-btn de-btn-primary' : 'de-btn', title: b.title, textContent: b.label, 'aria-label': b.ariaLabel, 'data-testid': b.id });
    button.addEventListener('click', () => {
      const running = b.run();
      if (running instanceof Promise) void busyWhile(button, b, running);
    });
    group.appendChild(button);
  }
  return group;
}

async function busyWhile(button: HTMLButtonElement, b: ToolbarButton, running: Promise<void>): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (b.busyLabel) button.textContent = b.busyLabel;
  try {
    await running;
  } finally {
    // The editor may be gone (a save that closed it); a detached button is left as it is.
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = b.label;
  }
}

/** A hidden file input behind a button; the chosen file goes to `onFile`. */
export function fileButton(id: string, label: string, title: string, accept: string, onFile: (file: File) => void): HTMLElement {
  const input = el('input', { type: 'file', accept, hidden: true, 'data-testid': `${id}-file` });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onFile(file);
  });
  const group = toolbarGroup([{ id, label, title, run: () => input.click() }]);
  group.appendChild(input);
  return group;
}

export interface PageTabsHost {
  names(): string[];
  current: number;
  select(index: number): void;
  add(): void;
  rename(index: number, name: string): void;
  remove(index: number): void;
}

/** Page tabs: click switches, double-click renames, × asks inline and deletes (not the last page), + adds. */
export function renderPageTabs(into: HTMLElement, host: PageTabsHost, changed: () => void): void {
  into.replaceChildren();
  const names = host.names();
  names.forEach((name, index) => {
    const tab = el('div', { className: index === host.current ? 'de-tab de-tab-active' : 'de-tab', role: 'tab', 'aria-selected': String(index === host.current), tabIndex: 0, 'data-testid': `page-tab-${index}`, title: 'Double-click to rename' });
    const label = el('span', { className: 'de-tab-name', textContent: name });
    tab.appendChild(label);
    // A switch re-renders the tabs, so a double-click is recognised by the click count, not 'dblclick'.
    tab.addEventListener('click', (evt) => {
      if (evt.detail >= 2) startRename(tab, label, name, (value) => { host.rename(index, value); changed(); });
      else if (index !== host.current) { host.select(index); changed(); }
    });
    tab.addEventListener('keydown', (evt) => {
      if (evt.target !== tab) return;
      if (evt.key === 'F2') startRename(tab, label, name, (value) => { host.rename(index, value); changed(); });
      else if ((evt.key === 'Enter' || evt.key === ' ') && index !== host.current) { host.select(index); changed(); }
      else return;
      evt.preventDefault();
      evt.stopPropagation(); // not also the canvas's shortcut for the same key
    });
    if (names.length > 1) {
      const close = el('button', { type: 'button', className: 'de-tab-close', title: `Delete ${name}`, 'aria-label': `Delete page ${name}`, textContent: '×', 'data-testid': `page-delete-${index}` });
      close.addEventListener('click', (evt) => {
        evt.stopPropagation();
        confirmDelete(tab, index, name, () => { host.remove(index); changed(); });
      });
      tab.appendChild(close);
    }
    into.appendChild(tab);
  });
  const add = el('button', { type: 'button', className: 'de-tab-add', title: 'Add a page', 'aria-label': 'Add page', textContent: '+', 'data-testid': 'page-add' });
  add.addEventListener('click', () => { host.add(); changed(); });
  into.appendChild(add);
}

function startRename(tab: HTMLElement, label: HTMLElement, name: string, done: (value: string) => void): void {
  const input = el('input', { type: 'text', value: name, className: 'de-tab-input', 'data-testid': 'page-rename' });
  label.replaceWith(input);
  input.focus();
  input.select();
  let finished = false;
  const finish = (commit: boolean) => {
    if (finished) return;
    finished = true;
    if (commit && input.value.trim()) done(input.value);
    else input.replaceWith(label);
  };
  input.addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter') finish(true);
    else if (evt.key === 'Escape') finish(false);
    evt.stopPropagation();
  });
  input.addEventListener('blur', () => finish(true));
  input.addEventListener('click', (evt) => evt.stopPropagation());
  tab.classList.add('de-tab-editing');
}

/**
 * The delete question inside the tab itself: Atlassian's iframes may block window.confirm. Cancel or Escape
 * puts the tab back; nothing is deleted until "Delete" is pressed.
 */
function confirmDelete(tab: HTMLElement, index: number, name: string, remove: () => void): void {
  const before = Array.from(tab.childNodes);
  const yes = el('button', { type: 'button', className: 'de-tab-confirm-yes', textContent: 'Delete', 'data-testid': `page-delete-confirm-${index}` });
  const no = el('button', { type: 'button', className: 'de-tab-confirm-no', textContent: 'Cancel', 'data-testid': `page-delete-cancel-${index}` });
  const question = el('span', { className: 'de-tab-confirm', role: 'alertdialog', 'aria-label': `Delete the page ${name}?`, 'data-testid': `page-delete-question-${index}` },
    [el('span', { textContent: `Delete "${name}"?` }), yes, no]);
  let open = true;
  const restore = () => {
    if (!open) return;
    open = false;
    tab.classList.remove('de-tab-confirming');
    tab.replaceChildren(...before);
  };
  yes.addEventListener('click', (evt) => { evt.stopPropagation(); open = false; remove(); });
  no.addEventListener('click', (evt) => { evt.stopPropagation(); restore(); });
  question.addEventListener('click', (evt) => evt.stopPropagation());
  question.addEventListener('keydown', (evt) => {
    if (evt.key === 'Escape') restore();
    evt.stopPropagation();
  });
  tab.classList.add('de-tab-confirming');
  tab.replaceChildren(question);
  no.focus();
}

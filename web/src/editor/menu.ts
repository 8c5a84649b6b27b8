// A small popup menu (the context menu and the Arrange menu): buttons with their shortcut, headings and separators.
// It closes on a choice, Escape, a click elsewhere or losing focus; arrow keys move between items. Keys pressed in it
// stay in it (keys.ts typingIn), so Delete in the menu deletes nothing.
import { el } from './dom';
import './menu.css';

export type MenuEntry =
  | { id: string; label: string; keys?: string; run: () => void; disabled?: boolean }
  | { heading: string }
  | 'separator';

let open: { close: () => void } | null = null;

/** Shows the menu at client coordinates (kept inside the window); answers a function that closes it. */
export function showMenu(host: HTMLElement, entries: MenuEntry[], x: number, y: number, testId: string): () => void {
  open?.close();
  const menu = el('div', { className: 'de-menu', role: 'menu', 'data-testid': testId });
  const items: HTMLButtonElement[] = [];
  let last: MenuEntry | null = null;
  for (const entry of entries) {
    if (entry === 'separator') {
      if (last !== null && last !== 'separator') menu.appendChild(el('div', { className: 'de-menu-separator', role: 'separator' }));
    } else if ('heading' in entry) {
      menu.appendChild(el('div', { className: 'de-menu-heading', textContent: entry.heading }));
    } else {
      const button = el('button', { type: 'button', className: 'de-menu-item', role: 'menuitem', disabled: entry.disabled === true, 'data-testid': `menu-${entry.id}` },
        [el('span', { textContent: entry.label }), el('span', { className: 'de-menu-key', textContent: entry.keys ?? '' })]);
      button.addEventListener('click', () => {
        close();
        entry.run();
      });
      items.push(button);
      menu.appendChild(button);
    }
    last = entry;
  }
  host.appendChild(menu);
  const { width, height } = menu.getBoundingClientRect();
  menu.style.left = `${Math.max(4, Math.min(x, window.innerWidth - width - 4))}px`;
  menu.style.top = `${Math.max(4, Math.min(y, window.innerHeight - height - 4))}px`;

  const onPointer = (evt: Event) => { if (!menu.contains(evt.target as Node)) close(); };
  const onKey = (evt: KeyboardEvent) => {
    const enabled = items.filter((b) => !b.disabled);
    const at = enabled.indexOf(document.activeElement as HTMLButtonElement);
    if (evt.key === 'Escape') close();
    else if (evt.key === 'ArrowDown') enabled[(at + 1) % enabled.length]?.focus();
    else if (evt.key === 'ArrowUp') enabled[(at - 1 + enabled.length) % enabled.length]?.focus();
    else return;
    evt.preventDefault();
  };
  menu.addEventListener('keydown', onKey);
  menu.addEventListener('focusout', (evt) => { if (!menu.contains(evt.relatedTarget as Node | null)) close(); });
  // Deferred: the click (or mouse-up) that opened the menu must not close it.
  const arm = window.setTimeout(() => document.addEventListener('mousedown', onPointer, true));
  let closed = false;
  function close(): void {
    if (closed) return; // removing the menu moves the focus out of it, which closes it again
    closed = true;
    window.clearTimeout(arm);
    document.removeEventListener('mousedown', onPointer, true);
    menu.remove();
    if (open === handle) open = null;
  }
  const handle = { close };
  open = handle;
  items.find((b) => !b.disabled)?.focus({ preventScroll: true });
  return close;
}

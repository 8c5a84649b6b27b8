// "More shapes": which of draw.io's shape libraries the palette shows, as in draw.io's dialog of the same name.
import type { LibraryInfo } from '../draw/stencils/assets';
import { el } from './dom';

export function openMoreShapesDialog(host: Element, all: LibraryInfo[], chosen: string[], apply: (ids: string[]) => void): void {
  const boxes = all.map((info) => {
    const box = el('input', { type: 'checkbox', checked: chosen.includes(info.id), 'data-testid': `more-shapes-${info.id}` });
    box.dataset.id = info.id;
    return el('label', { className: 'de-more-shapes-item' }, [box, ` ${info.title} (${info.shapes})`]);
  });
  const ok = el('button', { type: 'button', className: 'de-btn de-btn-primary', textContent: 'Apply', 'data-testid': 'more-shapes-apply' });
  const cancel = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': 'more-shapes-cancel' });
  const dialog = el('div', { className: 'de-dialog', role: 'dialog', 'aria-label': 'More shapes', 'data-testid': 'more-shapes-dialog' }, [
    el('h3', { textContent: 'More shapes' }),
    el('p', { textContent: "draw.io's shape libraries (stencils by jgraph, CC-BY 4.0). Ticked libraries show in the palette." }),
    el('div', { className: 'de-more-shapes-list' }, boxes),
    el('div', { className: 'de-dialog-buttons' }, [cancel, ok]),
  ]);
  const backdrop = el('div', { className: 'de-backdrop' }, [dialog]);
  host.appendChild(backdrop);
  const close = () => backdrop.remove();
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') close(); });
  ok.addEventListener('click', () => {
    apply(Array.from(dialog.querySelectorAll<HTMLInputElement>('input[type=checkbox]')).filter((b) => b.checked).map((b) => b.dataset.id!));
    close();
  });
}

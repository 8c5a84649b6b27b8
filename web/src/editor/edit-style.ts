// "Edit style" (Ctrl+E), as in draw.io: the first selected cell's raw style string, applied to every selected cell as
// one undoable change. Images in it stay data URIs only and HTML labels stay sanitised: those rules apply when drawn.
import type { Graph } from '@maxgraph/core';
import { el } from './dom';
import { parseStyle, writeStyle } from './styles';

const maxStyleChars = 1024 * 1024;

export function openEditStyleDialog(host: HTMLElement, graph: Graph): void {
  const cells = graph.getSelectionCells();
  if (!cells.length) return;
  const textarea = el('textarea', { className: 'de-dialog-text', spellcheck: false, 'data-testid': 'edit-style-text' });
  textarea.value = writeStyle(cells[0].style).replace(/;/g, ';\n').trimEnd();
  const error = el('p', { className: 'de-dialog-error', 'data-testid': 'edit-style-error' });
  const apply = el('button', { type: 'button', className: 'de-btn de-btn-primary', textContent: 'Apply', 'data-testid': 'edit-style-apply' });
  const cancel = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': 'edit-style-cancel' });
  const title = cells.length === 1 ? 'Edit style' : `Edit style (${cells.length} cells)`;
  const dialog = el('div', { className: 'de-dialog', role: 'dialog', 'aria-label': title, 'data-testid': 'edit-style-dialog' }, [
    el('h3', { textContent: title }), textarea, error, el('div', { className: 'de-dialog-buttons' }, [cancel, apply]),
  ]);
  const backdrop = el('div', { className: 'de-backdrop' }, [dialog]);
  host.appendChild(backdrop);
  textarea.focus();
  const close = () => backdrop.remove();
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') close(); });
  apply.addEventListener('click', () => {
    const text = textarea.value.replace(/[\r\n]+/g, '').trim();
    if (text.length > maxStyleChars) {
      error.textContent = `The style has ${text.length} characters; at most ${maxStyleChars} are allowed.`;
      return;
    }
    graph.batchUpdate(() => {
      for (const cell of cells) graph.getDataModel().setStyle(cell, parseStyle(text));
    });
    close();
  });
}

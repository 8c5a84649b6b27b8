// The formatting bar over an HTML label (html=1) while it is edited in place: bold, italic, underline (also
// Ctrl+B/I/U), bulleted and numbered lists, a link (http, https or mailto only) and the font colour. It writes only
// what the label sanitiser keeps (b, i, u, ul/ol/li, a href, font color); the label is sanitised when the edit ends.
// Plain-text labels get no bar: their text is kept as text. Loaded on demand, when a label is first edited.
import type { CellEditorHandler, Graph } from '@maxgraph/core';
import { el } from '../dom';
import { safeLinkUrl } from './link-url';

const commands: Array<[string, string, string, string]> = [
  ['bold', 'B', 'Bold (Ctrl+B)', 'bold'],
  ['italic', 'I', 'Italic (Ctrl+I)', 'italic'],
  ['underline', 'U', 'Underline (Ctrl+U)', 'underline'],
  ['bullets', '• List', 'Bulleted list', 'insertUnorderedList'],
  ['numbers', '1. List', 'Numbered list', 'insertOrderedList'],
];
const shortcuts: Record<string, string> = { b: 'bold', i: 'italic', u: 'underline' };

/** Shows the bar for the label being edited, if it is an HTML label; it goes when the editing ends. */
export function showTextBar(graph: Graph, host: HTMLElement): void {
  host.querySelector('.de-textbar')?.remove();
  const cellEditor = graph.getPlugin<CellEditorHandler>('CellEditorHandler');
  const editable = cellEditor?.textarea;
  const cell = cellEditor?.getEditingCell();
  if (!editable || !cell || String((cell.style as Record<string, unknown> | null)?.html ?? '') !== '1') return;

  // The label's last selection: the bar's link and colour inputs take the focus, and a command applies to it.
  let saved: Range | null = null;
  const track = () => {
    if (document.activeElement !== editable) return; // the bar's input has the focus (Chrome collapses the label's selection)
    const selection = getSelection();
    const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
    if (range && editable.contains(range.commonAncestorContainer)) saved = range.cloneRange();
  };
  document.addEventListener('selectionchange', track);
  const backToLabel = () => {
    editable.focus();
    if (!saved) return;
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(saved);
  };
  const run = (command: string, value?: string) => {
    backToLabel();
    document.execCommand('styleWithCSS', false, 'false');
    document.execCommand(command, false, value);
  };

  const buttons = commands.map(([id, label, title, command]) => {
    const button = el('button', { type: 'button', className: `de-textbar-btn de-textbar-${id}`, textContent: label, title, 'aria-label': title, 'data-testid': `textbar-${id}` });
    button.addEventListener('mousedown', (evt) => evt.preventDefault()); // the label keeps the focus and selection
    button.addEventListener('click', () => run(command));
    return button;
  });
  const colour = el('input', { type: 'color', title: 'Font colour', 'aria-label': 'Font colour', 'data-testid': 'textbar-colour' });
  colour.addEventListener('change', () => run('foreColor', colour.value));
  const linkButton = el('button', { type: 'button', className: 'de-textbar-btn', textContent: 'Link', title: 'Link (http, https or mailto)', 'data-testid': 'textbar-link' });
  const linkInput = el('input', { type: 'text', className: 'de-textbar-url', placeholder: 'https://…', maxLength: 2048, spellcheck: false, 'aria-label': 'Link address', 'data-testid': 'textbar-link-url', hidden: true });
  linkButton.addEventListener('mousedown', (evt) => evt.preventDefault());
  linkButton.addEventListener('click', () => { linkInput.hidden = false; linkInput.focus(); });
  linkInput.addEventListener('keydown', (evt) => {
    if (evt.key === 'Escape') {
      linkInput.hidden = true;
      backToLabel();
    } else if (evt.key === 'Enter') {
      evt.preventDefault();
      const url = safeLinkUrl(linkInput.value);
      linkInput.setAttribute('aria-invalid', String(url === null));
      if (url === null) return;
      linkInput.hidden = true;
      linkInput.value = '';
      run('createLink', url);
    }
  });

  const bar = el('div', { className: 'de-textbar', role: 'toolbar', 'aria-label': 'Text formatting', 'data-testid': 'textbar' }, [...buttons, linkButton, colour, linkInput]);
  host.append(bar);
  const place = () => {
    const box = editable.getBoundingClientRect();
    bar.style.left = `${Math.max(4, box.left)}px`;
    bar.style.top = `${box.top > 40 ? box.top - 36 : box.bottom + 6}px`;
  };
  place();
  const onKey = (evt: KeyboardEvent) => {
    const command = (evt.ctrlKey || evt.metaKey) && !evt.altKey && !evt.shiftKey ? shortcuts[evt.key.toLowerCase()] : undefined;
    if (!command) return;
    evt.preventDefault();
    run(command);
  };
  editable.addEventListener('keydown', onKey);
  editable.addEventListener('input', place);
  // The bar goes with the editor (maxGraph makes a new one for each edit).
  const watch = new MutationObserver(() => {
    if (editable.isConnected) return;
    bar.remove();
    document.removeEventListener('selectionchange', track);
    watch.disconnect();
  });
  watch.observe(graph.getContainer(), { childList: true });
}

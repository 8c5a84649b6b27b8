// A file dropped on the canvas opens where it is dropped; Ctrl+V of draw.io XML (text that is an <mxfile> or
// <mxGraphModel>, or draw.io's URL-encoded clipboard form) adds it as Open file does. Any other Ctrl+V pastes the
// editor's own clipboard (copied shapes). Keys and pastes aimed at inputs, dialogs and the label editor are left alone.
import type { Graph } from '@maxgraph/core';
import { typingIn } from './keys';
import type { Importer } from './open-file-button';
import './menu.css';

export function wireDropAndPaste(graph: Graph, canvas: HTMLElement, importer: Importer, pasteShapes: () => void): () => void {
  const hasFiles = (evt: DragEvent) => Array.from(evt.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = (evt: DragEvent) => {
    if (!hasFiles(evt)) return;
    evt.preventDefault(); // allows the drop (the browser would otherwise open the file in place of the editor)
    if (evt.dataTransfer) evt.dataTransfer.dropEffect = 'copy';
    canvas.classList.add('de-drop-target');
  };
  const onDragLeave = () => canvas.classList.remove('de-drop-target');
  const onDrop = (evt: DragEvent) => {
    canvas.classList.remove('de-drop-target');
    const file = evt.dataTransfer?.files[0];
    if (!hasFiles(evt) || !file) return;
    evt.preventDefault();
    evt.stopPropagation();
    const point = graph.getPointForEvent(evt, false);
    void importer.openFile(file, { x: point.x, y: point.y });
  };
  canvas.addEventListener('dragover', onDragOver);
  canvas.addEventListener('dragleave', onDragLeave);
  canvas.addEventListener('drop', onDrop);

  const ignored = (target: EventTarget | null) => typingIn(graph, target);
  // Ctrl+V is not prevented, so the browser sends the paste event with the system clipboard; the shapes copied in the
  // editor are pasted when that event brings no draw.io XML, or when the browser sends none.
  let pending: number | null = null;
  const pasteOwn = () => {
    if (pending !== null) window.clearTimeout(pending);
    pending = null;
    pasteShapes();
  };
  const onKey = (evt: KeyboardEvent) => {
    if (!(evt.ctrlKey || evt.metaKey) || evt.shiftKey || evt.altKey || evt.key.toLowerCase() !== 'v' || ignored(evt.target)) return;
    if (pending === null) pending = window.setTimeout(pasteOwn, 0);
  };
  const onPaste = (evt: ClipboardEvent) => {
    if (ignored(evt.target)) return;
    const text = evt.clipboardData?.getData('text/plain') ?? '';
    if (text && importer.isDiagramText(text)) {
      evt.preventDefault();
      if (pending !== null) window.clearTimeout(pending);
      pending = null;
      void importer.pasteText(text);
    } else {
      pasteOwn();
    }
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('paste', onPaste);
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('paste', onPaste);
    if (pending !== null) window.clearTimeout(pending);
  };
}

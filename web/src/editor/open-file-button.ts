// The Open button (and Ctrl+O), what it accepts, and telling draw.io XML on the clipboard: what the editor needs from
// the start. Reading and adding what comes in (open-file.ts) loads with the editor's later chunk (later.ts).
import type { Graph } from '@maxgraph/core';
import { typingIn } from './keys';
import { fileButton } from './toolbar';

/** What Open file offers. */
export const openAccept = '.drawio,.dio,.xml,.png,.svg,.vsdx,.vsd,.vdx,.vssx,.vss,.vsx,.gliffy';

export interface Importer {
  /** Reads the file and adds its diagram (drop: at graph point `at`). Errors go to the status line. */
  openFile(file: File, at?: { x: number; y: number }): Promise<void>;
  /** True when the text is draw.io XML (<mxfile>, <mxGraphModel>, or draw.io's URL-encoded clipboard form). */
  isDiagramText(text: string): boolean;
  /** Adds pasted draw.io XML. */
  pasteText(text: string): Promise<void>;
}

/** True when the text is draw.io XML (<mxfile>, <mxGraphModel>, or draw.io's URL-encoded clipboard form). */
export const isDiagramText = (text: string): boolean =>
  /^<(mxfile|mxGraphModel)[\s>]/.test(clipboardXml(text).replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?/, ''));

/** The toolbar's Open button (and draw.io's Ctrl+O); answers the button and a function that unbinds the key. */
export function openFileButton(importer: Importer, graph: Graph): { element: HTMLElement; unbind: () => void } {
  const element = fileButton('open-file', 'Open', 'Open a draw.io (.drawio, .xml, .drawio.png, .drawio.svg), Visio or Gliffy file into this diagram (Ctrl+O)',
    openAccept, (file) => void importer.openFile(file));
  const onKey = (evt: KeyboardEvent) => {
    if ((evt.ctrlKey || evt.metaKey) && !evt.shiftKey && !evt.altKey && evt.key.toLowerCase() === 'o' && !typingIn(graph, evt.target)) {
      evt.preventDefault();
      element.querySelector('input')?.click();
    }
  };
  document.addEventListener('keydown', onKey);
  return { element, unbind: () => document.removeEventListener('keydown', onKey) };
}

/** draw.io puts cells on the clipboard URL-encoded ("%3CmxGraphModel%3E…"); anything else is taken as it is. */
export function clipboardXml(text: string): string {
  const trimmed = text.trim();
  if (!/^%3C(mxfile|mxGraphModel)/i.test(trimmed)) return trimmed;
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return trimmed;
  }
}


// PlantUML: a small dialog with the source; the server renders SVG, inserted as an image cell that
// keeps its source the way draw.io does (UserObject attribute plantUmlData = {"data","format"}). A source
// PlantUML cannot read inserts nothing: the dialog shows PlantUML's message and selects the line it names.
import type { Cell, Graph } from '@maxgraph/core';
import { el } from './dom';
import { imageSize, insertImage } from './palette';
import { imageStyle } from './palette-items';
import { plantUmlSource, PlantUmlSourceError } from './plantuml-source';
import { wrapperKey, type WrapperData } from '../shared/cells';
import { parseStyle } from './styles';

const sample = '@startuml\nAlice -> Bob: Hello\nBob --> Alice: Hi\n@enduml';

export function openPlantUmlDialog(host: HTMLElement, graph: Graph, render: (source: string) => Promise<string>,
  setStatus: (text: string, kind?: 'info' | 'error') => void, existing: Cell | null = null): void {
  const textarea = el('textarea', { className: 'de-dialog-text', spellcheck: false, 'data-testid': 'plantuml-source' });
  textarea.value = plantUmlSource(existing) ?? sample;
  const error = el('p', { className: 'de-dialog-error', 'data-testid': 'plantuml-error' });
  const insert = el('button', { type: 'button', className: 'de-btn de-btn-primary', textContent: existing ? 'Update' : 'Insert', 'data-testid': 'plantuml-insert' });
  const cancel = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': 'plantuml-cancel' });
  const dialog = el('div', { className: 'de-dialog', role: 'dialog', 'aria-label': 'PlantUML', 'data-testid': 'plantuml-dialog' }, [
    el('h3', { textContent: 'PlantUML' }), textarea, error, el('div', { className: 'de-dialog-buttons' }, [cancel, insert]),
  ]);
  const backdrop = el('div', { className: 'de-backdrop' }, [dialog]);
  host.appendChild(backdrop);
  textarea.focus();
  const close = () => backdrop.remove();
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') close(); });
  insert.addEventListener('click', async () => {
    insert.disabled = true;
    error.textContent = '';
    try {
      const source = textarea.value;
      const svg = await render(source);
      const dataUri = `data:image/svg+xml;base64,${base64(svg)}`;
      const { width, height } = await imageSize(dataUri);
      const wrapper: WrapperData = { tag: 'UserObject', attributes: { label: '', plantUmlData: JSON.stringify({ data: source, format: 'svg' }, null, 2) } };
      graph.batchUpdate(() => {
        const cell = existing ?? insertImage(graph, dataUri, width, height);
        if (existing) graph.getDataModel().setStyle(existing, parseStyle(imageStyle(dataUri)));
        (cell as unknown as Record<string, unknown>)[wrapperKey] = wrapper;
      });
      close();
      setStatus('PlantUML diagram inserted.');
    } catch (e) {
      // Nothing is inserted; a syntax error also selects the line it names, ready to be corrected.
      error.textContent = e instanceof PlantUmlSourceError ? e.message : `PlantUML could not be rendered: ${e instanceof Error ? e.message : String(e)}`;
      setStatus(error.textContent, 'error');
      if (e instanceof PlantUmlSourceError) selectLine(textarea, e.line);
      insert.disabled = false;
    }
  });
}

function selectLine(textarea: HTMLTextAreaElement, line: number): void {
  const lines = textarea.value.split('\n');
  if (line < 1 || line > lines.length) return;
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + lines[line - 1].length);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// The Export dialog (toolbar "Export…", loaded on first use): PDF through the server with paper, orientation, scale or
// fit (to one sheet, or to N sheets wide × M tall), margin and which pages (all, the current one, a range, or only the
// selection); PNG with scale, transparent background and border; SVG with border; PNG and SVG of the page on screen or
// only the selection. Values are checked here against the same bounds the server applies (Converter's PdfRequest).
import type { Graph } from '@maxgraph/core';
import { el } from './dom';
import { download, exportPng, exportSvg } from './export';
import { selectionFile } from './selection-file';
import { writeDiagramFile, type DiagramPage } from '../shared/mxfile';

export interface ExportDialogHost {
  root: HTMLElement;
  graph: Graph;
  pageCount: number;
  currentPage: number;
  fileName(ext: string): string;
  /** Every page as draw.io pages, the shown one written from the graph. */
  snapshot(): DiagramPage[];
  /** The server's PDF export with its options (query parameters); absent when the site does not offer it. */
  pdf?: (fileXml: string, options: Record<string, string>) => Promise<Blob>;
  setStatus(text: string, kind?: 'info' | 'error'): void;
}

export const papers = ['a4', 'a3', 'letter', 'legal', 'tabloid'] as const;
const paperLabels: Record<string, string> = { none: 'Diagram size', a4: 'A4', a3: 'A3', letter: 'Letter', legal: 'Legal', tabloid: 'Tabloid' };

/** Thrown for a value outside its bounds: the message names the field. */
class ExportOptionError extends Error {}

function number(input: HTMLInputElement, label: string, min: number, max: number, whole = false): number {
  const value = Number(input.value);
  if (input.value.trim() === '' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    throw new ExportOptionError(`${label} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
  }
  return value;
}

const field = (label: string, control: HTMLElement, testId: string) =>
  el('label', { className: 'de-export-row', 'data-testid': `${testId}-row` }, [el('span', { textContent: label }), control]);
const select = (testId: string, options: Array<[string, string]>) =>
  el('select', { 'data-testid': testId }, options.map(([value, text]) => el('option', { value, textContent: text })));
const numberInput = (testId: string, value: string, min: number, max: number, step: string) =>
  el('input', { type: 'number', value, min: String(min), max: String(max), step, 'data-testid': testId });

export function openExportDialog(host: ExportDialogHost): void {
  const hasSelection = host.graph.getSelectionCount() > 0;
  const format = select('export-format', [...(host.pdf ? [['pdf', 'PDF'] as [string, string]] : []), ['png', 'PNG'], ['svg', 'SVG']]);

  // PDF
  const pages = select('export-pages', [['all', 'All pages'], ['current', 'Current page'], ['range', 'Pages from … to'], ['selection', 'Selection only']]);
  const from = numberInput('export-from', '1', 1, host.pageCount, '1');
  const to = numberInput('export-to', String(host.pageCount), 1, host.pageCount, '1');
  const paper = select('export-paper', [['none', paperLabels.none], ...papers.map((p): [string, string] => [p, paperLabels[p]])]);
  paper.value = 'a4';
  const orientation = select('export-orientation', [['portrait', 'Portrait'], ['landscape', 'Landscape']]);
  const sizing = select('export-sizing', [['fit', 'Fit to one sheet'], ['sheets', 'Fit to sheets wide × tall'], ['scale', 'Scale']]);
  const scale = numberInput('export-scale', '100', 5, 1000, '5');
  const wide = numberInput('export-sheets-wide', '1', 1, 10, '1');
  const tall = numberInput('export-sheets-tall', '1', 1, 10, '1');
  const margin = numberInput('export-margin', '20', 0, 1000, '1');
  const range = el('div', { className: 'de-export-pair' }, [from, el('span', { textContent: 'to' }), to]);
  const grid = el('div', { className: 'de-export-pair' }, [wide, el('span', { textContent: '×' }), tall]);
  const rows = {
    range: field('Pages', range, 'export-range'),
    paper: field('Paper', paper, 'export-paper'),
    orientation: field('Orientation', orientation, 'export-orientation'),
    sizing: field('Size', sizing, 'export-sizing'),
    scale: field('Scale (%)', scale, 'export-scale'),
    sheets: field('Sheets wide × tall', grid, 'export-sheets'),
  };
  const pdfOptions = el('div', { className: 'de-export-options', 'data-testid': 'export-pdf-options' }, [
    field('Export', pages, 'export-pages'), rows.range, rows.paper, rows.orientation, rows.sizing, rows.scale, rows.sheets, field('Margin (px)', margin, 'export-margin'),
  ]);

  // PNG and SVG
  const selectionOnly = el('input', { type: 'checkbox', checked: hasSelection, disabled: !hasSelection, 'data-testid': 'export-selection' });
  const imageScale = numberInput('export-image-scale', '2', 0.25, 4, '0.25');
  const transparent = el('input', { type: 'checkbox', 'data-testid': 'export-transparent' });
  const border = numberInput('export-border', '10', 0, 1000, '1');
  const imageRows = { scale: field('Scale', imageScale, 'export-image-scale'), transparent: field('Transparent background', transparent, 'export-transparent') };
  const imageOptions = el('div', { className: 'de-export-options', 'data-testid': 'export-image-options' }, [
    field('Selection only', selectionOnly, 'export-selection'), imageRows.scale, imageRows.transparent, field('Border (px)', border, 'export-border'),
  ]);

  const error = el('p', { className: 'de-dialog-error', role: 'alert', 'data-testid': 'export-error' });
  const run = el('button', { type: 'button', className: 'de-btn de-btn-primary', textContent: 'Export', 'data-testid': 'export-run' });
  const cancel = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': 'export-cancel' });
  const dialog = el('div', { className: 'de-dialog de-export', role: 'dialog', 'aria-label': 'Export', 'aria-modal': 'true', 'data-testid': 'export-dialog' }, [
    el('h3', { textContent: 'Export' }), field('Format', format, 'export-format'), pdfOptions, imageOptions, error,
    el('div', { className: 'de-dialog-buttons' }, [cancel, run]),
  ]);
  const backdrop = el('div', { className: 'de-backdrop' }, [dialog]);

  const refresh = () => {
    const pdf = format.value === 'pdf';
    pdfOptions.hidden = !pdf;
    imageOptions.hidden = pdf;
    imageRows.scale.hidden = imageRows.transparent.hidden = format.value !== 'png';
    rows.range.hidden = pages.value !== 'range';
    const onPaper = paper.value !== 'none';
    rows.orientation.hidden = rows.sizing.hidden = !onPaper;
    rows.scale.hidden = onPaper && sizing.value !== 'scale';
    rows.sheets.hidden = !onPaper || sizing.value !== 'sheets';
    error.textContent = '';
  };
  for (const control of [format, pages, paper, sizing]) control.addEventListener('change', refresh);
  pages.querySelector<HTMLOptionElement>('option[value=selection]')!.disabled = !hasSelection;
  refresh();

  const pdfRequest = (): { xml: string; options: Record<string, string> } => {
    const options: Record<string, string> = { border: String(number(margin, 'Margin', 0, 1000, true)) };
    if (pages.value === 'current') options.from = options.to = String(host.currentPage + 1);
    if (pages.value === 'range') {
      const first = number(from, 'From', 1, host.pageCount, true);
      const last = number(to, 'To', 1, host.pageCount, true);
      if (last < first) throw new ExportOptionError('To must not be before From.');
      Object.assign(options, { from: String(first), to: String(last) });
    }
    if (paper.value === 'none') options.crop = 'true';
    else {
      options.paper = paper.value;
      if (orientation.value === 'landscape') options.landscape = 'true';
      if (sizing.value === 'fit') options.fit = 'true';
      if (sizing.value === 'sheets') Object.assign(options, { sheetsWide: String(number(wide, 'Sheets wide', 1, 10, true)), sheetsTall: String(number(tall, 'Sheets tall', 1, 10, true)) });
    }
    if (paper.value === 'none' || sizing.value === 'scale') options.scale = String(number(scale, 'Scale', 5, 1000) / 100);
    const file = host.snapshot();
    const ids = host.graph.getSelectionCells().map((c) => c.getId() ?? '');
    return { xml: pages.value === 'selection' ? selectionFile(file[host.currentPage], ids) : writeDiagramFile(file), options };
  };

  const exportNow = async (): Promise<void> => {
    const cells = selectionOnly.checked ? host.graph.getSelectionCells() : undefined;
    if (format.value === 'pdf' && host.pdf) {
      const { xml, options } = pdfRequest();
      host.setStatus('Exporting PDF…');
      download(await host.pdf(xml, options), host.fileName('pdf'));
      host.setStatus('PDF exported.');
    } else if (format.value === 'png') {
      const png = await exportPng(host.graph, number(imageScale, 'Scale', 0.25, 4), { cells, border: number(border, 'Border', 0, 1000, true), transparent: transparent.checked });
      download(png, host.fileName('png'));
    } else {
      download(new Blob([exportSvg(host.graph, { cells, border: number(border, 'Border', 0, 1000, true) })], { type: 'image/svg+xml' }), host.fileName('svg'));
    }
  };

  const close = () => backdrop.remove();
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (evt) => {
    if (evt.key === 'Escape') close();
    evt.stopPropagation(); // the editor's shortcuts stay off while the dialog is open
  });
  run.addEventListener('click', () => {
    // Busy while it runs, as the toolbar's export buttons: one export at a time.
    run.disabled = true;
    run.setAttribute('aria-busy', 'true');
    run.textContent = 'Exporting…';
    exportNow().then(close, (e: unknown) => {
      error.textContent = e instanceof Error ? e.message : String(e);
      if (!(e instanceof ExportOptionError)) host.setStatus(error.textContent, 'error');
    }).finally(() => {
      run.disabled = false;
      run.removeAttribute('aria-busy');
      run.textContent = 'Export';
    });
  });
  host.root.appendChild(backdrop);
  format.focus();
}

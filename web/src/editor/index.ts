// The diagram editor (maxGraph): toolbar, shape palette, canvas, style panel, page tabs, status.
// Reads and writes draw.io files; every page is kept, unknown style keys and <UserObject> wrappers
// survive a round trip. Server features (imports, PlantUML, PDF) appear only when the host passes them.
// What the first drawing does not need loads after it: the format panel, draw.io's libraries in the palette, the
// menus' entries, the panels and dialogs as one chunk right after the editor is ready (later.ts); image export,
// PlantUML, Visio libraries and .drawio.png/.svg reading on first use. The editor's first load stays small
// (web/build.mjs checks its size).
import { InternalEvent, type Cell } from '@maxgraph/core';
import { drawnCells } from '../shared/graph';
import { readDiagramFile, writeDiagramFile } from '../shared/mxfile';
import { bindKeys, createActions } from './actions';
import { el } from './dom';
import { wireContextMenus } from './context-menu';
import { wireDataEditing } from './data-menu';
import { editConnectorLabelOnDoubleClick } from './edge-dblclick';
import { createEditorGraph } from './graph-setup';
import { prepareStencils, unresolvedShapes } from '../draw/resolve';
import { wireDropAndPaste } from './drop-paste';
import { focusCanvasOnPress } from './keys';
import { isDiagramText, openFileButton, type Importer } from './open-file-button';
import type { ImportHost } from './open-file';
import { isEmptyPage, Pages } from './pages';
import { installCurrentLayer } from './layers';
import { wireNavigation } from './navigation';
import { wirePanels } from './panels';
import type { LibraryPalette } from './library-palette';
import { createPalette } from './palette';
import { panelToggles } from './responsive';
import { plantUmlSource } from './plantuml-source';
import type { StencilPalette } from './stencil-palette';
import { keepReachable, showContent } from './viewport';
import { fileButton, renderPageTabs, toolbarGroup, type ToolbarButton } from './toolbar';
import './editor.css';
import './export-dialog.css';

export { PlantUmlSourceError } from './plantuml-source';

/** What a Visio import answers: a diagram to open, or (for a stencil) a shape library (<mxlibrary>) for the palette. */
export type VisioImportResult = { kind: 'diagram'; xml: string } | { kind: 'library'; name: string; xml: string };

export interface EditorFeatures {
  gliffyImport?: (file: File) => Promise<string>;
  /** A plain string is a diagram file (or an <mxlibrary>, read as a library named after the file). */
  visioImport?: (file: File) => Promise<string | VisioImportResult>;
  /** The SVG of a PlantUML source; rejects with PlantUmlSourceError when PlantUML cannot read a line. */
  plantuml?: (source: string) => Promise<string>;
  /** The PDF of a file; `options` are the export's query parameters (paper, landscape, fit, from, to, …). */
  pdfExport?: (fileXml: string, options?: Record<string, string>) => Promise<Blob>;
}
export interface EditorOptions {
  features: EditorFeatures;
  featuresNotice?: string;
  /** Saves (the hosts then close the editor); the Close question's Save runs it too. */
  onSave?: () => void | Promise<void>;
  /** Close, asked first when there are unsaved changes: `discarded` is true when the user chose to throw them away. */
  onClose?: (discarded: boolean) => void;
  /** After every edit (a draft can be kept from getXml()). */
  onChange?: () => void;
  title?: string;
}
export interface DiagramEditor {
  /** Opens a file (null: a new diagram); `unsaved` marks it as changes not yet saved (a restored draft). */
  load(fileXml: string | null, options?: { unsaved?: boolean }): Promise<void>;
  getXml(): string;
  exportSvg(): Promise<string>;
  exportPng(scale?: number): Promise<Blob>;
  cellCount(): number;
  /** Test hook: per shape name, the cells of the page shown whose shape resolves to nothing (drawn as outlines). */
  unresolvedShapes(): Record<string, number>;
  /** The ids of the selected cells. */
  selectedIds(): string[];
  readonly pageCount: number;
  isDirty(): boolean;
  markSaved(): void;
  setStatus(text: string, kind?: 'info' | 'error'): void;
  destroy(): void;
}

declare global {
  interface Window {
    diagramEditor?: DiagramEditor;
  }
}

export async function createEditor(container: HTMLElement, options: EditorOptions): Promise<DiagramEditor> {
  const { features } = options;
  container.replaceChildren();
  container.classList.add('de-root');
  const canvas = el('div', { className: 'de-canvas', role: 'region', 'aria-label': 'Diagram canvas', 'data-testid': 'canvas' });
  const status = el('div', { className: 'de-status', role: 'status', 'data-testid': 'status' });
  const tabs = el('div', { className: 'de-tabs', role: 'tablist', 'aria-label': 'Pages', 'data-testid': 'page-tabs' });
  const toolbar = el('header', { className: 'de-toolbar', role: 'toolbar', 'aria-label': 'Editor', 'data-testid': 'toolbar' });

  const graph = createEditorGraph(canvas);
  installCurrentLayer(graph);
  let dirty = false;
  const changed = () => {
    dirty = true;
    options.onChange?.();
  };
  const pages = new Pages(graph, () => { refreshTabs(); showContent(graph); }, changed);
  keepReachable(graph);
  const actions = createActions(graph, () => pages.history);
  graph.getDataModel().addListener(InternalEvent.CHANGE, () => { if (!pages.loading) changed(); });

  const setStatus = (text: string, kind: 'info' | 'error' = 'info') => {
    status.textContent = text;
    status.classList.toggle('de-status-error', kind === 'error');
  };
  const palette = createPalette({ graph, setStatus });
  /** draw.io's libraries in the palette (search, sections, More shapes), added once the editor is ready. */
  let stencils: StencilPalette | undefined;
  let destroyed = false;
  const reportLoadFailure = (e: unknown) =>
    setStatus(`Part of the editor could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page to get it.`, 'error');
  /** The session's shape libraries, made on the first library a Visio stencil import answers. */
  let libraries: LibraryPalette | undefined;
  const libraryPalette = async () => (libraries ??= new (await import('./library-palette')).LibraryPalette(palette, graph));
  const openPlantUmlDialog = (...args: Parameters<typeof import('./plantuml-dialog').openPlantUmlDialog>) =>
    void import('./plantuml-dialog').then((m) => m.openPlantUmlDialog(...args));
  /** Runs `work`, reporting a failure in the status line; the promise settles when it is done (busy buttons). */
  const guarded = (work: () => Promise<void>) => (): Promise<void> =>
    work().catch((e: unknown) => setStatus(e instanceof Error ? e.message : String(e), 'error'));
  const fileName = (ext: string) => `${(options.title || 'diagram').replace(/[\\/:*?"<>|]+/g, '_')}.${ext}`;
  const refreshTabs = (): void => renderPageTabs(tabs, pages, refreshTabs);
  const save = guarded(async () => { await options.onSave?.(); });
  /** Close, asking first about unsaved changes (Save saves, and the host closes the editor after a save). */
  const requestClose = async (): Promise<void> => {
    if (!dirty) return options.onClose?.(false);
    const answer = await (await import('./later')).askBeforeClose(container, options.title ?? 'Diagram', options.onSave !== undefined);
    if (answer === 'save') await save();
    else if (answer === 'discard') options.onClose?.(true);
  };

  const editor: DiagramEditor = {
    async load(fileXml, loadOptions = {}) {
      try {
        const read = fileXml === null ? [] : await readDiagramFile(fileXml);
        await prepareStencils(read.map((p) => p.model));
        pages.reset(read);
      } catch (e) {
        setStatus(`The diagram cannot be opened: ${e instanceof Error ? e.message : String(e)}`, 'error');
        throw e;
      }
      dirty = loadOptions.unsaved === true;
    },
    getXml: () => writeDiagramFile(pages.snapshot()),
    exportSvg: async () => (await import('./export')).exportSvg(graph),
    exportPng: async (scale = 1) => (await import('./export')).exportPng(graph, scale),
    cellCount: () => drawnCells(graph).length,
    unresolvedShapes: () => unresolvedShapes(graph),
    selectedIds: () => graph.getSelectionCells().map((c) => c.getId() ?? ''),
    get pageCount() { return pages.count; },
    isDirty: () => dirty,
    markSaved: () => { dirty = false; },
    setStatus,
    destroy() {
      destroyed = true;
      document.removeEventListener('keydown', onKey);
      openFile.unbind();
      menus.destroy();
      data.destroy();
      unwireDropAndPaste();
      unwireNavigation();
      panels.destroy();
      libraries?.destroy();
      stencils?.destroy();
      graph.destroy();
      container.replaceChildren();
      container.classList.remove('de-root');
      if (window.diagramEditor === editor) delete window.diagramEditor;
    },
  };

  const importFile = (convert: (file: File) => Promise<string | VisioImportResult>) => (file: File) => guarded(async () => {
    setStatus(`Importing ${file.name}…`);
    const result = await convert(file);
    const answer: VisioImportResult = typeof result !== 'string' ? result
      : /^\s*<mxlibrary[\s>]/.test(result) ? { kind: 'library', name: file.name, xml: result } : { kind: 'diagram', xml: result };
    if (answer.kind === 'library') {
      const { shown, skipped } = await (await libraryPalette()).add(answer.name, answer.xml);
      const leftOut = skipped ? ` (${skipped} could not be read and ${skipped === 1 ? 'was' : 'were'} left out)` : '';
      setStatus(`Added the library ${answer.name} to the palette: ${shown} shape${shown === 1 ? '' : 's'}${leftOut}, for this session only (not saved with the diagram).`);
      return;
    }
    const read = await readDiagramFile(answer.xml);
    const imported = read.filter((page) => !isEmptyPage(page));
    if (!imported.length) {
      setStatus(`${file.name} has no shapes: nothing was imported.`);
      return;
    }
    const replace = pages.count === 1 && drawnCells(graph).length === 0;
    if (replace) pages.reset(imported);
    else pages.append(imported);
    changed();
    const empty = read.length - imported.length;
    const leftOut = empty ? ` (${empty} empty page${empty === 1 ? '' : 's'} left out)` : '';
    setStatus(`Imported ${file.name}: ${imported.length} page${imported.length === 1 ? '' : 's'} ${replace ? 'opened' : 'added'}${leftOut}.`);
  })();

  const importHost: ImportHost = {
    graph, pages, setStatus, markDirty: changed, showContent: () => showContent(graph), serverNotice: options.featuresNotice,
    visio: features.visioImport && importFile(features.visioImport), gliffy: features.gliffyImport && importFile(features.gliffyImport),
  };
  // Reading what comes in loads with the later chunk (it is there by the time anyone opens, drops or pastes a file).
  let reader: Promise<Importer> | undefined;
  const loadReader = () => (reader ??= import('./later').then((m) => m.createImporter(importHost)));
  const importer: Importer = {
    openFile: async (file, at) => (await loadReader()).openFile(file, at),
    pasteText: async (text) => (await loadReader()).pasteText(text),
    isDiagramText,
  };
  const openFile = openFileButton(importer, graph);
  const unwireDropAndPaste = wireDropAndPaste(graph, canvas, importer, actions.paste);
  const data = wireDataEditing(graph, container, () => pages.ids().map((id, i) => ({ id, name: pages.names()[i] })));
  const menus = wireContextMenus(graph, container, actions, data.entries);
  focusCanvasOnPress(graph);
  const unwireNavigation = wireNavigation(graph);
  const panels = wirePanels(graph, () => body, pages, (text) => setStatus(text));

  // Toolbar
  const zoomLabel = el('span', { className: 'de-zoom', 'data-testid': 'zoom-level', textContent: '100%' });
  toolbar.append(el('span', { className: 'de-title', textContent: options.title ?? 'Diagram', 'data-testid': 'title' }));
  toolbar.append(openFile.element);
  toolbar.append(toolbarGroup([
    { id: 'undo', label: '↶', ariaLabel: 'Undo', title: 'Undo (Ctrl+Z)', run: actions.undo },
    { id: 'redo', label: '↷', ariaLabel: 'Redo', title: 'Redo (Ctrl+Shift+Z / Ctrl+Y)', run: actions.redo },
  ]));
  toolbar.append(toolbarGroup([
    { id: 'delete', label: 'Delete', title: 'Delete (Delete)', run: actions.remove },
    { id: 'duplicate', label: 'Duplicate', title: 'Duplicate (Ctrl+D)', run: actions.duplicate },
    { id: 'group', label: 'Group', title: 'Group (Ctrl+G)', run: actions.group },
    { id: 'ungroup', label: 'Ungroup', title: 'Ungroup (Ctrl+Shift+U)', run: actions.ungroup },
  ]));
  toolbar.append(menus.arrangeButton);
  const zoomGroup = toolbarGroup([
    { id: 'zoom-out', label: '−', ariaLabel: 'Zoom out', title: 'Zoom out (-)', run: actions.zoomOut },
    { id: 'zoom-in', label: '+', ariaLabel: 'Zoom in', title: 'Zoom in (+)', run: actions.zoomIn },
    { id: 'zoom-fit', label: 'Fit', title: 'Zoom to fit', run: actions.zoomFit },
    { id: 'zoom-actual', label: '100%', ariaLabel: 'Actual size', title: 'Actual size', run: actions.zoomActual },
  ]);
  zoomGroup.insertBefore(zoomLabel, zoomGroup.children[1]);
  toolbar.append(zoomGroup);
  toolbar.append(panels.buttons);
  const exports: ToolbarButton[] = [
    { id: 'export-png', label: 'PNG', title: 'Export the page as PNG', run: guarded(async () => {
      const { download, exportPng } = await import('./export');
      download(await exportPng(graph, 2), fileName('png'));
    }) },
    { id: 'export-svg', label: 'SVG', title: 'Export the page as SVG', run: guarded(async () => {
      const { download, exportSvg } = await import('./export');
      download(new Blob([exportSvg(graph)], { type: 'image/svg+xml' }), fileName('svg'));
    }) },
  ];
  const pdfExport = features.pdfExport;
  if (pdfExport) {
    exports.push({ id: 'export-pdf', label: 'PDF', busyLabel: 'PDF…', title: 'Export all pages as PDF', run: guarded(async () => {
      setStatus('Exporting PDF…');
      const pdf = await pdfExport(editor.getXml());
      (await import('./export')).download(pdf, fileName('pdf'));
      setStatus('PDF exported.');
    }) });
  }
  exports.push({ id: 'export', label: 'Export…', title: 'Export with options: paper, orientation, fit, margin, pages, selection, scale, background', run: guarded(async () => {
    (await import('./later')).openExportDialog({
      root: container, graph, pageCount: pages.count, currentPage: pages.current, fileName, snapshot: () => pages.snapshot(), pdf: pdfExport, setStatus,
    });
  }) });
  toolbar.append(toolbarGroup(exports));
  if (features.gliffyImport) toolbar.append(fileButton('import-gliffy', 'Import Gliffy', 'Import a Gliffy diagram', '.gliffy,application/json', importFile(features.gliffyImport)));
  if (features.visioImport) toolbar.append(fileButton('import-visio', 'Import Visio', 'Import a Visio drawing (.vsdx, .vsd), or a stencil (.vssx, .vss) as a palette library for this session', '.vsdx,.vsd,.vdx,.vssx,.vss,.vsx', importFile(features.visioImport)));
  const plantuml = features.plantuml;
  if (plantuml) toolbar.append(toolbarGroup([{ id: 'plantuml', label: 'PlantUML', title: 'Insert a PlantUML diagram', run: () => openPlantUmlDialog(container, graph, plantuml, setStatus) }]));
  if (options.featuresNotice) toolbar.append(el('span', { className: 'de-notice', textContent: options.featuresNotice, 'data-testid': 'features-notice' }));
  toolbar.append(el('span', { className: 'de-spacer' }));
  const end: ToolbarButton[] = [];
  if (options.onSave) end.push({ id: 'save', label: 'Save', title: 'Save (Ctrl+S)', run: save, primary: true });
  if (options.onClose) end.push({ id: 'close', label: 'Close', title: 'Close the editor', run: () => requestClose() });
  if (end.length) toolbar.append(toolbarGroup(end));

  // The format panel is filled once the editor is ready (below); the label editor's formatting bar when a label is first edited.
  const formatPanel = el('aside', { className: 'de-style', 'data-testid': 'style-panel' });
  graph.addListener(InternalEvent.EDITING_STARTED, async () => {
    const { showTextBar } = await import('./later');
    showTextBar(graph, container);
  });
  const body = el('div', { className: 'de-body' }, [palette, canvas, formatPanel]);
  toolbar.insertBefore(panelToggles(body, canvas, { palette, style: formatPanel }), toolbar.children[1]);
  container.append(toolbar, body, el('footer', { className: 'de-footer' }, [tabs, status]));

  editConnectorLabelOnDoubleClick(graph);
  // Double-click on a PlantUML image edits its source.
  const dblClick = graph.dblClick.bind(graph);
  graph.dblClick = (evt: MouseEvent, cell?: Cell | null) => {
    if (plantuml && cell && plantUmlSource(cell) !== null) openPlantUmlDialog(container, graph, plantuml, setStatus, cell);
    else dblClick(evt, cell);
  };
  const onScale = () => {
    const { scale, translate } = graph.getView();
    zoomLabel.textContent = `${Math.round(scale * 100)}%`;
    const size = graph.getGridSize() * scale;
    canvas.style.backgroundSize = `${size}px ${size}px`;
    canvas.style.backgroundPosition = `${translate.x * scale}px ${translate.y * scale}px`;
  };
  graph.getView().addListener(InternalEvent.SCALE, onScale);
  graph.getView().addListener(InternalEvent.SCALE_AND_TRANSLATE, onScale);
  graph.getView().addListener(InternalEvent.TRANSLATE, onScale);
  const onKey = bindKeys(graph, actions, save);
  document.addEventListener('keydown', onKey);

  await editor.load(null);
  // What the first drawing does not need comes after it, so the editor's first load stays small (web/build.mjs).
  void import('./later').then((m) => {
    if (destroyed) return;
    m.fillFormatPanel(formatPanel, graph, container);
    stencils = new m.StencilPalette(palette, { graph, setStatus });
  }, reportLoadFailure);
  canvas.tabIndex = 0; // in the tab order, and where the keyboard focus lands when the editor opens
  canvas.focus({ preventScroll: true });
  window.diagramEditor = editor;
  return editor;
}

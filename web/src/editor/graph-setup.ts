// The editing graph: maxGraph's default plugins plus rubber band, draw.io's label rule, shapes and
// defaults, connection points on hover, orthogonal edges by default, and the safety rules for labels
// (HTML sanitised wherever it is shown or edited) and images (data URIs only, nothing fetched).
import {
  CellState, ConnectionConstraint, EdgeHandlerConfig, Graph, HandleConfig, ImageBox, Point, RubberBandHandler,
  VertexHandlerConfig, getDefaultPlugins, type Cell, type CellEditorHandler, type ConnectionHandler,
} from '@maxgraph/core';
import { editorImages } from './shapes';
import { sanitizeHtml } from './sanitize';
import { parseStyle } from './styles';
import { drawLikeDrawio } from '../shared/graph';

export const defaultEdgeStyle = 'edgeStyle=orthogonalEdgeStyle;rounded=0;orthogonalLoop=1;jettySize=auto;html=1;';

const sidePoints: Array<[number, number]> = [
  [0.25, 0], [0.5, 0], [0.75, 0], [1, 0.25], [1, 0.5], [1, 0.75], [0.75, 1], [0.5, 1], [0.25, 1], [0, 0.75], [0, 0.5], [0, 0.25],
];

export function createEditorGraph(container: HTMLElement): Graph {
  VertexHandlerConfig.rotationEnabled = true;
  VertexHandlerConfig.selectionColor = '#1d7afc';
  EdgeHandlerConfig.selectionColor = '#1d7afc';
  HandleConfig.fillColor = '#ffffff';
  HandleConfig.strokeColor = '#1d7afc';
  EdgeHandlerConfig.virtualBendsEnabled = true;
  EdgeHandlerConfig.addBendOnShiftClickEnabled = true;
  EdgeHandlerConfig.removeBendOnShiftClickEnabled = true;

  const graph = new Graph(container, undefined, [...getDefaultPlugins(), RubberBandHandler]);
  // Shapes, stylesheet, label and image rules shared with the viewer and the PDF page.
  const isHtml = drawLikeDrawio(graph);
  graph.setConnectable(true);
  graph.setPanning(true);
  graph.setDropEnabled(true);
  graph.setGridEnabled(true);
  graph.setGridSize(10);
  graph.setTooltips(false);
  graph.setAllowDanglingEdges(true);
  graph.setCellsDisconnectable(false);
  // Shift-click adds a shape to the selection (or takes it out), as in draw.io; maxGraph only knows Ctrl/Cmd-click.
  const isToggleEvent = graph.isToggleEvent.bind(graph);
  graph.isToggleEvent = (evt: MouseEvent) => isToggleEvent(evt) || evt?.shiftKey === true;
  graph.options.collapsedImage = new ImageBox(editorImages.collapsed, 9, 9);
  graph.options.expandedImage = new ImageBox(editorImages.expanded, 9, 9);

  // Whatever HTML a file, an edit or a paste brings is reduced to the safe subset.
  const getEditingValue = graph.getEditingValue.bind(graph);
  graph.getEditingValue = (cell: Cell, evt: MouseEvent | null) => {
    const value = getEditingValue(cell, evt);
    return isHtml(cell) ? sanitizeHtml(value) : value;
  };
  const labelChanged = graph.labelChanged.bind(graph);
  graph.labelChanged = (cell: Cell, value: unknown, evt: Parameters<Graph['labelChanged']>[2]) =>
    labelChanged(cell, isHtml(cell) && typeof value === 'string' ? sanitizeHtml(value) : value, evt);
  guardLabelEditor(container);
  // maxGraph's label editor is plain text; HTML labels are edited as (sanitised) HTML, as in draw.io.
  const cellEditor = graph.getPlugin<CellEditorHandler>('CellEditorHandler');
  if (cellEditor) {
    const initial = cellEditor.getInitialValue.bind(cellEditor);
    cellEditor.getInitialValue = (state, trigger) =>
      isHtml(state.cell) ? sanitizeHtml(graph.getEditingValue(state.cell, trigger)) : initial(state, trigger);
    const current = cellEditor.getCurrentValue.bind(cellEditor);
    cellEditor.getCurrentValue = (state) =>
      isHtml(state.cell) && cellEditor.textarea ? sanitizeHtml(cellEditor.textarea.innerHTML) : current(state);
    // Labelling from the keyboard, as in draw.io: Escape, Tab and Ctrl/Cmd+Enter end the editing and keep the text
    // (as F2 does; Shift+Escape cancels). maxGraph's Escape throws the text away and its Tab leaves the editor open.
    cellEditor.escapeCancelsEditing = false;
    const stops = cellEditor.isStopEditingEvent.bind(cellEditor);
    cellEditor.isStopEditingEvent = (evt: KeyboardEvent) => stops(evt) || evt.key === 'Tab' || (evt.key === 'Enter' && (evt.ctrlKey || evt.metaKey));
  }

  graph.getAllConnectionConstraints = (terminal: CellState | null) => {
    if (!terminal || !terminal.cell.isVertex()) return null;
    return sidePoints.map(([x, y]) => new ConnectionConstraint(new Point(x, y), true));
  };
  const connection = graph.getPlugin<ConnectionHandler>('ConnectionHandler');
  if (connection) {
    connection.connectImage = new ImageBox(editorImages.connect, 16, 16);
    connection.constraintHandler.pointImage = new ImageBox(editorImages.point, 7, 7);
    connection.createEdgeState = () => {
      const edge = graph.createEdge(null, undefined, '', null, null, parseStyle(defaultEdgeStyle));
      return new CellState(graph.getView(), edge, graph.getCellStyle(edge));
    };
    // The handler passes id '' for new edges; without an id the model assigns a fresh one.
    const insertEdge = connection.insertEdge.bind(connection);
    connection.insertEdge = (parent, _id, value, source, target, style) =>
      insertEdge(parent, undefined as unknown as string, value, source, target, style);
  }
  return graph;
}


/** The in-place editor is contenteditable: pasted or dropped HTML is reduced to the safe subset. */
function guardLabelEditor(container: HTMLElement): void {
  container.addEventListener('paste', (evt: ClipboardEvent) => {
    const target = evt.target as HTMLElement | null;
    if (!target?.closest('[contenteditable="true"]') || !evt.clipboardData) return;
    evt.preventDefault();
    const html = evt.clipboardData.getData('text/html');
    const text = evt.clipboardData.getData('text/plain');
    const safe = html ? sanitizeHtml(html) : escapeText(text).replace(/\n/g, '<br>');
    document.execCommand('insertHTML', false, safe);
  }, true);
  container.addEventListener('drop', (evt: DragEvent) => {
    const target = evt.target as HTMLElement | null;
    if (target?.closest('[contenteditable="true"]')) evt.preventDefault();
  }, true);
}

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

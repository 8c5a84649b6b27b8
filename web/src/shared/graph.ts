// Loading a draw.io page into a maxGraph graph: draw.io's conventions that maxGraph does not know by itself.
import { Graph, type Cell, type CellStateStyle } from '@maxgraph/core';
import { parseXml } from './mxfile';
import { readModel } from './model-reader';
import { applyDrawioStylesheet, missingImageStroke, registerDrawioShapes } from '../editor/shapes';
import { sanitizeHtml } from '../editor/sanitize';
import { replacePlaceholders } from '../editor/placeholders';
import { safeImage, wrapperKey, type WrapperData } from './cells';
import { outlineUnresolved, registerShapeAliases, watchStencils } from '../draw/resolve';
import { drawStylesLikeDrawio } from '../draw';
import { applyPageStyle, attributesOf, readPageStyle } from '../draw/page-style';


/**
 * A read-only graph (viewer, PDF render page) that draws a page as the editor does: draw.io's shapes and
 * default stylesheet, HTML labels only where the style says html=1 and then only the safe subset (a wrapping
 * plain label is laid out as escaped HTML text, as draw.io does),
 * placeholders (%name%) filled in for display, images from data URIs only (a remote URL is never fetched).
 */
export function createGraph(container: HTMLElement): Graph {
  const graph = new Graph(container);
  // Read-only views: no fold icons (maxGraph would fetch them as files next to the page).
  graph.options.foldingEnabled = false;
  drawLikeDrawio(graph);
  return graph;
}

/**
 * draw.io's drawing rules on any graph (the editor's too): its shapes and default stylesheet, HTML labels only
 * where the style says html=1 and then only the safe subset (wrapping plain labels laid out as escaped HTML text),
 * placeholders filled in for display only, and images
 * from data URIs only. Answers the html=1 test, which the editor also needs while editing labels.
 */
export function drawLikeDrawio(graph: Graph): (cell: Cell | null) => boolean {
  registerDrawioShapes();
  registerShapeAliases();
  applyDrawioStylesheet(graph.getStylesheet());
  const styleOf = (cell: Cell | null) => cell?.style as Record<string, unknown> | undefined;
  const isHtml = (cell: Cell | null) => String(styleOf(cell)?.html ?? '') === '1';
  // draw.io lays out a wrapping plain label (whiteSpace=wrap without html=1) as HTML too, its text escaped: it wraps
  // at the shape's width and keeps its line breaks. It is still edited, and saved, as plain text.
  const wraps = (cell: Cell | null) => styleOf(cell)?.whiteSpace === 'wrap';
  graph.isHtmlLabel = (cell: Cell | null) => isHtml(cell) || wraps(cell);
  const getLabel = graph.getLabel.bind(graph);
  graph.getLabel = (cell?: Cell | null) => {
    const raw = getLabel(cell);
    const label = cell && typeof raw === 'string' ? replacePlaceholders(cell, raw) : raw;
    if (typeof label !== 'string') return label;
    if (isHtml(cell ?? null)) return sanitizeHtml(label);
    return wraps(cell ?? null) ? escapeHtml(label) : label;
  };
  // draw.io writes data URIs without ';base64'; remote URLs are not drawn (never fetched).
  const postProcess = graph.postProcessCellStyle.bind(graph);
  graph.postProcessCellStyle = (style: CellStateStyle) => {
    const result = postProcess(style);
    if (typeof result.image === 'string') {
      result.image = safeImage(result.image);
      if (result.image === undefined && result.shape === 'image') outlineMissingImage(result);
      else if (result.image === undefined && result.shape === 'label') (result as Record<string, unknown>).missingImage = 1; // DrawioLabelShape
    }
    // fillColor=none removes the fill from the computed style; a gradient then has no start colour, and draw.io
    // draws no fill (maxGraph would throw while drawing the cell, taking the whole page with it).
    if (result.fillColor === undefined || result.fillColor === 'none') delete result.gradientColor;
    outlineUnresolved(result);
    return result;
  };
  // draw.io's stencils: loaded when a change names one that is not loaded yet (pages are prepared before drawing).
  watchStencils(graph);
  drawStylesLikeDrawio(graph);
  return isHtml;
}

/** Plain text as HTML text (line breaks stay \n: maxGraph turns them into <br> in an HTML label). */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * An image shape whose picture is not drawn (a remote URL, never fetched, or an icon we do not have) shows where
 * it sits: a dashed grey outline with its label, so the page does not look as if something were lost silently.
 */
function outlineMissingImage(style: CellStateStyle): void {
  const record = style as Record<string, unknown>;
  const border = typeof record.imageBorder === 'string' && record.imageBorder !== 'none' ? record.imageBorder : missingImageStroke;
  style.shape = 'rectangle';
  style.fillColor = 'none';
  delete style.gradientColor;
  style.strokeColor = border;
  style.dashed = true;
  style.rounded = false;
}

/**
 * Replaces the graph's model with a page's <mxGraphModel>. <UserObject>/<object> wrappers become
 * plain cells whose value is the wrapper's label; the wrapper's other attributes ride along on the cell.
 */
export function loadModel(graph: Graph, modelXml: string): void {
  const doc = parseXml(modelXml);
  const wrappers: Array<{ id: string; data: WrapperData }> = [];
  for (const wrapper of Array.from(doc.querySelectorAll('UserObject, object'))) {
    const cell = Array.from(wrapper.children).find((e) => e.nodeName === 'mxCell');
    if (!cell) {
      wrapper.remove();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const attr of Array.from(wrapper.attributes)) attributes[attr.name] = attr.value;
    const id = wrapper.getAttribute('id') ?? cell.getAttribute('id') ?? '';
    cell.setAttribute('id', id);
    cell.setAttribute('value', wrapper.getAttribute('label') ?? '');
    wrappers.push({ id, data: { tag: wrapper.nodeName, attributes } });
    wrapper.replaceWith(cell);
  }
  graph.getDataModel().clear();
  readModel(graph.getDataModel(), doc.documentElement);
  for (const { id, data } of wrappers) {
    const cell = graph.getDataModel().getCell(id);
    if (cell) (cell as unknown as Record<string, unknown>)[wrapperKey] = data;
  }
  applyPageStyle(graph, readPageStyle(attributesOf(doc.documentElement)));
  graph.getView().clear(undefined, true, true);
  graph.refresh();
}

/** Vertices and edges below the root layers: what a reader would count as the diagram's cells. */
export function drawnCells(graph: Graph): Cell[] {
  const model = graph.getDataModel();
  const root = model.getRoot();
  if (!root) return [];
  const result: Cell[] = [];
  const visit = (cell: Cell) => {
    for (const child of cell.getChildren()) {
      if (child.isVertex() || child.isEdge()) result.push(child);
      visit(child);
    }
  };
  for (const layer of root.getChildren()) visit(layer);
  return result;
}

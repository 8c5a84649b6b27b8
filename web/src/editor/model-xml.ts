// Writes a maxGraph model as draw.io's <mxGraphModel>: mxCell elements with style strings, and
// <UserObject>/<object> wrappers (recorded by shared/graph's loadModel) written back as wrappers.
import type { Cell, Geometry, GraphDataModel, Point } from '@maxgraph/core';
import { wrapperKey, type WrapperData } from '../shared/cells';
import { writeStyle } from './styles';

/** draw.io's <mxGraphModel> attributes for a new page. */
export const defaultModelAttributes: Record<string, string> = {
  dx: '1000', dy: '600', grid: '1', gridSize: '10', guides: '1', tooltips: '1', connect: '1', arrows: '1',
  fold: '1', page: '1', pageScale: '1', pageWidth: '850', pageHeight: '1100', math: '0', shadow: '0',
};

export function writeModel(model: GraphDataModel, attributes: Record<string, string>): string {
  const doc = document.implementation.createDocument(null, 'mxGraphModel', null);
  const root = doc.documentElement;
  for (const [name, value] of Object.entries(attributes)) root.setAttribute(name, value);
  const cells = doc.createElement('root');
  root.appendChild(cells);
  const top = model.getRoot();
  if (top) writeCell(doc, cells, top);
  return new XMLSerializer().serializeToString(doc);
}

function writeCell(doc: XMLDocument, into: Element, cell: Cell): void {
  const element = doc.createElement('mxCell');
  const wrapper = (cell as unknown as Record<string, unknown>)[wrapperKey] as WrapperData | undefined;
  const label = cell.value == null ? '' : String(cell.value);
  let outer = element;
  if (wrapper) {
    outer = doc.createElement(wrapper.tag);
    for (const [name, value] of Object.entries(wrapper.attributes)) outer.setAttribute(name, value);
    outer.setAttribute('label', label);
    outer.setAttribute('id', cell.getId() ?? '');
    outer.appendChild(element);
  } else {
    element.setAttribute('id', cell.getId() ?? '');
    if (cell.value != null && (cell.isVertex() || cell.isEdge() || label !== '')) element.setAttribute('value', label);
  }
  const style = writeStyle(cell.style);
  if (style) element.setAttribute('style', style);
  if (cell.isVertex()) element.setAttribute('vertex', '1');
  if (cell.isEdge()) element.setAttribute('edge', '1');
  if (!cell.isConnectable() && (cell.isVertex() || cell.isEdge())) element.setAttribute('connectable', '0');
  if (!cell.isVisible()) element.setAttribute('visible', '0');
  if (cell.isCollapsed()) element.setAttribute('collapsed', '1');
  const parent = cell.getParent();
  if (parent) element.setAttribute('parent', parent.getId() ?? '');
  const source = cell.getTerminal(true);
  const target = cell.getTerminal(false);
  if (source) element.setAttribute('source', source.getId() ?? '');
  if (target) element.setAttribute('target', target.getId() ?? '');
  const geometry = cell.getGeometry();
  if (geometry) element.appendChild(writeGeometry(doc, geometry));
  into.appendChild(outer);
  for (const child of cell.getChildren()) writeCell(doc, into, child);
}

function writeGeometry(doc: XMLDocument, g: Geometry): Element {
  const element = doc.createElement('mxGeometry');
  const numbers: Array<[string, number]> = [['x', g.x], ['y', g.y], ['width', g.width], ['height', g.height]];
  for (const [name, value] of numbers) if (value) element.setAttribute(name, String(round(value)));
  if (g.relative) element.setAttribute('relative', '1');
  const point = (p: Point | null, as: string) => {
    if (!p) return;
    const e = writePoint(doc, p);
    e.setAttribute('as', as);
    element.appendChild(e);
  };
  point(g.sourcePoint, 'sourcePoint');
  point(g.targetPoint, 'targetPoint');
  if (g.points && g.points.length > 0) {
    const array = doc.createElement('Array');
    array.setAttribute('as', 'points');
    for (const p of g.points) array.appendChild(writePoint(doc, p));
    element.appendChild(array);
  }
  if (g.offset && (g.offset.x || g.offset.y)) point(g.offset, 'offset');
  if (g.alternateBounds) {
    const alt = doc.createElement('mxRectangle');
    const b = g.alternateBounds;
    for (const [name, value] of [['x', b.x], ['y', b.y], ['width', b.width], ['height', b.height]] as const) {
      if (value) alt.setAttribute(name, String(round(value)));
    }
    alt.setAttribute('as', 'alternateBounds');
    element.appendChild(alt);
  }
  element.setAttribute('as', 'geometry');
  return element;
}

function writePoint(doc: XMLDocument, p: Point): Element {
  const element = doc.createElement('mxPoint');
  if (p.x) element.setAttribute('x', String(round(p.x)));
  if (p.y) element.setAttribute('y', String(round(p.y)));
  return element;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The <mxGraphModel> element's attributes, so a save keeps the page settings draw.io wrote. */
export function modelAttributes(doc: Document): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attr of Array.from(doc.documentElement.attributes)) result[attr.name] = attr.value;
  return Object.keys(result).length ? result : { ...defaultModelAttributes };
}

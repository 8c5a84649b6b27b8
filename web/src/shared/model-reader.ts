// Reads draw.io's <mxGraphModel> into a maxGraph model: the <mxCell> elements under <root> (shared/graph's loadModel
// has already turned <UserObject>/<object> wrappers into plain cells), their <mxGeometry> with its points, offset and
// alternate bounds. Our own reader rather than maxGraph's ModelXmlSerializer: it reads only what draw.io writes
// (maxGraph's codecs decode any element into any object, about 3 KiB gzipped every page would load), and it refuses
// a cell that is its own ancestor, on which a generic decoder would recurse without end.
import { Cell, Geometry, Point, Rectangle, type GraphDataModel } from '@maxgraph/core';
import { DiagramFileError } from './mxfile';
import { parseStyle } from '../editor/styles';

const number = (element: Element, name: string): number => {
  const value = Number(element.getAttribute(name) ?? 0);
  return Number.isFinite(value) ? value : 0;
};

const point = (element: Element): Point => new Point(number(element, 'x'), number(element, 'y'));

function readGeometry(element: Element): Geometry {
  const geometry = new Geometry(number(element, 'x'), number(element, 'y'), number(element, 'width'), number(element, 'height'));
  geometry.relative = element.getAttribute('relative') === '1';
  for (const child of Array.from(element.children)) {
    const as = child.getAttribute('as');
    if (child.nodeName === 'mxPoint' && as === 'sourcePoint') geometry.setTerminalPoint(point(child), true);
    else if (child.nodeName === 'mxPoint' && as === 'targetPoint') geometry.setTerminalPoint(point(child), false);
    else if (child.nodeName === 'mxPoint' && as === 'offset') geometry.offset = point(child);
    else if (child.nodeName === 'Array' && as === 'points') {
      geometry.points = Array.from(child.children).filter((p) => p.nodeName === 'mxPoint').map(point);
    } else if (child.nodeName === 'mxRectangle' && as === 'alternateBounds') {
      geometry.alternateBounds = new Rectangle(number(child, 'x'), number(child, 'y'), number(child, 'width'), number(child, 'height'));
    }
  }
  return geometry;
}

function readCell(element: Element): Cell {
  const cell = new Cell(element.getAttribute('value'), null, parseStyle(element.getAttribute('style') ?? ''));
  const id = element.getAttribute('id');
  if (id !== null) cell.setId(id);
  cell.setVertex(element.getAttribute('vertex') === '1');
  cell.setEdge(element.getAttribute('edge') === '1');
  if (element.getAttribute('connectable') === '0') cell.setConnectable(false);
  if (element.getAttribute('visible') === '0') cell.setVisible(false);
  if (element.getAttribute('collapsed') === '1') cell.setCollapsed(true);
  const geometry = Array.from(element.children).find((c) => c.nodeName === 'mxGeometry' && c.getAttribute('as') === 'geometry');
  if (geometry) cell.setGeometry(readGeometry(geometry));
  return cell;
}

/**
 * Replaces `model`'s root with the cells of `graphModel` (an <mxGraphModel> element). Cells are inserted in document
 * order into the parent their `parent` names, edges into their `source` and `target`; the root is the last cell
 * without a parent, as maxGraph's reader takes it. Throws DiagramFileError when a cell is its own ancestor.
 */
export function readModel(model: GraphDataModel, graphModel: Element): void {
  const root = Array.from(graphModel.children).find((c) => c.nodeName === 'root');
  const elements = root ? Array.from(root.children).filter((c) => c.nodeName === 'mxCell') : [];
  const cells = elements.map(readCell);
  const byId = new Map<string, Cell>();
  for (const cell of cells) if (cell.getId() !== null && !byId.has(cell.getId()!)) byId.set(cell.getId()!, cell);
  const ref = (element: Element, name: string): Cell | undefined => {
    const id = element.getAttribute(name);
    return id === null ? undefined : byId.get(id);
  };
  const parents = new Map<Cell, Cell>();
  elements.forEach((element, i) => {
    const parent = ref(element, 'parent');
    if (parent) parents.set(cells[i], parent);
  });
  // Each chain of parents is walked once: a cell met again on the walk it started is its own ancestor.
  const checked = new Set<Cell>();
  for (const cell of cells) {
    const walk = new Set<Cell>();
    for (let up: Cell | undefined = cell; up && !checked.has(up); up = parents.get(up)) {
      if (walk.has(up)) throw new DiagramFileError(`The cell "${up.getId()}" is inside itself (its chain of parents comes back to it).`);
      walk.add(up);
    }
    for (const seen of walk) checked.add(seen);
  }
  let top: Cell | null = null;
  elements.forEach((element, i) => {
    const cell = cells[i];
    const parent = parents.get(cell);
    if (parent) parent.insert(cell);
    else top = cell;
    ref(element, 'source')?.insertEdge(cell, true);
    ref(element, 'target')?.insertEdge(cell, false);
  });
  if (top) model.setRoot(top);
}

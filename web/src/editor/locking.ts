// The graph rules behind draw.io's locking (arrange.ts sets and clears the keys): `locked=1` on a cell or any of its
// parents locks it, connectable=0 refuses connections, and a rubber band leaves locked cells out.
import type { Cell, Graph } from '@maxgraph/core';

export const off = (value: unknown): boolean => value === 0 || value === '0' || value === false;
export const raw = (cell: Cell): Record<string, unknown> => (cell.style ?? {}) as Record<string, unknown>;

/** draw.io's `locked=1`, on the cell or any parent (a locked layer locks what is on it). */
export function lockedByParents(cell: Cell | null): boolean {
  for (let c = cell; c; c = c.getParent()) if (String(raw(c).locked ?? '') === '1') return true;
  return false;
}

/** The graph rules behind locking: locked=1 (and its parents') locks, connectable=0 refuses connections, rubber band skips locked=1. */
export function installLocking(graph: Graph): void {
  const isCellLocked = graph.isCellLocked.bind(graph);
  graph.isCellLocked = (cell: Cell) => isCellLocked(cell) || lockedByParents(cell);
  const isCellDeletable = graph.isCellDeletable.bind(graph);
  graph.isCellDeletable = (cell: Cell) => isCellDeletable(cell) && !lockedByParents(cell);
  const isCellRotatable = graph.isCellRotatable.bind(graph);
  graph.isCellRotatable = (cell: Cell) => isCellRotatable(cell) && !lockedByParents(cell);
  const isValidSource = graph.isValidSource.bind(graph);
  graph.isValidSource = (cell: Cell | null) => isValidSource(cell) && (cell === null || !off((graph.getCurrentCellStyle(cell) as Record<string, unknown>).connectable));
  graph.selectRegion = (rect, evt) => {
    const cells = graph.getCells(rect.x, rect.y, rect.width, rect.height).filter((c) => !lockedByParents(c));
    graph.selectCellsForEvent(cells, evt);
    return cells;
  };
}

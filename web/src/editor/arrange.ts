// Arrange: align, distribute, to front/back, same size, and lock/unlock with draw.io's style keys, so files round-trip:
// Lock (Ctrl+L) sets movable, resizable, rotatable, deletable, editable and connectable to 0 (drawio Actions.js
// lockUnlock), Unlock removes them; `locked=1` on a cell or any of its parents (draw.io's locked layer) locks too, and
// such cells are also left out of a rubber-band selection (locking.ts, in the first load; this file comes with the
// editor's later chunk). A locked cell can still be selected (to unlock it) and styled, but not moved, resized,
// rotated, deleted, connected or relabelled.
import { Point, type Cell, type CellState, type Graph } from '@maxgraph/core';
import { withStyle } from './styles';
import { lockedByParents, off } from './locking';

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';
export type SizeKind = 'width' | 'height' | 'both';

export const lockKeys = ['movable', 'resizable', 'rotatable', 'deletable', 'editable', 'connectable'] as const;


export interface Arrange {
  align(how: Alignment): void;
  distribute(horizontal: boolean): void;
  toFront(): void;
  toBack(): void;
  sameSize(kind: SizeKind): void;
  /** Locks the selection, or unlocks it when its first cell is locked (as draw.io decides). */
  toggleLock(): void;
  isLocked(cell: Cell): boolean;
}

export function createArrange(graph: Graph): Arrange {
  const selection = () => graph.getSelectionCells();
  const movableVertices = () => graph.getMovableCells(selection()).filter((c) => c.isVertex());
  const isLocked = (cell: Cell) => lockedByParents(cell) || off(graph.getCurrentCellStyle(cell).movable);
  return {
    align: (how) => {
      const cells = movableVertices();
      if (cells.length > 1) graph.alignCells(how, cells);
    },
    distribute: (horizontal) => distribute(graph, movableVertices(), horizontal),
    toFront: () => { if (selection().length) graph.orderCells(false, selection()); },
    toBack: () => { if (selection().length) graph.orderCells(true, selection()); },
    sameSize: (kind) => {
      // The first selected shape is the model; the others keep their top-left corner.
      const [first, ...rest] = selection().filter((c) => c.isVertex() && c.getGeometry());
      const model = first?.getGeometry();
      const cells = rest.filter((c) => graph.isCellResizable(c));
      if (!model || !cells.length) return;
      graph.batchUpdate(() => {
        for (const cell of cells) {
          const geometry = cell.getGeometry()!.clone();
          if (kind !== 'height') geometry.width = model.width;
          if (kind !== 'width') geometry.height = model.height;
          graph.getDataModel().setGeometry(cell, geometry);
        }
      });
    },
    toggleLock: () => {
      const cells = selection();
      if (!cells.length) return;
      const lock = !isLocked(cells[0]);
      const changes: Record<string, unknown> = Object.fromEntries(lockKeys.map((k) => [k, lock ? 0 : undefined]));
      if (!lock) changes.locked = undefined;
      graph.batchUpdate(() => {
        for (const cell of cells) graph.getDataModel().setStyle(cell, withStyle(cell.style, changes));
      });
    },
    isLocked,
  };
}

/** draw.io's distribute (Graph.distributeCells): the outer shapes stay, the centres of the others are spaced evenly. */
function distribute(graph: Graph, cells: Cell[], horizontal: boolean): void {
  const view = graph.getView();
  const states = cells.map((c) => view.getState(c)).filter((s): s is CellState => s !== null);
  if (states.length < 3) return;
  const centre = (s: CellState) => (horizontal ? s.getCenterX() : s.getCenterY()) / view.scale - (horizontal ? view.translate.x : view.translate.y);
  states.sort((a, b) => centre(a) - centre(b));
  const first = centre(states[0]);
  const step = (centre(states[states.length - 1]) - first) / (states.length - 1);
  graph.batchUpdate(() => {
    states.slice(1, -1).forEach((state, i) => {
      const parent = state.cell.getParent();
      const origin = (parent && view.getState(parent)?.origin) || new Point(0, 0);
      const geometry = state.cell.getGeometry()!.clone();
      const at = first + step * (i + 1);
      if (horizontal) geometry.x = Math.round(at - geometry.width / 2) - origin.x;
      else geometry.y = Math.round(at - geometry.height / 2) - origin.y;
      graph.getDataModel().setGeometry(state.cell, geometry);
    });
  });
}

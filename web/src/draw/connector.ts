// The edge shape for draw.io pages: maxGraph's connector, plus draw.io's line jumps (jumpStyle, jumpSize) over the
// edges drawn before it. The crossings are found against the other edges' routed points in the view.
import { ConnectorShape, InternalEvent, RootChange, type AbstractCanvas2D, type AbstractGraph, type Cell, type CellState, type EventObject, type Point } from '@maxgraph/core';
import { isJumpStyle, jumpDistances, jumpLimits, pathWithJumps, type XY } from './line-jumps';

const defaultJumpSize = 6;
/** How many cells the walk for the edges drawn earlier visits at most. */
const maxVisited = 20000;

export class DrawioConnectorShape extends ConnectorShape {
  paintLine(c: AbstractCanvas2D, pts: Point[], rounded?: boolean): void {
    const style = this.style as Record<string, unknown> | null;
    const jumpStyle = style?.jumpStyle;
    const state = this.state;
    if (!isJumpStyle(jumpStyle) || !state) {
      super.paintLine(c, pts, rounded);
      return;
    }
    const sizeValue = Number(style?.jumpSize);
    const size = Number.isFinite(sizeValue) && sizeValue > 0 ? Math.min(sizeValue, 100) : defaultJumpSize;
    const scale = this.scale || 1;
    const others = edgesBelow(state).map((points) => points.map((p) => ({ x: p.x / scale, y: p.y / scale })));
    const jumps = jumpDistances(pts, others, size);
    if (jumps.every((j) => j.length === 0)) {
      super.paintLine(c, pts, rounded);
      return;
    }
    c.begin();
    for (const op of pathWithJumps(pts, jumps, jumpStyle, size, rounded ? this.getBaseArcSize() : 0)) {
      if (op.op === 'M') c.moveTo(op.x, op.y);
      else if (op.op === 'L') c.lineTo(op.x, op.y);
      else if (op.op === 'Q') c.quadTo(op.x1, op.y1, op.x, op.y);
      else if (op.op === 'C') c.curveTo(op.x1, op.y1, op.x2, op.y2, op.x, op.y);
    }
    c.stroke();
  }
}

/**
 * maxGraph redraws only the cells a change touched, so an edge's jumps would stay where the edges below it were: after
 * every change but a new root (once the view is validated) the edges that jump are redrawn, at most
 * `jumpLimits.maxOtherEdges` of them.
 */
export function keepJumpsCurrent(graph: AbstractGraph): void {
  graph.getDataModel().addListener(InternalEvent.CHANGE, (_sender: unknown, evt: EventObject) => {
    // A new root (a page loaded) has just drawn every edge afresh, in order.
    if (((evt.getProperty('edit')?.changes ?? []) as unknown[]).some((change) => change instanceof RootChange)) return;
    let redrawn = 0;
    for (const state of graph.getView().getStates().values()) {
      if (!state.cell.isEdge() || !state.shape || !isJumpStyle((state.style as Record<string, unknown> | null)?.jumpStyle)) continue;
      if (++redrawn > jumpLimits.maxOtherEdges) break;
      state.shape.redraw();
    }
  });
}

/** The routed points (view coordinates) of the visible edges that come before `state`'s edge in the page's order. */
function edgesBelow(state: CellState): XY[][] {
  const view = state.view;
  const root = view.graph.getDataModel().getRoot();
  const result: XY[][] = [];
  if (!root) return result;
  let visited = 0;
  const stack: Cell[] = [root];
  const order: Cell[] = [];
  // Depth first, in child order: the order cells are drawn in.
  while (stack.length > 0 && visited < maxVisited) {
    const cell = stack.pop()!;
    visited++;
    if (cell === state.cell) break;
    order.push(cell);
    const children = cell.getChildren();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  for (const cell of order) {
    if (!cell.isEdge()) continue;
    const other = view.getState(cell);
    const points = other?.absolutePoints;
    if (!points || points.length < 2 || points.some((p) => !p)) continue;
    result.push(points as XY[]);
  }
  return result;
}

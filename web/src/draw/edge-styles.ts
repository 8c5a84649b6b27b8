// draw.io's edge styles that maxGraph lacks. maxGraph routes elbowEdgeStyle (elbow=horizontal/vertical),
// orthogonalEdgeStyle (exit/entry constraints), entityRelationEdgeStyle and segmentEdgeStyle itself, as draw.io
// does; isometricEdgeStyle is added here: each leg between terminals and waypoints bends once, along the two
// isometric axes (30° above and below the horizontal), the first leg along the axis `elbow` names
// (horizontal = the axis falling to the right, vertical = the rising one).
import { EdgeStyleRegistry, Point, type CellState, type EdgeStyleFunction } from '@maxgraph/core';

const cos30 = Math.cos(Math.PI / 6);
const sin30 = 0.5;

/** The bend between `from` and `to` along the isometric axes; `first` says which axis the leg starts along. */
export function isometricBend(from: { x: number; y: number }, to: { x: number; y: number }, first: 'falling' | 'rising'): { x: number; y: number } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  // (dx, dy) = u·(cos30, sin30) + v·(cos30, −sin30)
  const u = (dx / cos30 + dy / sin30) / 2;
  const v = (dx / cos30 - dy / sin30) / 2;
  return first === 'falling'
    ? { x: from.x + u * cos30, y: from.y + u * sin30 }
    : { x: from.x + v * cos30, y: from.y - v * sin30 };
}

const center = (state: CellState) => ({ x: state.getCenterX(), y: state.getCenterY() });

const isometric: EdgeStyleFunction = (state, source, target, points, result) => {
  const view = state.view;
  const absolute = state.absolutePoints;
  const start = absolute[0] ?? (source ? center(source) : null);
  const end = absolute[absolute.length - 1] ?? (target ? center(target) : null);
  if (!start || !end) return;
  const first = (state.style as Record<string, unknown>).elbow === 'vertical' ? 'rising' : 'falling';
  const stops = [start, ...(points ?? []).slice(0, 100).map((p) => view.transformControlPoint(state, p) ?? p), end];
  for (let i = 0; i + 1 < stops.length; i++) {
    const bend = isometricBend(stops[i], stops[i + 1], first);
    if (i > 0) result.push(new Point(stops[i].x, stops[i].y));
    result.push(new Point(bend.x, bend.y));
  }
};

let registered = false;

export function registerDrawioEdgeStyles(): void {
  if (registered) return;
  registered = true;
  EdgeStyleRegistry.add('isometricEdgeStyle', isometric, { handlerKind: 'default', isOrthogonal: false });
}

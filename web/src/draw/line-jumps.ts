// Line jumps as draw.io draws them (jumpStyle=arc|gap|sharp|line, jumpSize, default 6): where an edge crosses an edge
// drawn before it (lower in the page's order), it hops over that edge. Pure geometry here (which crossings, and the
// path that jumps them); draw/connector.ts feeds it the edges' points and paints the result.

export interface XY {
  x: number;
  y: number;
}

export type JumpStyle = 'arc' | 'gap' | 'sharp' | 'line';

/** A path as canvas calls: M/L to a point, Q (control, end), or C (two controls, end). */
export type PathOp =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'Q'; x1: number; y1: number; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number };

export const jumpLimits = { maxOtherEdges: 1000, maxJumpsPerEdge: 200 };

export function isJumpStyle(value: unknown): value is JumpStyle {
  return value === 'arc' || value === 'gap' || value === 'sharp' || value === 'line';
}

/**
 * Where segment a1→a2 properly crosses segment b1→b2, as the fraction t of the way along a (0 < t < 1); null when they
 * do not cross, are parallel, or only touch at an end (edges that meet at a shared terminal do not jump).
 */
export function segmentCrossing(a1: XY, a2: XY, b1: XY, b2: XY): number | null {
  const rx = a2.x - a1.x;
  const ry = a2.y - a1.y;
  const sx = b2.x - b1.x;
  const sy = b2.y - b1.y;
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-9) return null;
  const qx = b1.x - a1.x;
  const qy = b1.y - a1.y;
  const t = (qx * sy - qy * sx) / denominator;
  const u = (qx * ry - qy * rx) / denominator;
  const eps = 1e-6;
  return t > eps && t < 1 - eps && u > eps && u < 1 - eps ? t : null;
}

/**
 * For each segment of `points`, the distances from its start at which it jumps an edge of `others`: sorted, at least
 * `size` from either end of the segment and from each other (draw.io leaves out a jump with no room for it).
 */
export function jumpDistances(points: XY[], others: XY[][], size: number): number[][] {
  const result: number[][] = [];
  let count = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a1 = points[i];
    const a2 = points[i + 1];
    const length = Math.hypot(a2.x - a1.x, a2.y - a1.y);
    const found: number[] = [];
    for (const other of others.slice(0, jumpLimits.maxOtherEdges)) {
      for (let j = 0; j + 1 < other.length; j++) {
        const t = segmentCrossing(a1, a2, other[j], other[j + 1]);
        if (t !== null) found.push(t * length);
      }
    }
    found.sort((p, q) => p - q);
    const kept: number[] = [];
    for (const d of found) {
      if (count >= jumpLimits.maxJumpsPerEdge) break;
      if (d < size / 2 || d > length - size / 2) continue;
      if (kept.length > 0 && d - kept[kept.length - 1] < size) continue;
      kept.push(d);
      count++;
    }
    result.push(kept);
  }
  return result;
}

/**
 * The path along `points` with a jump of `size` at each of `jumps` (per segment, from jumpDistances), and rounded
 * corners of radius up to `arc` when `arc` > 0. Jumps bulge to the left of the direction of travel on screen, i.e.
 * upwards for an edge that runs left to right, as in draw.io.
 */
export function pathWithJumps(points: XY[], jumps: number[][], style: JumpStyle, size: number, arc: number): PathOp[] {
  const ops: PathOp[] = [];
  if (points.length === 0) return ops;
  ops.push({ op: 'M', x: points[0].x, y: points[0].y });
  const half = size / 2;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const ux = (b.x - a.x) / length;
    const uy = (b.y - a.y) / length;
    // The side of the bulge: upwards (or leftwards for a vertical segment), whatever the direction of travel.
    let nx = uy;
    let ny = -ux;
    if (ny > 1e-9 || (Math.abs(ny) <= 1e-9 && nx > 0)) {
      nx = -nx;
      ny = -ny;
    }
    const at = (d: number, up = 0) => ({ x: a.x + ux * d + nx * up, y: a.y + uy * d + ny * up });
    for (const d of jumps[i] ?? []) {
      const start = at(d - half);
      const end = at(d + half);
      ops.push({ op: 'L', ...start });
      if (style === 'gap') {
        ops.push({ op: 'M', ...end });
      } else if (style === 'sharp') {
        ops.push({ op: 'L', ...at(d, size) }, { op: 'L', ...end });
      } else if (style === 'line') {
        ops.push({ op: 'L', ...at(d - half, size) }, { op: 'L', ...at(d + half, size) }, { op: 'L', ...end });
      } else {
        // A half circle of radius size/2 as one cubic.
        const k = (4 / 3) * half;
        const c1 = at(d - half, k);
        const c2 = at(d + half, k);
        ops.push({ op: 'C', x1: c1.x, y1: c1.y, x2: c2.x, y2: c2.y, x: end.x, y: end.y });
      }
    }
    const next = points[i + 2];
    if (arc > 0 && next) {
      // Rounded corner at b: stop short of it, and curve to the same distance along the next segment.
      const nextLength = Math.hypot(next.x - b.x, next.y - b.y);
      const lastJump = (jumps[i] ?? []).at(-1);
      const room = Math.min(arc, length / 2, nextLength / 2, lastJump === undefined ? Infinity : length - lastJump - half);
      if (room > 0 && nextLength > 0) {
        ops.push({ op: 'L', x: b.x - ux * room, y: b.y - uy * room });
        ops.push({ op: 'Q', x1: b.x, y1: b.y, x: b.x + ((next.x - b.x) / nextLength) * room, y: b.y + ((next.y - b.y) / nextLength) * room });
        continue;
      }
    }
    ops.push({ op: 'L', x: b.x, y: b.y });
  }
  return ops;
}

// Outlines of draw.io's polygon shapes as point lists (x, y relative to the shape's top-left corner), computed from
// their style keys, and the lifeline perimeter's point. Pure geometry: the shapes draw these, web/test checks them.

export type Pt = [number, number];

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** A size key as draw.io reads it: a fraction of the length when below 1 (unless fixedSize), else absolute; at most max. */
export function extent(size: number, length: number, fixed: boolean, max = length): number {
  return clamp(!fixed && size <= 1 ? size * length : size, 0, max);
}

/** mxgraph.arrows2.arrow: shaft inset dy (fraction of the half height), head length dx, tail notch depth. */
export function arrowOutline(w: number, h: number, dx: number, dy: number, notch: number): Pt[] {
  const a = clamp(dy, 0, 1) * h / 2;
  const head = clamp(dx, 0, w);
  return [[0, a], [w - head, a], [w - head, 0], [w, h / 2], [w - head, h], [w - head, h - a], [0, h - a], [clamp(notch, 0, w - head), h / 2]];
}

/** mxgraph.arrows2.twoWayArrow: a head of length dx at both ends. */
export function twoWayArrowOutline(w: number, h: number, dx: number, dy: number): Pt[] {
  const a = clamp(dy, 0, 1) * h / 2;
  const head = clamp(dx, 0, w / 2);
  return [[0, h / 2], [head, 0], [head, a], [w - head, a], [w - head, 0], [w, h / 2], [w - head, h], [w - head, h - a], [head, h - a], [head, h]];
}

/** mxgraph.arrows2.sharpArrow: a head of depth dx2 whose barbs sweep back by dx2 behind the shaft's end (dx1 from the tip). */
export function sharpArrowOutline(w: number, h: number, dx1: number, dy1: number, dx2: number, notch: number): Pt[] {
  const a = clamp(dy1, 0, 1) * h / 2;
  const head = clamp(dx1, 0, w);
  const barb = clamp(w - head - dx2, 0, w);
  return [[0, a], [w - head, a], [barb, 0], [w - dx2, 0], [w, h / 2], [w - dx2, h], [barb, h], [w - head, h - a], [0, h - a], [clamp(notch, 0, w - head), h / 2]];
}

/** mxgraph.arrows2.stylisedArrow: a shaft that widens to a feathered tail. */
export function stylisedArrowOutline(w: number, h: number, dx: number, dy: number, notch: number, feather: number): Pt[] {
  const a = clamp(dy, 0, 1) * h / 2;
  const f = clamp(feather, 0, 1) * h / 2;
  const head = clamp(dx, 0, w);
  return [[0, f], [w - head, a], [w - head - 10, 0], [w, h / 2], [w - head - 10, h], [w - head, h - a], [0, h - f], [clamp(notch, 0, w - head), h / 2]];
}

/** mxgraph.arrows2.calloutArrow: a box of width notch with an arrow of shaft half-height dy and head dx × arrowHead. */
export function calloutArrowOutline(w: number, h: number, dx: number, dy: number, notch: number, arrowHead: number): Pt[] {
  const box = clamp(notch, 0, w);
  const head = clamp(dx, 0, w - box);
  const s = clamp(dy, 0, h / 2);
  const b = clamp(arrowHead, 0, h / 2 - s);
  const m = h / 2;
  return [[0, 0], [box, 0], [box, m - s], [w - head, m - s], [w - head, m - s - b], [w, m], [w - head, m + s + b], [w - head, m + s], [box, m + s], [box, h], [0, h]];
}

/** draw.io's step (chevron): point depth s. */
export function stepOutline(w: number, h: number, s: number): Pt[] {
  return [[0, 0], [w - s, 0], [w, h / 2], [w - s, h], [0, h], [s, h / 2]];
}

/** mxgraph.infographic.ribbonSimple: a notch of depth notch1 on the left, a point of length notch2 on the right. */
export function ribbonOutline(w: number, h: number, notch1: number, notch2: number): Pt[] {
  return [[0, 0], [w - notch2, 0], [w, h / 2], [w - notch2, h], [0, h], [clamp(notch1, 0, w), h / 2]];
}

/** draw.io's card: the top-left corner cut by s. */
export function cardOutline(w: number, h: number, s: number): Pt[] {
  return [[s, 0], [w, 0], [w, h], [0, h], [0, s]];
}

/** The sides of a partialRectangle (top, right, bottom, left) that are drawn, as open polylines. */
export function partialSides(w: number, h: number, top: boolean, right: boolean, bottom: boolean, left: boolean): Pt[][] {
  const corners: Pt[] = [[0, 0], [w, 0], [w, h], [0, h]];
  const on = [top, right, bottom, left];
  if (on.every(Boolean)) return [[...corners, corners[0]]];
  const start = on.findIndex((v, i) => v && !on[(i + 3) % 4]);
  const paths: Pt[][] = [];
  let run: Pt[] | null = null;
  for (let k = 0; start >= 0 && k < 4; k++) {
    const i = (start + k) % 4;
    if (!on[i]) { run = null; continue; }
    if (!run) paths.push((run = [corners[i]]));
    run.push(corners[(i + 1) % 4]);
  }
  return paths;
}

/** Two polylines offset by ±d from pts (draw.io's link: a double line). */
export function offsetPolylines(pts: Pt[], d: number): [Pt[], Pt[]] {
  const left: Pt[] = [];
  const right: Pt[] = [];
  for (let i = 0; i < pts.length; i++) {
    const [ax, ay] = pts[Math.max(0, i - 1)];
    const [bx, by] = pts[Math.min(pts.length - 1, i + 1)];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    const nx = -(by - ay) / len;
    const ny = (bx - ax) / len;
    left.push([pts[i][0] + nx * d, pts[i][1] + ny * d]);
    right.push([pts[i][0] - nx * d, pts[i][1] - ny * d]);
  }
  return [left, right];
}

/** A regular polygon of n corners inscribed in the box, the first corner at the top. */
export function regularPolygon(cx: number, cy: number, r: number, n: number): Pt[] {
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Pt;
  });
}

/** lifelinePerimeter: a message meets the lifeline's line at its own height, or the head's side above the line. */
export function lifelinePoint(bounds: { x: number; y: number; width: number; height: number }, head: number, next: { x: number; y: number }): { x: number; y: number } {
  const cx = bounds.x + bounds.width / 2;
  const y = Math.max(bounds.y, Math.min(bounds.y + bounds.height, next.y));
  if (y <= bounds.y + head) return { x: next.x < cx ? bounds.x : bounds.x + bounds.width, y };
  return { x: cx, y };
}

/** A flat-topped hexagon filling the box, its top and bottom sides from a quarter to three quarters of the width (GCP's product hexagon). */
export function hexagonOutline(w: number, h: number): Pt[] {
  return [[w / 4, 0], [(3 * w) / 4, 0], [w, h / 2], [(3 * w) / 4, h], [w / 4, h], [0, h / 2]];
}

/**
 * A lightning zigzag put into the longest segment of a polyline (networks.comm_link_edge): forward past the segment's
 * middle by z on one side, back across to z on the other, then on. z is capped at a quarter of the segment.
 */
export function boltPolyline(pts: Pt[], z: number): Pt[] {
  if (pts.length < 2) return pts.slice();
  const dist = (i: number) => Math.hypot(pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]);
  let at = 0;
  for (let i = 1; i < pts.length - 1; i++) if (dist(i) > dist(at)) at = i;
  const [a, b] = [pts[at], pts[at + 1]];
  const len = dist(at);
  if (len === 0) return pts.slice();
  const s = Math.min(z, len / 4);
  const [ux, uy] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
  const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const jag: Pt[] = [[mx + ux * s - uy * s, my + uy * s + ux * s], [mx - ux * s + uy * s, my - uy * s - ux * s]];
  return [...pts.slice(0, at + 1), ...jag, ...pts.slice(at + 1)];
}

/** A band of width t along a polyline, as one closed outline (one side, then the other back). */
export function bandOutline(pts: Pt[], t: number): Pt[] {
  const [left, right] = offsetPolylines(pts, t / 2);
  return [...left, ...right.reverse()];
}

/** basic.obtuse_triangle: the apex at the top left, the base along the bottom from dx (a fraction of the width) to the right; obtuse at dx. */
export function obtuseTriangleOutline(w: number, h: number, dx: number): Pt[] {
  return [[0, 0], [w, h], [Math.max(0, Math.min(1, dx)) * w, h]];
}

/** floorplan.wallU: walls of thickness t along the top and down the left and right, open at the bottom (as the templates place it). */
export function wallUOutline(w: number, h: number, t: number): Pt[] {
  const s = Math.max(0, Math.min(t, w / 2, h));
  return [[0, 0], [w, 0], [w, h], [w - s, h], [w - s, s], [s, s], [s, h], [0, h]];
}

/** infographic.shadedCube: the top, left and right faces of a box seen from above at isoAngle degrees. */
export function isoCubeFaces(w: number, h: number, isoAngle: number): { top: Pt[]; left: Pt[]; right: Pt[] } {
  const dy = Math.min(h / 3, (w / 2) * Math.tan((Math.max(0, Math.min(60, isoAngle)) * Math.PI) / 180));
  return {
    top: [[0, dy], [w / 2, 0], [w, dy], [w / 2, 2 * dy]],
    left: [[0, dy], [w / 2, 2 * dy], [w / 2, h], [0, h - dy]],
    right: [[w / 2, 2 * dy], [w, dy], [w, h - dy], [w / 2, h]],
  };
}

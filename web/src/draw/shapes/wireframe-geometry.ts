// Pure geometry of the wireframe code shapes (./mockup.ts, ./bootstrap.ts), from their style keys: the icon grid's
// cells, the rating's star and heart slots, the check mark. Coordinates are relative to the shape's top-left corner.
import type { Pt } from './outlines';

/** A box: x, y, width, height. */
export type Box = [number, number, number, number];

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** A "columns,rows" key (mockup iconGrid's gridSize), each at least 1 and at most 100; 1,1 when unreadable. */
export function gridSize(value: string): [number, number] {
  const [cols, rows] = value.split(',').map((part) => Math.floor(Number(part.trim())));
  const valid = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : 1);
  return [valid(cols), valid(rows)];
}

/** The icon grid's cells, row by row: the box split into cols × rows icons with a gap of a fifth of a cell between them. */
export function gridCells(w: number, h: number, cols: number, rows: number): Box[] {
  const gap = cols * rows > 1 ? Math.min(w / cols, h / rows) * 0.2 : 0;
  const cw = (w - gap * (cols - 1)) / cols;
  const ch = (h - gap * (rows - 1)) / rows;
  const cells: Box[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) cells.push([c * (cw + gap), r * (ch + gap), cw, ch]);
  }
  return cells;
}

/** The rating's slots: `scale` squares of the height's side (narrower when the width lacks room), spread evenly across the width. */
export function ratingSlots(w: number, h: number, scale: number): Box[] {
  const n = clamp(Math.floor(scale), 1, 100);
  const s = Math.min(h, w / n);
  const step = n > 1 ? (w - s) / (n - 1) : 0;
  return Array.from({ length: n }, (_, i): Box => [i * step, (h - s) / 2, s, s]);
}

/** How many of the rating's slots are filled: grade rounded down, between 0 and the scale. */
export function filledSlots(grade: number, scale: number): number {
  return clamp(Math.floor(grade), 0, Math.max(1, Math.floor(scale)));
}

/** A five-pointed star inscribed in the box, its first point at the top; the inner points at 0.4 of the radius. */
export function starOutline([x, y, w, h]: Box): Pt[] {
  const pts: Pt[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? 0.5 : 0.2;
    pts.push([x + w / 2 + Math.cos(a) * w * r, y + h * 0.525 + Math.sin(a) * h * r * 1.05]);
  }
  return pts;
}

/** A check mark in the box: down from the left to the bottom third, then up to the top right. */
export function checkMark([x, y, w, h]: Box): Pt[] {
  return [[x + w * 0.2, y + h * 0.5], [x + w * 0.42, y + h * 0.72], [x + w * 0.8, y + h * 0.26]];
}

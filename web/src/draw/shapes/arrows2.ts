// draw.io's mxgraph.arrows2 block arrows (arrow, twoWayArrow, sharpArrow, stylisedArrow, calloutArrow, uTurnArrow,
// jumpInArrow) from their dx/dy/notch keys; the outlines are in outlines.ts.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { arrowOutline, calloutArrowOutline, sharpArrowOutline, stylisedArrowOutline, twoWayArrowOutline, type Pt } from './outlines';

/** A block arrow whose outline is a polygon computed from the style. */
function polygonArrow(outline: (s: DrawioShape & { n(key: string, fallback: number): number }, w: number, h: number) => Pt[]) {
  return class extends DrawioShape {
    n(key: string, fallback: number): number {
      return this.num(key, fallback);
    }
    paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
      this.fillPolygon(c, x, y, outline(this, w, h));
    }
  };
}

/** uTurnArrow: a band bent back on itself with a head of length dx and width arrowHead at the lower end. */
class UTurnArrowShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const head = Math.min(h, Math.max(0, this.num('arrowHead', 40)));
    const band = Math.min(head, Math.max(1, this.num('dy', 11)));
    const dx = Math.min(w, Math.max(0, this.num('dx', 25)));
    const r = (h - head / 2 + band / 2) / 2; // outer radius of the bend
    const ri = Math.max(0, r - band);
    const m = h - head / 2; // centre line of the lower band
    c.begin();
    c.moveTo(x + r, y);
    c.lineTo(x + w - dx, y);
    c.lineTo(x + w - dx, y + band);
    c.lineTo(x + r, y + band);
    c.arcTo(ri, ri, 0, false, false, x + r, y + band + 2 * ri);
    c.lineTo(x + w - dx, y + m - band / 2);
    c.lineTo(x + w - dx, y + h - head);
    c.lineTo(x + w, y + m);
    c.lineTo(x + w - dx, y + h);
    c.lineTo(x + w - dx, y + m + band / 2);
    c.lineTo(x + r, y + m + band / 2);
    c.arcTo(r, r, 0, false, true, x + r, y);
    c.close();
    c.fillAndStroke();
  }
}

/** jumpInArrow: a curved band from the bottom-left that ends in a head pointing right. */
class JumpInArrowShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const head = Math.min(h, this.num('arrowHead', 55));
    const dx = Math.min(w, this.num('dx', 38));
    const band = Math.min(head, this.num('dy', 15));
    const m = head / 2;
    c.begin();
    c.moveTo(x + w - dx, y);
    c.lineTo(x + w, y + m);
    c.lineTo(x + w - dx, y + head);
    c.lineTo(x + w - dx, y + m + band / 2);
    c.arcTo(w - dx - band, h - m - band / 2, 0, false, false, x + band, y + h);
    c.lineTo(x, y + h);
    c.arcTo(w - dx, h - m + band / 2, 0, false, true, x + w - dx, y + m - band / 2);
    c.close();
    c.fillAndStroke();
  }
}

export function registerArrows2Shapes(): void {
  const shapes = {
    arrow: polygonArrow((s, w, h) => arrowOutline(w, h, s.n('dx', 40), s.n('dy', 0.6), s.n('notch', 0))),
    twoWayArrow: polygonArrow((s, w, h) => twoWayArrowOutline(w, h, s.n('dx', 35), s.n('dy', 0.6))),
    sharpArrow: polygonArrow((s, w, h) => sharpArrowOutline(w, h, s.n('dx1', 18), s.n('dy1', 0.67), s.n('dx2', 18), s.n('notch', 0))),
    sharpArrow2: polygonArrow((s, w, h) => sharpArrowOutline(w, h, s.n('dx1', 18), s.n('dy1', 0.67), s.n('dx2', 18), s.n('notch', 0))),
    stylisedArrow: polygonArrow((s, w, h) => stylisedArrowOutline(w, h, s.n('dx', 40), s.n('dy', 0.3), s.n('notch', 15), s.n('feather', 0.4))),
    calloutArrow: polygonArrow((s, w, h) => calloutArrowOutline(w, h, s.n('dx', 20), s.n('dy', 10), s.n('notch', 60), s.n('arrowHead', 10))),
    uTurnArrow: UTurnArrowShape,
    jumpInArrow: JumpInArrowShape,
  };
  for (const [name, shape] of Object.entries(shapes)) ShapeRegistry.add(`mxgraph.arrows2.${name}`, shape as never);
}

// draw.io's C4 person (mxgraph.c4.person and mxgraph.c4.person2): a round head over a rounded body, one colour.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';

class PersonShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const d = Math.min(w * 0.5, h * 0.45);
    const top = y + d * 0.8;
    const r = Math.min(w, h - d * 0.8) * 0.25;
    c.roundrect(x, top, w, y + h - top, r, r);
    c.fillAndStroke();
    c.setShadow(false);
    c.ellipse(x + (w - d) / 2, y, d, d);
    c.fillAndStroke();
  }
}

export function registerC4Shapes(): void {
  ShapeRegistry.add('mxgraph.c4.person', PersonShape as never);
  ShapeRegistry.add('mxgraph.c4.person2', PersonShape as never);
}

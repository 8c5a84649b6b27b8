// draw.io's entity-relation shapes: mxgraph.er.anchor (an invisible attachment point), mxgraph.er.rrect (a rounded
// box), and the double rhombus of an identifying relationship (rhombus with double=1; the weak entity is ext, the
// multivalued attribute doubleEllipse).
import { RhombusShape, ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';

class AnchorShape extends DrawioShape {
  paintVertexShape(): void {}
}

class RoundedBoxShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.min(w, h) * this.num('arcSize', 10) / 100;
    c.roundrect(x, y, w, h, r, r);
    c.fillAndStroke();
  }
}

class DoubleRhombusShape extends RhombusShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    super.paintVertexShape(c, x, y, w, h);
    const style = this.style as Record<string, unknown> | null;
    if (String(style?.double ?? '0') !== '1') return;
    const m = Math.min(w, h, Number(style?.margin ?? 4) * 2 || 8) / 2 * 1.5;
    c.setShadow(false);
    c.begin();
    c.moveTo(x + w / 2, y + m); c.lineTo(x + w - m * 1.4, y + h / 2); c.lineTo(x + w / 2, y + h - m); c.lineTo(x + m * 1.4, y + h / 2);
    c.close();
    c.stroke();
  }
}

export function registerErShapes(): void {
  ShapeRegistry.add('mxgraph.er.anchor', AnchorShape as never);
  ShapeRegistry.add('mxgraph.er.rrect', RoundedBoxShape as never);
  ShapeRegistry.add('rhombus', DoubleRhombusShape as never);
}

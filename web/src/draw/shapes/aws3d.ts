// draw.io's AWS 3D code shapes: the isometric service blocks (a box with a lighter top and a shaded side, in
// fillColor), and the diagonal connectors drawn as vertices (arrows, dashed and double lines along the isometric axis).
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { aws3dArrows, aws3dBlocks, aws3dLines } from './catalog';

class IsometricBlockShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dy = Math.min(h / 2, w * 0.29);
    this.fillPolygon(c, x, y, [[0, dy], [w / 2, 0], [w, dy], [w, h - dy], [w / 2, h], [0, h - dy]]);
    c.setShadow(false);
    c.setFillColor('#000000');
    c.setFillAlpha(0.12);
    this.polygon(c, x, y, [[w / 2, 2 * dy], [w, dy], [w, h - dy], [w / 2, h]]);
    c.fill();
    c.setFillAlpha(1);
    this.lines(c, x, y, [[0, dy], [w / 2, 2 * dy], [w, dy]], [[w / 2, 2 * dy], [w / 2, h]]);
  }
}

/** A line along the box's diagonal, from top-left to bottom-right (or top-right to bottom-left for the west kinds). */
abstract class DiagonalShape extends DrawioShape {
  protected ends(x: number, y: number, w: number, h: number): [number, number, number, number] {
    return this.str('shape').endsWith('SW') || this.str('shape').endsWith('NE') ? [x + w, y, x, y + h] : [x, y, x + w, y + h];
  }
}

class DiagonalArrowShape extends DiagonalShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    let [x1, y1, x2, y2] = this.ends(x, y, w, h);
    if (this.str('shape').endsWith('NE') || this.str('shape').endsWith('NW')) [x1, y1, x2, y2] = [x2, y2, x1, y1];
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
    const head = Math.min(len / 3, 20);
    const bx = x2 - ux * head;
    const by = y2 - uy * head;
    c.setStrokeColor(String(this.fill ?? '#000000'));
    c.setStrokeWidth(Math.max(2, head / 4));
    c.begin(); c.moveTo(x1, y1); c.lineTo(bx, by); c.stroke();
    c.begin();
    c.moveTo(x2, y2); c.lineTo(bx - uy * head / 2, by + ux * head / 2); c.lineTo(bx + uy * head / 2, by - ux * head / 2);
    c.close();
    c.fill();
  }
}

class DiagonalLineShape extends DiagonalShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const [x1, y1, x2, y2] = this.ends(x, y, w, h);
    const name = this.str('shape');
    const double = name.endsWith('Double') || name.endsWith('DoubleEdge');
    c.setStrokeColor(String(this.fill ?? '#000000'));
    c.setDashed(name.includes('dashed'), false);
    const d = double ? Math.min(w, h, 10) / 2 : 0;
    c.begin();
    for (const o of double ? [-d, d] : [0]) { c.moveTo(x1 + o, y1); c.lineTo(x2 + o, y2); }
    c.stroke();
  }
}

export function registerAws3dShapes(): void {
  for (const name of aws3dBlocks) ShapeRegistry.add(`mxgraph.aws3d.${name}`, IsometricBlockShape as never);
  for (const name of aws3dArrows) ShapeRegistry.add(`mxgraph.aws3d.${name}`, DiagonalArrowShape as never);
  for (const name of aws3dLines) {
    ShapeRegistry.add(`mxgraph.aws3d.${name}`, DiagonalLineShape as never);
  }
}

// draw.io's Bootstrap code shapes, written here from their style keys and looks: rrect (a box whose corners are rounded
// by rSize, absolute, 10 by default), anchor (draws nothing: a label holder), checkbox (a small rounded box with a
// check mark in the stroke colour) and radioButton (a circle with a dot in the stroke colour). The library's rect,
// user, password and logo are stencils.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { checkMark } from './wireframe-geometry';

class AnchorShape extends DrawioShape {
  paintVertexShape(): void {}
}

class RoundRectShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.max(0, Math.min(w / 2, h / 2, this.num('rSize', 10)));
    c.roundrect(x, y, w, h, r, r);
    c.fillAndStroke();
  }
}

class CheckboxShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.max(0, Math.min(w / 2, h / 2, this.num('rSize', 3)));
    c.roundrect(x, y, w, h, r, r);
    c.fillAndStroke();
    c.setShadow(false);
    c.setStrokeWidth(Math.max(1, Math.min(w, h) / 7));
    c.begin();
    checkMark([x, y, w, h]).forEach(([px, py], i) => (i === 0 ? c.moveTo(px, py) : c.lineTo(px, py)));
    c.stroke();
  }
}

class RadioButtonShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.ellipse(x, y, w, h);
    c.fillAndStroke();
    c.setShadow(false);
    c.setFillColor(this.str('strokeColor', '#000000'));
    c.ellipse(x + w * 0.3, y + h * 0.3, w * 0.4, h * 0.4);
    c.fill();
  }
}

export function registerBootstrapShapes(): void {
  ShapeRegistry.add('mxgraph.bootstrap.rrect', RoundRectShape as never);
  ShapeRegistry.add('mxgraph.bootstrap.anchor', AnchorShape as never);
  ShapeRegistry.add('mxgraph.bootstrap.checkbox', CheckboxShape as never);
  ShapeRegistry.add('mxgraph.bootstrap.radioButton', RadioButtonShape as never);
}

// Icon shapes of two libraries whose style names the pictogram bare, as a stencil of the shape's own library
// (stencils/names.ts iconStencilName):
// - mxgraph.kubernetes.icon (prIcon=pod, svc, …): Kubernetes' blue heptagon in fillColor, edged in strokeColor
//   (white in draw.io's palette), with the pictogram of mxgraph.kubernetes drawn in the stroke colour inside it;
// - mxgraph.cisco19.rect (prIcon=router, …): Cisco's 2019 icons, a rounded tile in fillColor with the pictogram of
//   mxgraph.cisco19 drawn in strokeColor over it.
// An unknown pictogram leaves the heptagon or tile.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { regularPolygon } from './outlines';

class KubernetesIconShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const s = Math.min(w, h);
    const cx = x + w / 2;
    const cy = y + h / 2;
    const corners = regularPolygon(cx, cy + s * 0.02, s * 0.5, 7);
    c.begin();
    corners.forEach(([px, py], i) => (i === 0 ? c.moveTo(px, py) : c.lineTo(px, py)));
    c.close();
    c.fillAndStroke();
    const stroke = this.color('strokeColor') ?? '#ffffff';
    const k = 0.56;
    this.drawIcon(c, 'prIcon', stroke, cx - (s * k) / 2, cy - (s * k) / 2, s * k, s * k, stroke);
  }
}

class Cisco19RectShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.min(w, h) * 0.1;
    const stroke = this.color('strokeColor') ?? '#005073';
    c.setStrokeColor('none');
    c.roundrect(x, y, w, h, r, r);
    c.fill();
    this.drawIcon(c, 'prIcon', stroke, x, y, w, h, stroke);
  }
}

export function registerProductIconShapes(): void {
  ShapeRegistry.add('mxgraph.kubernetes.icon', KubernetesIconShape as never);
  ShapeRegistry.add('mxgraph.cisco19.rect', Cisco19RectShape as never);
}

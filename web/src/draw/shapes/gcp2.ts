// draw.io's Google Cloud Platform (2017) code shapes: hexIcon, the product hexagon in fillColor with the product icon
// named by prIcon (a stencil of the mxgraph.gcp2 library, named bare: prIcon=compute_engine; see stencils/names.ts
// iconStencilName) drawn over it, and doubleRect, a card with a second card offset behind it (several instances).
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { hexagonOutline } from './outlines';

class HexIconShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const fill = String(this.fill ?? '#5184F3');
    c.setFillColor(fill);
    this.fillPolygon(c, x, y, hexagonOutline(w, h));
    // The library's product icons are the whole hexagon (drawn in the fill colour, with its long shadow) and the white pictogram.
    this.drawIcon(c, 'prIcon', fill, x, y, w, h);
  }
}

/** A card, and a second one behind it offset by `size` (8 by default) to the bottom right. */
class DoubleRectShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const d = Math.max(0, Math.min(w / 4, h / 4, this.size(8)));
    c.rect(x + d, y + d, w - d, h - d);
    c.fillAndStroke();
    c.setShadow(false);
    c.rect(x, y, w - d, h - d);
    c.fillAndStroke();
  }
}

export function registerGcp2Shapes(): void {
  ShapeRegistry.add('mxgraph.gcp2.hexIcon', HexIconShape as never);
  ShapeRegistry.add('mxgraph.gcp2.doubleRect', DoubleRectShape as never);
}

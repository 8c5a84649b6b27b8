// draw.io's AWS 2019+ code shapes: resourceIcon/productIcon (a square in fillColor with the icon named by resIcon or
// prIcon drawn in strokeColor) and group/groupCenter (a box with the grIcon at its top-left corner or top centre). The
// icons are stencils: drawn when the stencil library that holds them is registered, else only the square or box.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';

class ResourceIconShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fill();
    const inset = Math.min(w, h) * 0.15;
    this.drawIcon(c, this.iconKey(), this.str('strokeColor', '#ffffff'), x + inset, y + inset, w - 2 * inset, h - 2 * inset);
  }
  protected iconKey(): string {
    return 'resIcon';
  }
}

class ProductIconShape extends ResourceIconShape {
  protected iconKey(): string {
    return 'prIcon';
  }
}

class GroupShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    const s = Math.min(25, w, h);
    const ix = this.centered() ? x + (w - s) / 2 : x;
    this.drawIcon(c, 'grIcon', this.str('strokeColor', '#000000'), ix, y, s, s);
  }
  protected centered(): boolean {
    return false;
  }
}

class GroupCenterShape extends GroupShape {
  protected centered(): boolean {
    return true;
  }
}

export function registerAws4Shapes(): void {
  ShapeRegistry.add('mxgraph.aws4.resourceIcon', ResourceIconShape as never);
  ShapeRegistry.add('mxgraph.aws4.productIcon', ProductIconShape as never);
  ShapeRegistry.add('mxgraph.aws4.group', GroupShape as never);
  ShapeRegistry.add('mxgraph.aws4.groupCenter', GroupCenterShape as never);
}

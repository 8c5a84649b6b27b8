// draw.io's network code shapes: comm_link_edge, a communication link drawn as a lightning band (filled in fillColor,
// outlined in strokeColor) between its ends, and bus, a backbone bar of backboneSize with rounded ends; and the
// Enterprise Integration Patterns channels: messageChannel, a pipe lying on its side, and deadLetterChannel, one
// marked with a cross.
import { ShapeRegistry, type AbstractCanvas2D, type Point } from '@maxgraph/core';
import { DrawioShape } from './base';
import { bandOutline, boltPolyline, type Pt } from './outlines';

class CommLinkEdgeShape extends DrawioShape {
  paintEdgeShape(c: AbstractCanvas2D, pts: Point[]): void {
    const width = Math.max(2, this.num('width', 10));
    const band = bandOutline(boltPolyline(pts.map((p) => [p.x, p.y] as Pt), width * 1.5), width);
    c.setFillColor(String(this.fill ?? '#CCCCCC'));
    this.polygon(c, 0, 0, band);
    c.fillAndStroke();
  }
}

/** A horizontal backbone bar, backboneSize thick (the box's height at most), centred in the box, with rounded ends. */
class BusShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const t = Math.max(1, Math.min(h, this.num('backboneSize', 20)));
    this.pill(c, x, y + (h - t) / 2, w, t, Math.min(t / 2, w / 2));
  }
}

/** A pipe on its side: the body with rounded ends, and the rim of its open left end. */
class MessageChannelShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const rx = Math.min(w / 4, h / 4);
    this.pill(c, x, y, w, h, rx);
    c.setShadow(false);
    c.begin();
    c.moveTo(x + rx, y);
    c.arcTo(rx, h / 2, 0, false, true, x + rx, y + h);
    c.stroke();
    if (this.str('shape').endsWith('deadLetterChannel')) {
      const s = h * 0.3;
      const [cx, cy] = [x + w / 2, y + h / 2];
      this.lines(c, 0, 0, [[cx - s, cy - s], [cx + s, cy + s]], [[cx - s, cy + s], [cx + s, cy - s]]);
    }
  }
}

export function registerNetworkShapes(): void {
  ShapeRegistry.add('mxgraph.networks.comm_link_edge', CommLinkEdgeShape as never);
  ShapeRegistry.add('mxgraph.networks.bus', BusShape as never);
  ShapeRegistry.add('mxgraph.eip.messageChannel', MessageChannelShape as never);
  ShapeRegistry.add('mxgraph.eip.deadLetterChannel', MessageChannelShape as never);
}

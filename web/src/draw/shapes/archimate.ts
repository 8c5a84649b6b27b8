// draw.io's ArchiMate 3 code shapes: application and tech elements (a box, square, rounded or with cut corners by
// archiType, with the small type icon appType or techType names in its top right corner), service (a pill) and actor
// (the stick figure). The icons are drawn in strokeColor, unfilled.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import type { Pt } from './outlines';

/** Draws the ArchiMate type icon `kind` into the box x, y, w, h; false for a kind it does not know. */
function typeIcon(shape: { drawPolygon(c: AbstractCanvas2D, x: number, y: number, pts: Pt[]): void }, c: AbstractCanvas2D, kind: string, x: number, y: number, w: number, h: number): boolean {
  const poly = (pts: Pt[]) => shape.drawPolygon(c, x, y, pts.map(([px, py]) => [px * w, py * h] as Pt));
  switch (kind) {
    case 'comp':
      c.rect(x + w * 0.25, y, w * 0.75, h);
      c.stroke();
      for (const ty of [0.2, 0.6]) {
        c.rect(x, y + h * ty, w * 0.5, h * 0.2);
        c.fillAndStroke();
      }
      return true;
    case 'collab':
      c.ellipse(x, y, h, h);
      c.stroke();
      c.ellipse(x + w - h, y, h, h);
      c.stroke();
      return true;
    case 'interface':
      c.ellipse(x + w - h, y, h, h);
      c.stroke();
      c.begin(); c.moveTo(x, y + h / 2); c.lineTo(x + w - h, y + h / 2); c.stroke();
      return true;
    case 'interaction':
      c.begin();
      c.moveTo(x + w / 2 - 1, y); c.arcTo(h / 2, h / 2, 0, false, false, x + w / 2 - 1, y + h); c.close();
      c.moveTo(x + w / 2 + 1, y); c.arcTo(h / 2, h / 2, 0, false, true, x + w / 2 + 1, y + h); c.close();
      c.stroke();
      return true;
    case 'func':
      poly([[0.5, 0], [1, 0.35], [1, 1], [0.5, 0.65], [0, 1], [0, 0.35]]);
      c.stroke();
      return true;
    case 'proc':
      poly([[0, 0.3], [0.6, 0.3], [0.6, 0], [1, 0.5], [0.6, 1], [0.6, 0.7], [0, 0.7]]);
      c.stroke();
      return true;
    case 'event':
      c.begin();
      c.moveTo(x, y); c.lineTo(x + w * 0.75, y);
      c.arcTo(w * 0.25, h / 2, 0, false, true, x + w * 0.75, y + h);
      c.lineTo(x, y + h);
      c.arcTo(w * 0.25, h / 2, 0, false, true, x, y);
      c.close();
      c.stroke();
      return true;
    case 'serv':
      c.roundrect(x, y, w, h, h / 2, h / 2);
      c.stroke();
      return true;
    case 'data':
    case 'passive':
      c.rect(x, y, w, h);
      c.stroke();
      c.begin(); c.moveTo(x, y + h * 0.3); c.lineTo(x + w, y + h * 0.3); c.stroke();
      return true;
    case 'node': {
      const d = h * 0.3;
      poly([[0, d / h], [d / w, 0], [1, 0], [1, 1 - d / h], [1 - d / w, 1], [0, 1]]);
      c.stroke();
      c.begin(); c.moveTo(x, y + d); c.lineTo(x + w - d, y + d); c.lineTo(x + w, y); c.moveTo(x + w - d, y + d); c.lineTo(x + w - d, y + h); c.stroke();
      return true;
    }
    case 'device':
      c.roundrect(x, y, w, h * 0.7, 2, 2);
      c.stroke();
      poly([[0.2, 1], [0.3, 0.7], [0.7, 0.7], [0.8, 1]]);
      c.stroke();
      return true;
    case 'sysSw':
      c.ellipse(x + w - h * 0.85, y, h * 0.85, h * 0.85);
      c.stroke();
      c.ellipse(x + w - h * 1.15, y + h * 0.15, h * 0.85, h * 0.85);
      c.fillAndStroke();
      return true;
    default:
      return false;
  }
}

abstract class ArchimateElement extends DrawioShape {
  /** The style key naming the element's type icon, and the icon when the key is absent. */
  protected abstract typeKey(): [string, string];
  drawPolygon(c: AbstractCanvas2D, x: number, y: number, pts: Pt[]): void {
    c.begin();
    pts.forEach(([px, py], i) => (i === 0 ? c.moveTo(x + px, y + py) : c.lineTo(x + px, y + py)));
    c.close();
  }
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const kind = this.str('archiType', 'square');
    if (kind === 'rounded') {
      const r = Math.min(10, w / 4, h / 4);
      c.roundrect(x, y, w, h, r, r);
    } else if (kind === 'oct') {
      const s = Math.min(10, w / 4, h / 4);
      this.drawPolygon(c, x, y, [[s, 0], [w - s, 0], [w, s], [w, h - s], [w - s, h], [s, h], [0, h - s], [0, s]]);
    } else {
      c.rect(x, y, w, h);
    }
    c.fillAndStroke();
    c.setShadow(false);
    const iw = Math.min(20, w / 3);
    const ih = Math.min(15, h / 3);
    const [key, fallback] = this.typeKey();
    typeIcon(this, c, this.str(key, fallback), x + w - iw - 5, y + 5, iw, ih);
  }
}

class ApplicationShape extends ArchimateElement {
  protected typeKey(): [string, string] {
    return ['appType', 'comp'];
  }
}

class TechShape extends ArchimateElement {
  protected typeKey(): [string, string] {
    return ['techType', 'node'];
  }
}

/** A pill: straight along the top and bottom, its ends half circles (half ellipses when the box is narrower than high). */
class ServiceShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.pill(c, x, y, w, h, Math.min(w / 2, h / 2));
  }
}

/** The actor: a head of a quarter of the height, arms across at a third, legs from two thirds. */
class ActorShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const d = Math.min(w, h / 4);
    const cx = x + w / 2;
    c.ellipse(cx - d / 2, y, d, d);
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    c.moveTo(cx, y + d); c.lineTo(cx, y + (2 * h) / 3);
    c.moveTo(x, y + h / 3 + d / 4); c.lineTo(x + w, y + h / 3 + d / 4);
    c.moveTo(cx, y + (2 * h) / 3); c.lineTo(x, y + h);
    c.moveTo(cx, y + (2 * h) / 3); c.lineTo(x + w, y + h);
    c.stroke();
  }
}

export function registerArchimateShapes(): void {
  ShapeRegistry.add('mxgraph.archimate3.application', ApplicationShape as never);
  ShapeRegistry.add('mxgraph.archimate3.tech', TechShape as never);
  ShapeRegistry.add('mxgraph.archimate3.service', ServiceShape as never);
  ShapeRegistry.add('mxgraph.archimate3.actor', ActorShape as never);
}

// draw.io's BPMN code shapes: events (mxgraph.bpmn.shape with outline= and symbol=, background=gateway for the old
// gateways) and mxgraph.bpmn.gateway2 (gwType=), their symbols drawn in the stroke colour.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { regularPolygon, type Pt } from './outlines';

type Box = [number, number, number, number];

/** Draws a BPMN symbol into the box; filled=true for throwing/end kinds (draw.io's filled marker). */
function symbol(c: AbstractCanvas2D, name: string, [x, y, w, h]: Box, stroke: string, fill: string, filled: boolean): void {
  const cx = x + w / 2;
  const cy = y + h / 2;
  const path = (pts: Pt[], close = true) => {
    c.begin();
    pts.forEach(([px, py], i) => (i === 0 ? c.moveTo(px, py) : c.lineTo(px, py)));
    if (close) c.close();
  };
  c.setFillColor(filled ? stroke : fill);
  switch (name) {
    case 'message':
      c.rect(x, y + h * 0.2, w, h * 0.6);
      c.fillAndStroke();
      c.setStrokeColor(filled ? fill : stroke);
      path([[x, y + h * 0.2], [cx, cy], [x + w, y + h * 0.2]], false);
      c.stroke();
      break;
    case 'timer': {
      c.ellipse(x, y, w, h);
      c.fillAndStroke();
      c.begin();
      for (let i = 0; i < 12; i++) {
        const a = (Math.PI * i) / 6;
        c.moveTo(cx + Math.cos(a) * w * 0.4, cy + Math.sin(a) * h * 0.4);
        c.lineTo(cx + Math.cos(a) * w * 0.5, cy + Math.sin(a) * h * 0.5);
      }
      c.moveTo(cx, cy); c.lineTo(cx + w * 0.1, y + h * 0.12);
      c.moveTo(cx, cy); c.lineTo(x + w * 0.8, cy);
      c.stroke();
      break;
    }
    case 'error':
      path([[x, y + h], [x + w * 0.3, y + h * 0.2], [x + w * 0.6, y + h * 0.55], [x + w, y], [x + w * 0.7, y + h * 0.8], [x + w * 0.4, y + h * 0.45]]);
      c.fillAndStroke();
      break;
    case 'terminate':
      c.setFillColor(stroke);
      c.ellipse(x, y, w, h);
      c.fillAndStroke();
      break;
    case 'signal':
      path([[cx, y], [x + w, y + h], [x, y + h]]);
      c.fillAndStroke();
      break;
    case 'multiple':
      path(regularPolygon(cx, cy, w / 2, 5));
      c.fillAndStroke();
      break;
    case 'escalation':
      path([[cx, y], [x + w, y + h], [cx, y + h * 0.6], [x, y + h]]);
      c.fillAndStroke();
      break;
    case 'cancel': case 'exclusiveGw': case 'exclusive': {
      const d = w * 0.15;
      path([[x + d, y], [cx, cy - d], [x + w - d, y], [x + w, y + d], [cx + d, cy], [x + w, y + h - d], [x + w - d, y + h], [cx, cy + d], [x + d, y + h], [x, y + h - d], [cx - d, cy], [x, y + d]]);
      c.setFillColor(stroke);
      c.fillAndStroke();
      break;
    }
    case 'parallelMultiple': case 'parallelGw': case 'parallel': {
      const d = w * 0.15;
      path([[cx - d, y], [cx + d, y], [cx + d, cy - d], [x + w, cy - d], [x + w, cy + d], [cx + d, cy + d], [cx + d, y + h], [cx - d, y + h], [cx - d, cy + d], [x, cy + d], [x, cy - d], [cx - d, cy - d]]);
      c.setFillColor(name === 'parallelMultiple' ? fill : stroke);
      c.fillAndStroke();
      break;
    }
    case 'inclusiveGw': case 'inclusive':
      c.setStrokeWidth(Math.max(2, w / 10));
      c.ellipse(x, y, w, h);
      c.stroke();
      break;
    case 'complexGw': case 'complex':
      c.setStrokeWidth(Math.max(2, w / 8));
      c.begin();
      c.moveTo(cx, y); c.lineTo(cx, y + h); c.moveTo(x, cy); c.lineTo(x + w, cy);
      c.moveTo(x + w * 0.15, y + h * 0.15); c.lineTo(x + w * 0.85, y + h * 0.85);
      c.moveTo(x + w * 0.85, y + h * 0.15); c.lineTo(x + w * 0.15, y + h * 0.85);
      c.stroke();
      break;
    case 'eventGw': case 'eventBased':
      c.ellipse(x, y, w, h);
      c.stroke();
      c.ellipse(x + w * 0.1, y + h * 0.1, w * 0.8, h * 0.8);
      c.stroke();
      path(regularPolygon(cx, cy, w * 0.3, 5));
      c.stroke();
      break;
    case 'conditional':
      c.rect(x + w * 0.15, y, w * 0.7, h);
      c.fillAndStroke();
      c.begin();
      for (const k of [0.2, 0.4, 0.6, 0.8]) { c.moveTo(x + w * 0.25, y + h * k); c.lineTo(x + w * 0.75, y + h * k); }
      c.stroke();
      break;
    case 'link':
      path([[x, y + h * 0.3], [x + w * 0.6, y + h * 0.3], [x + w * 0.6, y], [x + w, cy], [x + w * 0.6, y + h], [x + w * 0.6, y + h * 0.7], [x, y + h * 0.7]]);
      c.fillAndStroke();
      break;
    case 'compensation':
      path([[x, cy], [cx, y + h * 0.2], [cx, y + h * 0.8]]);
      c.fillAndStroke();
      path([[cx, cy], [x + w, y + h * 0.2], [x + w, y + h * 0.8]]);
      c.fillAndStroke();
      break;
    default:
      break;
  }
}

/** The event outline kinds: how many rings, dashed, and the stroke weight. */
function ring(c: AbstractCanvas2D, outline: string, x: number, y: number, w: number, h: number, sw: number): void {
  c.ellipse(x, y, w, h);
  if (outline === 'end') c.setStrokeWidth(sw * 3);
  c.fillAndStroke();
  c.setShadow(false);
  c.setStrokeWidth(sw);
  if (!['eventInt', 'eventNonint', 'catching', 'throwing', 'boundInt', 'boundNonint'].includes(outline)) return;
  const inset = Math.min(w, h) * 0.07 + sw;
  c.setDashed(outline === 'eventNonint' || outline === 'boundNonint', false);
  if (outline === 'eventNonint' || outline === 'boundNonint') {
    c.ellipse(x, y, w, h);
    c.stroke();
  }
  c.ellipse(x + inset, y + inset, w - 2 * inset, h - 2 * inset);
  c.stroke();
  c.setDashed(false, false);
}

class BpmnShape extends DrawioShape {
  protected isGateway(): boolean {
    return false;
  }
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const outline = this.str('outline', 'standard');
    const sw = this.strokeWidth ?? 1;
    const gateway = this.isGateway();
    if (gateway || this.str('background') === 'gateway') {
      c.begin();
      c.moveTo(x + w / 2, y); c.lineTo(x + w, y + h / 2); c.lineTo(x + w / 2, y + h); c.lineTo(x, y + h / 2);
      c.close();
      c.fillAndStroke();
      c.setShadow(false);
      if (outline !== 'none' && outline !== 'standard') ring(c, outline, x + w / 4, y + h / 4, w / 2, h / 2, sw);
    } else if (outline !== 'none') {
      ring(c, outline, x, y, w, h, sw);
    }
    const name = gateway ? this.str('gwType', this.str('symbol', 'exclusive')) : this.str('symbol', 'general');
    const k = gateway || this.str('background') === 'gateway' ? 0.3 : 0.25;
    const filled = outline === 'end' || outline === 'throwing' || this.flag('isThrowing', false);
    c.setStrokeWidth(sw);
    symbol(c, name, [x + w * k, y + h * k, w * (1 - 2 * k), h * (1 - 2 * k)], String(this.stroke ?? '#000000'), String(this.fill ?? '#ffffff'), filled);
  }
}

class GatewayShape extends BpmnShape {
  protected isGateway(): boolean {
    return true;
  }
}

export function registerBpmnShapes(): void {
  ShapeRegistry.add('mxgraph.bpmn.shape', BpmnShape as never);
  // draw.io's BPMN palette names its events so since 2021, with the same outline= and symbol= keys.
  ShapeRegistry.add('mxgraph.bpmn.event', BpmnShape as never);
  ShapeRegistry.add('mxgraph.bpmn.gateway2', GatewayShape as never);
}

// draw.io's newer BPMN activity and data shapes (its BPMN palette since 2021): mxgraph.bpmn.task, a rounded box with
// its task-type marker in the top left (taskMarker=user, service, send, receive, manual, businessRule, script;
// abstract has none), the loop, multi-instance, sub-process, ad-hoc and compensation markers centred at its foot
// (isLoopStandard, isLoopMultiParallel, isLoopMultiSeq, isLoopSub, isAdHoc, isCompensation), a double border for a
// transaction and a thick one for a call activity (bpmnShapeType=transaction / call); and mxgraph.bpmn.data, the data object (a page with a folded corner, an arrow for bpmnTransferType=input/output, three
// bars for isCollection=1). Markers are drawn in the stroke colour, as draw.io does.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';

type Pts = Array<[number, number]>;

function poly(c: AbstractCanvas2D, pts: Pts, close = true): void {
  c.begin();
  pts.forEach(([px, py], i) => (i === 0 ? c.moveTo(px, py) : c.lineTo(px, py)));
  if (close) c.close();
}

/** The task-type marker into the box (x, y, s×s). */
function taskMarker(c: AbstractCanvas2D, kind: string, x: number, y: number, s: number, stroke: string, fill: string): void {
  c.setFillColor(fill);
  switch (kind) {
    case 'user':
      c.ellipse(x + s * 0.3, y, s * 0.4, s * 0.4);
      c.fillAndStroke();
      c.begin();
      c.moveTo(x, y + s);
      c.curveTo(x, y + s * 0.45, x + s, y + s * 0.45, x + s, y + s);
      c.close();
      c.fillAndStroke();
      break;
    case 'service':
      for (const [ox, oy, r] of [[0, 0, 0.62], [0.38, 0.38, 0.62]] as const) {
        const cx = x + s * (ox + r / 2);
        const cy = y + s * (oy + r / 2);
        const outer = (s * r) / 2;
        const teeth: Pts = [];
        for (let i = 0; i < 16; i++) {
          const rr = i % 2 === 0 ? outer : outer * 0.78;
          const a = (Math.PI * i) / 8;
          teeth.push([cx + Math.cos(a) * rr, cy + Math.sin(a) * rr]);
        }
        poly(c, teeth);
        c.fillAndStroke();
        c.ellipse(cx - outer * 0.35, cy - outer * 0.35, outer * 0.7, outer * 0.7);
        c.stroke();
      }
      break;
    case 'send':
    case 'receive': {
      const filled = kind === 'send';
      c.setFillColor(filled ? stroke : fill);
      c.rect(x, y + s * 0.15, s, s * 0.7);
      c.fillAndStroke();
      c.setStrokeColor(filled ? fill : stroke);
      poly(c, [[x, y + s * 0.15], [x + s / 2, y + s * 0.5], [x + s, y + s * 0.15]], false);
      c.stroke();
      c.setStrokeColor(stroke);
      break;
    }
    case 'manual':
      poly(c, [[x, y + s * 0.35], [x + s * 0.45, y + s * 0.1], [x + s * 0.95, y + s * 0.1], [x + s * 0.95, y + s * 0.3], [x + s * 0.5, y + s * 0.3],
        [x + s, y + s * 0.3], [x + s, y + s * 0.5], [x + s * 0.5, y + s * 0.5], [x + s * 0.95, y + s * 0.5], [x + s * 0.95, y + s * 0.7],
        [x + s * 0.5, y + s * 0.7], [x + s * 0.85, y + s * 0.7], [x + s * 0.85, y + s * 0.9], [x + s * 0.2, y + s * 0.9], [x, y + s * 0.7]]);
      c.fillAndStroke();
      break;
    case 'businessRule':
      c.rect(x, y + s * 0.1, s, s * 0.8);
      c.fillAndStroke();
      c.setFillColor(stroke);
      c.rect(x, y + s * 0.1, s, s * 0.2);
      c.fillAndStroke();
      c.begin();
      c.moveTo(x, y + s * 0.55); c.lineTo(x + s, y + s * 0.55);
      c.moveTo(x + s * 0.3, y + s * 0.3); c.lineTo(x + s * 0.3, y + s * 0.9);
      c.stroke();
      break;
    case 'script':
      c.begin();
      c.moveTo(x + s * 0.25, y);
      c.lineTo(x + s, y);
      c.curveTo(x + s * 0.6, y + s * 0.3, x + s * 1.05, y + s * 0.7, x + s * 0.75, y + s);
      c.lineTo(x, y + s);
      c.curveTo(x + s * 0.4, y + s * 0.7, x - s * 0.05, y + s * 0.3, x + s * 0.25, y);
      c.close();
      c.fillAndStroke();
      c.begin();
      for (const k of [0.25, 0.45, 0.65, 0.85]) { c.moveTo(x + s * 0.3, y + s * k); c.lineTo(x + s * 0.75, y + s * k); }
      c.stroke();
      break;
    default:
      break;
  }
}

/** The markers at the foot of an activity, in draw.io's order, each s×s. */
function footMarkers(shape: TaskShape): Array<(c: AbstractCanvas2D, x: number, y: number, s: number) => void> {
  const markers: Array<(c: AbstractCanvas2D, x: number, y: number, s: number) => void> = [];
  if (shape.has('isLoopStandard')) {
    markers.push((c, x, y, s) => {
      c.begin();
      c.moveTo(x + s * 0.35, y + s * 0.95);
      c.arcTo(s * 0.45, s * 0.45, 0, true, true, x + s * 0.65, y + s * 0.95);
      c.moveTo(x + s * 0.35, y + s * 0.95); c.lineTo(x + s * 0.15, y + s * 0.8);
      c.moveTo(x + s * 0.35, y + s * 0.95); c.lineTo(x + s * 0.35, y + s * 0.7);
      c.stroke();
    });
  }
  const bars = (vertical: boolean) => (c: AbstractCanvas2D, x: number, y: number, s: number) => {
    c.begin();
    for (const k of [0.2, 0.5, 0.8]) {
      if (vertical) { c.moveTo(x + s * k, y); c.lineTo(x + s * k, y + s); } else { c.moveTo(x, y + s * k); c.lineTo(x + s, y + s * k); }
    }
    c.stroke();
  };
  if (shape.has('isLoopMultiParallel')) markers.push(bars(true));
  if (shape.has('isLoopMultiSeq')) markers.push(bars(false));
  if (shape.has('isLoopSub')) {
    markers.push((c, x, y, s) => {
      c.rect(x, y, s, s);
      c.stroke();
      c.begin();
      c.moveTo(x + s / 2, y + s * 0.2); c.lineTo(x + s / 2, y + s * 0.8);
      c.moveTo(x + s * 0.2, y + s / 2); c.lineTo(x + s * 0.8, y + s / 2);
      c.stroke();
    });
  }
  if (shape.has('isAdHoc')) {
    markers.push((c, x, y, s) => {
      c.begin();
      c.moveTo(x, y + s * 0.6);
      c.curveTo(x + s * 0.25, y + s * 0.2, x + s * 0.5, y + s * 0.2, x + s * 0.5, y + s * 0.5);
      c.curveTo(x + s * 0.5, y + s * 0.8, x + s * 0.75, y + s * 0.8, x + s, y + s * 0.4);
      c.stroke();
    });
  }
  if (shape.has('isCompensation')) {
    markers.push((c, x, y, s) => {
      poly(c, [[x, y + s / 2], [x + s / 2, y + s * 0.2], [x + s / 2, y + s * 0.8]]);
      c.stroke();
      poly(c, [[x + s / 2, y + s / 2], [x + s, y + s * 0.2], [x + s, y + s * 0.8]]);
      c.stroke();
    });
  }
  return markers;
}

export class TaskShape extends DrawioShape {
  has(key: string): boolean {
    return this.flag(key, false);
  }
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const kind = this.str('bpmnShapeType', 'task');
    const square = this.str('rectStyle', 'rounded') === 'square';
    const arc = square ? 0 : Math.min(w / 3, h / 3, this.num('size', 10));
    const sw = this.strokeWidth ?? 1;
    if (kind === 'call') c.setStrokeWidth(sw * 3);
    c.roundrect(x, y, w, h, arc, arc);
    c.fillAndStroke();
    c.setShadow(false);
    c.setStrokeWidth(sw);
    if (kind === 'transaction') {
      const d = 3;
      c.roundrect(x + d, y + d, w - 2 * d, h - 2 * d, Math.max(0, arc - d), Math.max(0, arc - d));
      c.stroke();
    }
    const stroke = String(this.stroke ?? '#000000');
    const fill = String(this.fill && this.fill !== 'none' ? this.fill : '#ffffff');
    const s = Math.max(0, Math.min(14, w / 4, h / 4));
    taskMarker(c, this.str('taskMarker', 'abstract'), x + 5, y + 5, s, stroke, fill);
    const foot = footMarkers(this);
    const m = Math.max(0, Math.min(12, w / 6, h / 4));
    const gap = 2;
    let left = x + (w - (foot.length * m + (foot.length - 1) * gap)) / 2;
    for (const draw of foot) {
      c.setFillColor(fill);
      draw(c, left, y + h - m - 3, m);
      left += m + gap;
    }
  }
}

export class DataShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const fold = Math.min(w / 2, h / 2, this.num('size', 15));
    poly(c, [[x, y], [x + w - fold, y], [x + w, y + fold], [x + w, y + h], [x, y + h]]);
    c.fillAndStroke();
    c.setShadow(false);
    poly(c, [[x + w - fold, y], [x + w - fold, y + fold], [x + w, y + fold]], false);
    c.stroke();
    const stroke = String(this.stroke ?? '#000000');
    const transfer = this.str('bpmnTransferType', 'none');
    if (transfer === 'input' || transfer === 'output') {
      const s = Math.min(14, w / 3, h / 3);
      const ax = x + 4;
      const ay = y + 4;
      c.setFillColor(transfer === 'output' ? stroke : String(this.fill ?? '#ffffff'));
      poly(c, [[ax, ay + s * 0.3], [ax + s * 0.55, ay + s * 0.3], [ax + s * 0.55, ay], [ax + s, ay + s / 2], [ax + s * 0.55, ay + s], [ax + s * 0.55, ay + s * 0.7], [ax, ay + s * 0.7]]);
      c.fillAndStroke();
    }
    if (this.flag('isCollection', false)) {
      const s = Math.min(12, w / 4, h / 4);
      const bx = x + (w - s) / 2;
      c.begin();
      for (const k of [0.2, 0.5, 0.8]) { c.moveTo(bx + s * k, y + h - s - 3); c.lineTo(bx + s * k, y + h - 3); }
      c.stroke();
    }
  }
}

export function registerBpmnTaskShapes(): void {
  ShapeRegistry.add('mxgraph.bpmn.task', TaskShape as never);
  ShapeRegistry.add('mxgraph.bpmn.data', DataShape as never);
}

// draw.io's general and flowchart code shapes maxGraph lacks: trapezoid, manual input, off-page connector, delay,
// tape, display, internal storage, loop limit, callout, single/double block arrows, corner, tee, the or/sum/line
// ellipses, plus, and the UML boundary/entity/control/destroy icons.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { extent, type Pt } from './outlines';

/** A shape whose outline is a polygon computed from its style and size. */
function polygonShape(outline: (s: { n(key: string, fallback: number): number; fixed: boolean }, w: number, h: number) => Pt[]) {
  return class extends DrawioShape {
    n(key: string, fallback: number): number {
      return this.num(key, fallback);
    }
    get fixed(): boolean {
      return this.flag('fixedSize', false);
    }
    paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
      this.fillPolygon(c, x, y, outline(this, w, h));
    }
  };
}

class DelayShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.min(w / 2, h / 2);
    c.begin();
    c.moveTo(x, y); c.lineTo(x + w - r, y);
    c.arcTo(r, h / 2, 0, false, true, x + w - r, y + h);
    c.lineTo(x, y + h);
    c.close();
    c.fillAndStroke();
  }
}

class TapeShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dy = h * Math.min(1, this.size(0.4)) / 2;
    c.begin();
    c.moveTo(x, y + dy / 2);
    c.quadTo(x + w / 4, y + dy * 1.4, x + w / 2, y + dy / 2);
    c.quadTo(x + (w * 3) / 4, y - dy * 0.4, x + w, y + dy / 2);
    c.lineTo(x + w, y + h - dy / 2);
    c.quadTo(x + (w * 3) / 4, y + h - dy * 1.4, x + w / 2, y + h - dy / 2);
    c.quadTo(x + w / 4, y + h + dy * 0.4, x, y + h - dy / 2);
    c.close();
    c.fillAndStroke();
  }
}

class DisplayShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dx = extent(this.size(0.25), w, false, w / 2);
    const r = Math.min(dx, w / 4);
    c.begin();
    c.moveTo(x + dx, y); c.lineTo(x + w - r, y);
    c.arcTo(r, h / 2, 0, false, true, x + w - r, y + h);
    c.lineTo(x + dx, y + h);
    c.lineTo(x, y + h / 2);
    c.close();
    c.fillAndStroke();
  }
}

class InternalStorageShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dx = Math.min(w, this.num('dx', 20));
    const dy = Math.min(h, this.num('dy', 20));
    c.rect(x, y, w, h);
    c.fillAndStroke();
    this.lines(c, x, y, [[dx, 0], [dx, h]], [[0, dy], [w, dy]]);
  }
}

/** Ellipses with a mark: orEllipse (a plus), sumEllipse (an X), lineEllipse (a horizontal line). */
function markedEllipse(mark: 'plus' | 'x' | 'line') {
  return class extends DrawioShape {
    paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
      c.ellipse(x, y, w, h);
      c.fillAndStroke();
      const k = Math.SQRT1_2 / 2;
      const paths: Pt[][] = mark === 'x'
        ? [[[w * (0.5 - k), h * (0.5 - k)], [w * (0.5 + k), h * (0.5 + k)]], [[w * (0.5 + k), h * (0.5 - k)], [w * (0.5 - k), h * (0.5 + k)]]]
        : mark === 'plus' ? [[[w / 2, 0], [w / 2, h]], [[0, h / 2], [w, h / 2]]] : [[[0, h / 2], [w, h / 2]]];
      this.lines(c, x, y, ...paths);
    }
  };
}

class PlusShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    const b = Math.min(w, h) / 4;
    this.lines(c, x, y, [[w / 2, b], [w / 2, h - b]], [[b, h / 2], [w - b, h / 2]]);
  }
}

class UmlIconShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const kind = this.str('shape');
    const r = Math.min(w, h) / 2;
    const cx = x + w / 2;
    const cy = y + h / 2;
    if (kind === 'umlDestroy') {
      this.lines(c, x, y, [[0, 0], [w, h]], [[w, 0], [0, h]]);
      return;
    }
    if (kind === 'umlBoundary') {
      c.ellipse(x + w - 2 * r, cy - r, 2 * r, 2 * r);
      c.fillAndStroke();
      this.lines(c, x, y, [[0, h / 2 - r], [0, h / 2 + r]], [[0, h / 2], [w - 2 * r, h / 2]]);
      return;
    }
    c.ellipse(cx - r, cy - r, 2 * r, 2 * r);
    c.fillAndStroke();
    if (kind === 'umlEntity') this.lines(c, x, y, [[w / 2 - r, h / 2 + r], [w / 2 + r, h / 2 + r]]);
    else this.lines(c, x, y, [[w / 2 + r / 3, h / 2 - r - r / 4], [w / 2 - r / 6, h / 2 - r], [w / 2 + r / 3, h / 2 - r + r / 4]]);
  }
}

export function registerFlowchartShapes(): void {
  const shapes = {
    trapezoid: polygonShape((s, w, h) => {
      const d = extent(s.n('size', 0.2), w, s.fixed, w / 2);
      return [[0, h], [d, 0], [w - d, 0], [w, h]];
    }),
    manualInput: polygonShape((s, w, h) => [[0, Math.min(h, s.n('size', 30))], [w, 0], [w, h], [0, h]]),
    offPageConnector: polygonShape((s, w, h) => {
      const d = extent(s.n('size', 0.375), h, false);
      return [[0, 0], [w, 0], [w, h - d], [w / 2, h], [0, h - d]];
    }),
    loopLimit: polygonShape((s, w, h) => {
      const d = Math.min(w / 2, h / 2, s.n('size', 20));
      return [[d, 0], [w - d, 0], [w, d], [w, h], [0, h], [0, d]];
    }),
    callout: polygonShape((s, w, h) => {
      const tail = Math.min(h, s.n('size', 30));
      const base = Math.min(w, s.n('base', 20));
      const at = w * Math.max(0, Math.min(1, s.n('position', 0.5)));
      const tip = w * Math.max(0, Math.min(1, s.n('position2', 0.5)));
      return [[0, 0], [w, 0], [w, h - tail], [Math.min(w, at + base), h - tail], [tip, h], [at, h - tail], [0, h - tail]];
    }),
    singleArrow: polygonShape((s, w, h) => {
      const a = h * (1 - Math.max(0, Math.min(1, s.n('arrowWidth', 0.3)))) / 2;
      const head = w * Math.max(0, Math.min(1, s.n('arrowSize', 0.2)));
      return [[0, a], [w - head, a], [w - head, 0], [w, h / 2], [w - head, h], [w - head, h - a], [0, h - a]];
    }),
    doubleArrow: polygonShape((s, w, h) => {
      const a = h * (1 - Math.max(0, Math.min(1, s.n('arrowWidth', 0.3)))) / 2;
      const head = w * Math.max(0, Math.min(0.5, s.n('arrowSize', 0.2)));
      return [[0, h / 2], [head, 0], [head, a], [w - head, a], [w - head, 0], [w, h / 2], [w - head, h], [w - head, h - a], [head, h - a], [head, h]];
    }),
    corner: polygonShape((s, w, h) => {
      const dx = Math.min(w, s.n('dx', 10));
      const dy = Math.min(h, s.n('dy', 10));
      return [[0, 0], [w, 0], [w, dy], [dx, dy], [dx, h], [0, h]];
    }),
    tee: polygonShape((s, w, h) => {
      const dx = Math.min(w, s.n('dx', 10));
      const dy = Math.min(h, s.n('dy', 10));
      return [[0, 0], [w, 0], [w, dy], [(w + dx) / 2, dy], [(w + dx) / 2, h], [(w - dx) / 2, h], [(w - dx) / 2, dy], [0, dy]];
    }),
    delay: DelayShape, tape: TapeShape, display: DisplayShape, internalStorage: InternalStorageShape,
    orEllipse: markedEllipse('plus'), sumEllipse: markedEllipse('x'),
    lineEllipse: markedEllipse('line'), plus: PlusShape,
    umlBoundary: UmlIconShape, umlEntity: UmlIconShape, umlControl: UmlIconShape, umlDestroy: UmlIconShape,
  };
  for (const [name, shape] of Object.entries(shapes)) ShapeRegistry.add(name, shape as never);
}

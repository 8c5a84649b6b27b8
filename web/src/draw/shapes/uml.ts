// draw.io's UML code shapes: the sequence lifeline (with its participant kinds and the perimeter that lets messages
// attach anywhere along the line), the frame with its name tab, and the component/module box with its two jetties.
import { Point, PerimeterRegistry, Rectangle, ShapeRegistry, type AbstractCanvas2D, type CellState } from '@maxgraph/core';
import { DrawioShape } from './base';
import { lifelinePoint } from './outlines';

/** The UML participant icons a lifeline head can be, drawn into the box x, y, w, h. */
function participant(c: AbstractCanvas2D, kind: string, x: number, y: number, w: number, h: number): boolean {
  const r = Math.min(w, h) / 2;
  const cx = x + w / 2;
  const cy = y + h / 2;
  switch (kind) {
    case 'umlActor':
      c.ellipse(x + w / 4, y, w / 2, h / 4);
      c.fillAndStroke();
      c.setShadow(false);
      c.begin();
      c.moveTo(cx, y + h / 4); c.lineTo(cx, y + (2 * h) / 3);
      c.moveTo(x, y + h / 3); c.lineTo(x + w, y + h / 3);
      c.moveTo(cx, y + (2 * h) / 3); c.lineTo(x, y + h);
      c.moveTo(cx, y + (2 * h) / 3); c.lineTo(x + w, y + h);
      c.stroke();
      return true;
    case 'umlEntity':
      c.ellipse(cx - r, cy - r, 2 * r, 2 * r);
      c.fillAndStroke();
      c.begin(); c.moveTo(cx - r, cy + r); c.lineTo(cx + r, cy + r); c.stroke();
      return true;
    case 'umlControl':
      c.ellipse(cx - r, cy - r, 2 * r, 2 * r);
      c.fillAndStroke();
      c.begin(); c.moveTo(cx + 4, cy - r - 4); c.lineTo(cx - 2, cy - r); c.lineTo(cx + 4, cy - r + 4); c.stroke();
      return true;
    case 'umlBoundary':
      c.ellipse(cx - r + r / 2, cy - r, 2 * r, 2 * r);
      c.fillAndStroke();
      c.begin(); c.moveTo(cx - r, cy - r); c.lineTo(cx - r, cy + r); c.moveTo(cx - r, cy); c.lineTo(cx - r / 2, cy); c.stroke();
      return true;
    default:
      return false;
  }
}

/**
 * shape=umlLifeline: a head of height size (a box or a participant icon) and a line (dashed unless lifelineDashed=0).
 * Its label belongs to the head, as in draw.io (a participant's palette style moves it below with spacingTop).
 */
class LifelineShape extends DrawioShape {
  getLabelBounds(rect: Rectangle): Rectangle {
    return new Rectangle(rect.x, rect.y, rect.width, Math.max(0, Math.min(rect.height, this.size(40) * this.scale)));
  }

  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const head = Math.max(0, Math.min(h, this.size(40)));
    if (!participant(c, this.str('participant'), x, y, w, head)) {
      const r = this.isRounded ? this.getArcSize(w, head) : 0;
      c.roundrect(x, y, w, head, r, r);
      c.fillAndStroke();
    }
    c.setShadow(false);
    if (head >= h) return;
    c.setDashed(this.flag('lifelineDashed', true), false);
    c.begin();
    c.moveTo(x + w / 2, y + head);
    c.lineTo(x + w / 2, y + h);
    c.stroke();
  }
}

/** shape=umlFrame: a box (filled with swimlaneFillColor, none by default) with a name tab of width × height in fillColor. */
class FrameShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const tw = Math.min(w, this.num('width', 60));
    const th = Math.min(h, this.num('height', 30));
    const cut = Math.min(10, th / 2, tw);
    c.setFillColor(this.str('swimlaneFillColor', 'none'));
    c.rect(x, y, w, h);
    c.fillAndStroke();
    c.setShadow(false);
    c.setFillColor(String(this.fill ?? 'none'));
    this.fillPolygon(c, x, y, [[0, 0], [tw, 0], [tw, th - cut], [tw - cut, th], [0, th]]);
  }
}

/** shape=component / shape=module: a box with two small rectangles (jetties) across its left edge. */
class ComponentShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const size = this.num('jettySize', NaN);
    const jw = Math.min(w / 2, this.num('jettyWidth', Number.isNaN(size) ? 20 : size));
    const jh = Math.min(h / 5, this.num('jettyHeight', Number.isNaN(size) ? 10 : size / 2));
    c.rect(x + jw / 2, y, w - jw / 2, h);
    c.fillAndStroke();
    c.setShadow(false);
    const top = Math.min(h / 2 - 1.5 * jh, Math.max(jh, h / 4 - jh / 2));
    for (const jy of [top, h - top - jh]) {
      c.rect(x, y + jy, jw, jh);
      c.fillAndStroke();
    }
  }
}

export function registerUmlShapes(): void {
  ShapeRegistry.add('umlLifeline', LifelineShape as never);
  ShapeRegistry.add('umlFrame', FrameShape as never);
  ShapeRegistry.add('component', ComponentShape as never);
  ShapeRegistry.add('module', ComponentShape as never);
  PerimeterRegistry.add('lifelinePerimeter', ((bounds: Rectangle, state: CellState, next: Point) => {
    const size = Number((state?.style as Record<string, unknown> | undefined)?.size ?? 40);
    const p = lifelinePoint(bounds, (Number.isFinite(size) ? size : 40) * state.view.scale, next);
    return new Point(p.x, p.y);
  }) as never);
}

// draw.io's mockup (wireframe) code shapes, written here from their style keys and looks:
// - containers.anchor and anchor: draw nothing (label holders);
// - markup.line: a horizontal line through the middle;
// - graphics.simpleIcon: the image placeholder, a box with a diagonal cross; graphics.iconGrid: gridSize=cols,rows of them;
// - misc.rating: ratingScale slots (ratingStyle star or heart), the first grade of them in fillColor, the others in
//   emptyFillColor;
// - forms.searchBox: a box with a magnifier at its right in strokeColor2;
// - buttons.button (buttonStyle round or rect) and buttons.multiButton: rounded boxes;
// - containers.browserWindow: the frame, a title bar with a tab, the window glyphs (close in strokeColor2), an address
//   bar (back, forward, reload, the address field), its details in strokeColor3; the tab title and the address are the
//   child cells' labels in draw.io's templates (their mainText is ",");
// - containers.videoPlayer: the frame and a control bar barHeight high: the progress track along its top, played to
//   barPos percent in fillColor2 with a knob in strokeColor2, the rest in strokeColor3; a play button in fillColor2,
//   volume and full-screen glyphs in textColor.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import type { Pt } from './outlines';
import { filledSlots, gridCells, gridSize, ratingSlots, starOutline, type Box } from './wireframe-geometry';

const BLUE = '#008cff';
const LIGHT = '#c4c4c4';

abstract class MockupShape extends DrawioShape {
  /** A colour key, or the fallback when it is absent (none stays none: null). */
  protected colorOr(key: string, fallback: string): string | null {
    const value = this.str(key);
    return value === '' ? fallback : value === 'none' ? null : value;
  }
  protected path(c: AbstractCanvas2D, pts: Pt[], close = false): void {
    pts.forEach(([px, py], i) => (i === 0 ? c.moveTo(px, py) : c.lineTo(px, py)));
    if (close) c.close();
  }
  /** A box with a cross from corner to corner, the cross without shadow. */
  protected placeholder(c: AbstractCanvas2D, [x, y, w, h]: Box): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    this.path(c, [[x, y], [x + w, y + h]]);
    this.path(c, [[x + w, y], [x, y + h]]);
    c.stroke();
  }
}

class AnchorShape extends MockupShape {
  paintVertexShape(): void {}
}

class MarkupLineShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.begin();
    this.path(c, [[x, y + h / 2], [x + w, y + h / 2]]);
    c.stroke();
  }
}

class SimpleIconShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.placeholder(c, [x, y, w, h]);
  }
}

class IconGridShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const [cols, rows] = gridSize(this.str('gridSize', '1,1'));
    for (const [cx, cy, cw, ch] of gridCells(w, h, cols, rows)) this.placeholder(c, [x + cx, y + cy, cw, ch]);
  }
}

class RatingShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const scale = this.num('ratingScale', 5);
    const filled = filledSlots(this.num('grade', 5), scale);
    const full = this.colorOr('fillColor', '#ffff00');
    const empty = this.colorOr('emptyFillColor', '#ffffff');
    const heart = this.str('ratingStyle', 'star') === 'heart';
    ratingSlots(w, h, scale).forEach(([sx, sy, s], i) => {
      const box: Box = [x + sx, y + sy, s, s];
      c.setFillColor(i < filled ? full : empty);
      c.begin();
      if (heart) this.heart(c, box);
      else this.path(c, starOutline(box), true);
      c.fillAndStroke();
    });
  }
  private heart(c: AbstractCanvas2D, [x, y, w, h]: Box): void {
    const p = (fx: number, fy: number): [number, number] => [x + fx * w, y + fy * h];
    c.moveTo(...p(0.5, 0.25));
    c.curveTo(...p(0.5, 0.05), ...p(0.1, 0), ...p(0.05, 0.3));
    c.curveTo(...p(0, 0.55), ...p(0.3, 0.75), ...p(0.5, 0.95));
    c.curveTo(...p(0.7, 0.75), ...p(1, 0.55), ...p(0.95, 0.3));
    c.curveTo(...p(0.9, 0), ...p(0.5, 0.05), ...p(0.5, 0.25));
    c.close();
  }
}

class SearchBoxShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    const glass = this.colorOr('strokeColor2', BLUE);
    if (!glass) return;
    const r = Math.min(h, w) * 0.2;
    const cx = x + w - Math.min(h, w) * 0.55;
    const cy = y + h * 0.42;
    c.setShadow(false);
    c.setStrokeColor(glass);
    c.setStrokeWidth(Math.max(1, r / 3));
    c.ellipse(cx - r, cy - r, 2 * r, 2 * r);
    c.stroke();
    c.begin();
    this.path(c, [[cx + r * 0.7, cy + r * 0.7], [cx + r * 1.8, cy + r * 1.8]]);
    c.stroke();
  }
}

class ButtonShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = this.str('buttonStyle', 'round') === 'rect' ? 0 : Math.max(0, Math.min(this.num('rSize', 10), w / 4, h / 4));
    if (r > 0) c.roundrect(x, y, w, h, r, r);
    else c.rect(x, y, w, h);
    c.fillAndStroke();
  }
}

class BrowserWindowShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    if (w < 120 || h < 110) return;
    const frame = this.str('strokeColor', '#666666');
    const details = this.colorOr('strokeColor3', LIGHT) ?? frame;
    const close = this.colorOr('strokeColor2', BLUE) ?? details;
    c.setShadow(false);
    // The title bar: the tab (open at the bottom), the line it stands on, the page icon in the tab.
    const tabRight = x + Math.min(200, w - 100);
    c.setStrokeColor(details);
    c.begin();
    this.path(c, [[x, y + 40], [x + 10, y + 40], [x + 10, y + 15]]);
    c.quadTo(x + 10, y + 10, x + 15, y + 10);
    this.path(c, [[x + 15, y + 10], [tabRight - 5, y + 10]]);
    c.quadTo(tabRight, y + 10, tabRight, y + 15);
    this.path(c, [[tabRight, y + 15], [tabRight, y + 40], [x + w, y + 40]]);
    this.path(c, [[x + 30, y + 17], [x + 39, y + 17], [x + 44, y + 22], [x + 44, y + 33], [x + 30, y + 33]], true);
    this.path(c, [[x + 39, y + 17], [x + 39, y + 22], [x + 44, y + 22]]);
    c.stroke();
    // Minimise, maximise, close.
    const glyph = (cx: number, color: string, draw: () => void) => {
      c.setStrokeColor(color);
      c.ellipse(cx - 8, y + 17, 16, 16);
      c.stroke();
      c.begin();
      draw();
      c.stroke();
    };
    const cy = y + 25;
    glyph(x + w - 70, details, () => this.path(c, [[x + w - 74, cy + 1], [x + w - 66, cy + 1]]));
    glyph(x + w - 45, details, () => this.path(c, [[x + w - 49, cy - 4], [x + w - 41, cy - 4], [x + w - 41, cy + 4], [x + w - 49, cy + 4]], true));
    glyph(x + w - 20, close, () => {
      this.path(c, [[x + w - 24, cy - 4], [x + w - 16, cy + 4]]);
      this.path(c, [[x + w - 16, cy - 4], [x + w - 24, cy + 4]]);
    });
    // The address bar: back, forward, reload, the address field; then the line above the page.
    const ay = y + 75;
    c.setStrokeColor(details);
    c.setStrokeWidth(2);
    c.begin();
    this.path(c, [[x + 30, ay], [x + 14, ay]]);
    this.path(c, [[x + 20, ay - 6], [x + 14, ay], [x + 20, ay + 6]]);
    this.path(c, [[x + 40, ay], [x + 56, ay]]);
    this.path(c, [[x + 50, ay - 6], [x + 56, ay], [x + 50, ay + 6]]);
    c.moveTo(x + 86, ay - 5);
    c.arcTo(8, 8, 0, true, true, x + 84, ay - 7);
    this.path(c, [[x + 78, ay - 10], [x + 84, ay - 7], [x + 80, ay - 2]]);
    c.stroke();
    c.setStrokeWidth(1);
    c.roundrect(x + 100, y + 57, w - 110, 32, 5, 5);
    c.stroke();
    c.setStrokeColor(frame);
    c.begin();
    this.path(c, [[x, y + 110], [x + w, y + 110]]);
    c.stroke();
  }
}

class VideoPlayerShape extends MockupShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    const bar = Math.max(0, Math.min(h, this.num('barHeight', 30)));
    if (bar < 10 || w < 60) return;
    const played = x + w * Math.max(0, Math.min(100, this.num('barPos', 20))) / 100;
    const top = y + h - bar;
    const playColor = this.colorOr('fillColor2', BLUE) ?? BLUE;
    const track = this.colorOr('strokeColor3', LIGHT) ?? LIGHT;
    const knob = this.colorOr('strokeColor2', BLUE) ?? BLUE;
    const text = this.colorOr('textColor', '#666666') ?? '#666666';
    c.setShadow(false);
    // The progress track, played to barPos, and its knob.
    c.setStrokeColor('none');
    c.setFillColor(track);
    c.rect(x, top - 2, w, 4);
    c.fill();
    c.setFillColor(playColor);
    c.rect(x, top - 2, played - x, 4);
    c.fill();
    c.setFillColor('#ffffff');
    c.setStrokeColor(knob);
    c.ellipse(played - 6, top - 6, 12, 12);
    c.fillAndStroke();
    // The controls, centred in the bar: play, then volume and full screen at the right.
    const cy = top + bar / 2;
    const s = Math.min(16, bar * 0.5);
    c.setFillColor(playColor);
    c.setStrokeColor(playColor);
    c.begin();
    this.path(c, [[x + 12, cy - s / 2], [x + 12 + s * 0.85, cy], [x + 12, cy + s / 2]], true);
    c.fillAndStroke();
    c.setStrokeColor(text);
    c.setFillColor(text);
    const vx = x + w - 2 * s - 30;
    c.begin();
    this.path(c, [[vx, cy - s / 4], [vx + s / 4, cy - s / 4], [vx + s / 2, cy - s / 2], [vx + s / 2, cy + s / 2], [vx + s / 4, cy + s / 4], [vx, cy + s / 4]], true);
    c.fillAndStroke();
    c.begin();
    c.moveTo(vx + s * 0.7, cy - s * 0.3);
    c.quadTo(vx + s * 0.9, cy, vx + s * 0.7, cy + s * 0.3);
    c.moveTo(vx + s * 0.85, cy - s * 0.45);
    c.quadTo(vx + s * 1.15, cy, vx + s * 0.85, cy + s * 0.45);
    const fx = x + w - s - 12;
    const fy = cy - s / 2;
    const k = s / 3;
    this.path(c, [[fx, fy + k], [fx, fy], [fx + k, fy]]);
    this.path(c, [[fx + s - k, fy], [fx + s, fy], [fx + s, fy + k]]);
    this.path(c, [[fx + s, fy + s - k], [fx + s, fy + s], [fx + s - k, fy + s]]);
    this.path(c, [[fx + k, fy + s], [fx, fy + s], [fx, fy + s - k]]);
    c.stroke();
  }
}

export function registerMockupShapes(): void {
  const shapes = {
    'containers.anchor': AnchorShape, anchor: AnchorShape, 'markup.line': MarkupLineShape,
    'graphics.simpleIcon': SimpleIconShape, 'graphics.iconGrid': IconGridShape, 'misc.rating': RatingShape,
    'forms.searchBox': SearchBoxShape, 'buttons.button': ButtonShape, 'buttons.multiButton': ButtonShape,
    'containers.browserWindow': BrowserWindowShape, 'containers.videoPlayer': VideoPlayerShape,
  };
  for (const [name, shape] of Object.entries(shapes)) ShapeRegistry.add(`mxgraph.mockup.${name}`, shape as never);
}

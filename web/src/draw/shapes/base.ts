// The base of the draw.io code shapes: typed reads of a shape's style keys and polygon drawing, shared by every library file.
import { Point, Shape, StencilShapeRegistry, type AbstractCanvas2D, type StencilShape } from '@maxgraph/core';
import { iconStencilName } from '../stencils/names';
import type { Pt } from './outlines';

export abstract class DrawioShape extends Shape {
  private raw(key: string): unknown {
    return (this.style as Record<string, unknown> | null)?.[key];
  }
  /** A numeric style key, or the fallback when it is absent or not a number. */
  protected num(key: string, fallback: number): number {
    const raw = this.raw(key);
    const value = Number(raw);
    return raw !== undefined && raw !== '' && Number.isFinite(value) ? value : fallback;
  }
  protected size(fallback: number): number {
    return this.num('size', fallback);
  }
  protected styleNumber(key: string, fallback: number): number {
    return this.num(key, fallback);
  }
  protected str(key: string, fallback = ''): string {
    const raw = this.raw(key);
    return raw === undefined || raw === null ? fallback : String(raw);
  }
  /** A 0/1 style key (draw.io writes 1, 0, true or false). */
  protected flag(key: string, fallback: boolean): boolean {
    const raw = this.raw(key);
    return raw === undefined ? fallback : raw === true || raw === 1 || raw === '1' || raw === 'true';
  }
  /** A colour key, null when absent or none. */
  protected color(key: string): string | null {
    const value = this.str(key);
    return value === '' || value === 'none' ? null : value;
  }
  /**
   * Draws the stencil that style key `key` names (a bare name within the shape's own library, see iconStencilName) into
   * the box in `fill` (and `stroke`), without shadow, as draw.io's icon slots do; false when it is not loaded.
   */
  protected drawIcon(c: AbstractCanvas2D, key: string, fill: string, x: number, y: number, w: number, h: number, stroke = 'none'): boolean {
    const name = iconStencilName(this.str('shape'), this.str(key));
    const icon = (name === '' ? null : StencilShapeRegistry.get(name) ?? StencilShapeRegistry.get(name.toLowerCase())) as StencilShape | null;
    if (!icon) return false;
    c.setShadow(false);
    c.setFillColor(fill);
    c.setStrokeColor(stroke);
    icon.drawShape(c, this, x, y, w, h);
    return true;
  }
  /** A pill lying on its side: straight along the top and bottom, its ends half ellipses `rx` wide; filled and stroked. */
  protected pill(c: AbstractCanvas2D, x: number, y: number, w: number, h: number, rx: number): void {
    c.begin();
    c.moveTo(x + rx, y);
    c.lineTo(x + w - rx, y);
    c.arcTo(rx, h / 2, 0, false, true, x + w - rx, y + h);
    c.lineTo(x + rx, y + h);
    c.arcTo(rx, h / 2, 0, false, true, x + rx, y);
    c.close();
    c.fillAndStroke();
  }
  /** A cylinder's body, its lids `dy` deep, filled and stroked; what is drawn on it after comes without a shadow. */
  protected cylinderBody(c: AbstractCanvas2D, x: number, y: number, w: number, h: number, dy: number): void {
    c.begin();
    c.moveTo(x, y + dy);
    c.curveTo(x, y - dy / 3, x + w, y - dy / 3, x + w, y + dy);
    c.lineTo(x + w, y + h - dy);
    c.curveTo(x + w, y + h + dy / 3, x, y + h + dy / 3, x, y + h - dy);
    c.close();
    c.fillAndStroke();
    c.setShadow(false);
  }
  /** Draws a polygon (points relative to x, y), rounded when the style says rounded=1. */
  protected polygon(c: AbstractCanvas2D, x: number, y: number, pts: Pt[], close = true): void {
    c.begin();
    this.addPoints(c, pts.map(([px, py]) => new Point(x + px, y + py)), this.isRounded, this.num('arcSize', 20) / 2, close);
    if (close) c.close();
  }
  /** Draws a filled and stroked polygon. */
  protected fillPolygon(c: AbstractCanvas2D, x: number, y: number, pts: Pt[]): void {
    this.polygon(c, x, y, pts);
    c.fillAndStroke();
  }
  /** Strokes open polylines (each a list of points relative to x, y), with no shadow. */
  protected lines(c: AbstractCanvas2D, x: number, y: number, ...paths: Pt[][]): void {
    c.setShadow(false);
    c.begin();
    for (const path of paths) {
      path.forEach(([px, py], i) => (i === 0 ? c.moveTo(x + px, y + py) : c.lineTo(x + px, y + py)));
    }
    c.stroke();
  }
}

// draw.io's floor plan code shapes: walls, wall corners and U-shaped walls of wallThickness, windows, doors with their
// swing (single, or double: two leaves swinging from the sides), stairs.
// The furniture of that library is stencils.
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { wallUOutline } from './outlines';

class WallShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const t = Math.min(h, this.num('wallThickness', 10));
    c.rect(x, y + (h - t) / 2, w, t);
    c.fillAndStroke();
  }
}

class WallCornerShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const t = Math.min(w, h, this.num('wallThickness', 10));
    this.fillPolygon(c, x, y, [[0, 0], [w, 0], [w, t], [t, t], [t, h], [0, h]]);
  }
}

class WallUShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.fillPolygon(c, x, y, wallUOutline(w, h, this.num('wallThickness', 10)));
  }
}

class WindowShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    this.lines(c, x, y, [[0, h / 2], [w, h / 2]]);
  }
}

/** A door leaf of thickness 5 along the top, its swing a quarter circle down to the hinge side (left or right). */
class DoorShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const leaf = Math.min(5, h);
    const r = Math.min(w, h - leaf);
    const left = this.str('shape').endsWith('doorLeft');
    c.rect(x, y, w, leaf);
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    const hinge = left ? x : x + w;
    const free = left ? x + r : x + w - r;
    c.moveTo(free, y + leaf);
    c.arcTo(r, r, 0, false, left, hinge, y + leaf + r);
    c.lineTo(hinge, y + leaf);
    c.stroke();
  }
}

/** Two door leaves of thickness 5 along the top, each half the width, swinging down from the left and right sides. */
class DoorDoubleShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const leaf = Math.min(5, h);
    const r = Math.min(w / 2, h - leaf);
    c.rect(x, y, w, leaf);
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    c.moveTo(x + r, y + leaf);
    c.arcTo(r, r, 0, false, true, x, y + leaf + r);
    c.lineTo(x, y + leaf);
    c.moveTo(x + w - r, y + leaf);
    c.arcTo(r, r, 0, false, false, x + w, y + leaf + r);
    c.lineTo(x + w, y + leaf);
    c.stroke();
    this.lines(c, x, y, [[w / 2, 0], [w / 2, leaf]]);
  }
}

class StairsShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const step = Math.max(5, this.num('stepSize', 25));
    c.rect(x, y, w, h);
    c.fillAndStroke();
    const steps = [];
    for (let sx = step; sx < w && steps.length < 200; sx += step) steps.push([[sx, 0], [sx, h]] as [number, number][]);
    this.lines(c, x, y, ...steps, [[0, h / 2], [w, h / 2], [w - 10, h / 2 - 6]], [[w, h / 2], [w - 10, h / 2 + 6]]);
  }
}

export function registerFloorplanShapes(): void {
  const shapes = { wall: WallShape, wallCorner: WallCornerShape, window: WindowShape, doorLeft: DoorShape, doorRight: DoorShape, stairs: StairsShape,
    doorDouble: DoorDoubleShape, wallU: WallUShape };
  for (const [name, shape] of Object.entries(shapes)) ShapeRegistry.add(`mxgraph.floorplan.${name}`, shape as never);
}

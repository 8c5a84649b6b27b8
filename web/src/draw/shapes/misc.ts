// Single draw.io code shapes of several libraries: infographic.shadedCube (a box seen from above at isoAngle, its top
// lighter and right face darker than fillColor), lean_mapping.physical_pull (a circular pull arrow), basic.obtuse_triangle
// (dx), sysml.package (a frame with its name tab labelX wide), ios7ui.horLines (lines along the top and bottom of the
// box) and startState (UML's initial state, a filled circle).
import { ShapeRegistry, type AbstractCanvas2D } from '@maxgraph/core';
import { DrawioShape } from './base';
import { isoCubeFaces, obtuseTriangleOutline } from './outlines';

class ShadedCubeShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const faces = isoCubeFaces(w, h, this.num('isoAngle', 15));
    const [, dy] = faces.top[0];
    this.fillPolygon(c, x, y, [[0, dy], [w / 2, 0], [w, dy], [w, h - dy], [w / 2, h], [0, h - dy]]);
    c.setShadow(false);
    for (const [face, color, alpha] of [[faces.top, '#ffffff', 0.35], [faces.right, '#000000', 0.25]] as const) {
      c.setFillColor(color);
      c.setFillAlpha(alpha);
      this.polygon(c, x, y, [...face]);
      c.fill();
    }
    c.setFillAlpha(1);
  }
}

/** Three quarters of a circle, open at the top right, ending in an arrowhead filled in fillColor. */
class PhysicalPullShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = Math.min(w, h) * 0.4;
    const [cx, cy] = [x + w / 2, y + h / 2];
    const at = (deg: number): [number, number] => [cx + r * Math.cos((deg * Math.PI) / 180), cy - r * Math.sin((deg * Math.PI) / 180)];
    const [sx, sy] = at(60);
    const [ex, ey] = at(-20);
    c.begin();
    c.moveTo(sx, sy);
    c.arcTo(r, r, 0, true, false, ex, ey);
    c.stroke();
    // The head at the end, along the circle's direction there (counter-clockwise on screen).
    const a = Math.min(w, h) * 0.15;
    const th = (-20 * Math.PI) / 180;
    const [dx, dy] = [-Math.sin(th), -Math.cos(th)];
    c.setShadow(false);
    c.begin();
    c.moveTo(ex + dx * a, ey + dy * a);
    c.lineTo(ex - dy * a * 0.6, ey + dx * a * 0.6);
    c.lineTo(ex + dy * a * 0.6, ey - dx * a * 0.6);
    c.close();
    c.fillAndStroke();
  }
}

class ObtuseTriangleShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.fillPolygon(c, x, y, obtuseTriangleOutline(w, h, this.num('dx', 0.25)));
  }
}

/** The package frame, its name tab labelX wide and 20 high along the top left, its corner cut. */
class SysmlPackageShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const tw = Math.max(0, Math.min(w, this.num('labelX', 90)));
    const th = Math.min(h, 20);
    const cut = Math.min(8, th / 2, tw);
    c.rect(x, y, w, h);
    c.fillAndStroke();
    this.lines(c, x, y, [[0, th], [tw - cut, th], [tw, th - cut], [tw, 0]]);
  }
}

class HorLinesShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fill();
    this.lines(c, x, y, [[0, 0], [w, 0]], [[0, h], [w, h]]);
  }
}

class StartStateShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.ellipse(x, y, w, h);
    c.fillAndStroke();
  }
}

export function registerMiscShapes(): void {
  ShapeRegistry.add('mxgraph.infographic.shadedCube', ShadedCubeShape as never);
  ShapeRegistry.add('mxgraph.lean_mapping.physical_pull', PhysicalPullShape as never);
  ShapeRegistry.add('mxgraph.basic.obtuse_triangle', ObtuseTriangleShape as never);
  ShapeRegistry.add('mxgraph.sysml.package', SysmlPackageShape as never);
  ShapeRegistry.add('mxgraph.ios7ui.horLines', HorLinesShape as never);
  ShapeRegistry.add('startState', StartStateShape as never);
}

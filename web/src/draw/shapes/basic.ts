// draw.io's general code shapes (its Shapes.js families, written here from their style keys): card, step, cube,
// dataStorage, curlyBracket, partialRectangle and tables (their title band and grid lines), message, datastore, dimension, the link edge, end state,
// the infographic ribbon and the data-flow data store.
import { Point, RectangleShape, Shape, ShapeRegistry, SwimlaneShape, type AbstractCanvas2D, type Cell, type Rectangle } from '@maxgraph/core';
import { DrawioShape } from './base';
import { cardOutline, extent, offsetPolylines, partialSides, ribbonOutline, stepOutline, type Pt } from './outlines';

class CardShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.fillPolygon(c, x, y, cardOutline(w, h, Math.min(w, h, this.size(30))));
  }
}

class StepShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.fillPolygon(c, x, y, stepOutline(w, h, extent(this.size(0.2), w, this.flag('fixedSize', false), w / 2)));
  }
}

class CubeShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const s = Math.min(w, h, this.size(20));
    this.fillPolygon(c, x, y, [[0, s], [s, 0], [w, 0], [w, h - s], [w - s, h], [0, h]]);
    this.lines(c, x, y, [[0, s], [w - s, s], [w, 0]], [[w - s, s], [w - s, h]]);
  }
}

class DataStorageShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const s = extent(this.size(0.1), w, this.flag('fixedSize', false), w / 2);
    c.begin();
    c.moveTo(x + s, y); c.lineTo(x + w, y);
    c.quadTo(x + w - s * 2, y + h / 2, x + w, y + h);
    c.lineTo(x + s, y + h);
    c.quadTo(x - s, y + h / 2, x + s, y);
    c.close();
    c.fillAndStroke();
  }
}

class CurlyBracketShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const m = h * Math.max(0, Math.min(1, this.size(0.5)));
    this.bracket(c, x, y, w, h, m, Math.min(w / 2, h / 4));
  }
  private bracket(c: AbstractCanvas2D, x: number, y: number, w: number, h: number, m: number, r: number): void {
    c.begin();
    c.moveTo(x + w, y);
    c.quadTo(x + w / 2, y, x + w / 2, y + Math.min(r, m));
    c.lineTo(x + w / 2, y + m - r);
    c.quadTo(x + w / 2, y + m, x, y + m);
    c.quadTo(x + w / 2, y + m, x + w / 2, y + m + r);
    c.lineTo(x + w / 2, y + h - r);
    c.quadTo(x + w / 2, y + h, x + w, y + h);
    c.stroke();
  }
}

class PartialRectangleShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fill();
    const sides = partialSides(w, h, this.flag('top', true), this.flag('right', true), this.flag('bottom', true), this.flag('left', true));
    if (sides.length > 0) this.lines(c, x, y, ...sides);
  }
}

/**
 * shape=table (draw.io's tables and ER entities). With startSize 0 it is a box; otherwise a swimlane whose label is its
 * title, in the title band. Over it the table draws its own grid, as draw.io does (its table cells have no borders): a
 * line at the top of each row but the first (rowLines, on by default) and at the left of each of the first row's cells
 * but the first (columnLines, on by default), across the body.
 */
class TableShape extends SwimlaneShape {
  getLabelBounds(rect: Rectangle): Rectangle {
    return this.getTitleSize() === 0 ? Shape.prototype.getLabelBounds.call(this, rect) : super.getLabelBounds(rect);
  }

  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const start = this.getTitleSize();
    if (start === 0) {
      RectangleShape.prototype.paintBackground.call(this, c, x, y, w, h);
    } else {
      super.paintVertexShape(c, x, y, w, h);
      c.translate(-x, -y);
    }
    this.paintGrid(c, x, y, w, h, start);
  }

  private paintGrid(c: AbstractCanvas2D, x: number, y: number, w: number, h: number, start: number): void {
    if (!this.state) return;
    const vertices = (parent: Cell) => parent.getChildren().filter((child) => child.isVertex() && child.getGeometry());
    const rows = vertices(this.state.cell);
    if (rows.length === 0) return;
    const style = this.style as Record<string, unknown> | null;
    const on = (key: string) => String(style?.[key] ?? '1') !== '0' && style?.[key] !== false;
    const horizontal = this.isHorizontal();
    const top = horizontal ? Math.min(start, h) : 0;
    const left = horizontal ? 0 : Math.min(start, w);
    c.setShadow(false);
    const line = (x1: number, y1: number, x2: number, y2: number) => {
      c.begin();
      c.moveTo(x1, y1);
      c.lineTo(x2, y2);
      c.stroke();
    };
    if (on('rowLines')) {
      for (const row of rows.slice(1)) line(x + left, y + row.getGeometry()!.y, x + w, y + row.getGeometry()!.y);
    }
    if (on('columnLines')) {
      const rowX = rows[0].getGeometry()!.x;
      for (const cell of vertices(rows[0]).slice(1)) line(x + rowX + cell.getGeometry()!.x, y + top, x + rowX + cell.getGeometry()!.x, y + h);
    }
  }
}

class MessageShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.rect(x, y, w, h);
    c.fillAndStroke();
    this.lines(c, x, y, [[0, 0], [w / 2, h / 2], [w, 0]]);
  }
}

class DatastoreShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dy = Math.min(h / 3, 15);
    this.cylinderBody(c, x, y, w, h, dy);
    c.begin();
    for (const k of [1, 1.5, 2]) {
      c.moveTo(x, y + dy * k);
      c.curveTo(x, y + dy * (k + 4 / 3), x + w, y + dy * (k + 4 / 3), x + w, y + dy * k);
    }
    c.stroke();
  }
}

class DimensionShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const line = y + h - 5;
    const a = Math.min(8, w / 4);
    this.lines(c, x, y, [[0, h / 2], [0, h]], [[w, h / 2], [w, h]], [[0, h - 5], [w, h - 5]]);
    c.setFillColor(this.stroke);
    for (const [tip, dir] of [[x, 1], [x + w, -1]] as const) {
      c.begin();
      c.moveTo(tip, line); c.lineTo(tip + dir * a, line - 3); c.lineTo(tip + dir * a, line + 3);
      c.close();
      c.fill();
    }
  }
}

class EndStateShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const inset = Math.max(3, Math.min(w, h) / 5);
    c.ellipse(x, y, w, h);
    c.stroke();
    c.setShadow(false);
    c.ellipse(x + inset, y + inset, w - 2 * inset, h - 2 * inset);
    c.fillAndStroke();
  }
}

class RibbonShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    this.fillPolygon(c, x, y, ribbonOutline(w, h, this.num('notch1', 20), Math.min(w, this.num('notch2', 20))));
  }
}

/** mxgraph.dfd.dataStoreID: open on the right, with a narrow ID column on the left. */
class DataStoreIdShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const id = Math.min(w, 10);
    c.rect(x, y, w, h);
    c.fill();
    this.lines(c, x, y, [[w, 0], [0, 0], [0, h], [w, h]], [[id, 0], [id, h]]);
  }
}

/** draw.io's ext: a rectangle, doubled at margin when double=1 (the ER weak entity). */
class ExtShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const r = this.isRounded ? this.getArcSize(w, h) : 0;
    c.roundrect(x, y, w, h, r, r);
    c.fillAndStroke();
    if (!this.flag('double', false)) return;
    const m = Math.min(w, h, this.num('margin', 3) * 2) / 2;
    c.setShadow(false);
    c.roundrect(x + m, y + m, w - 2 * m, h - 2 * m, r, r);
    c.stroke();
  }
}

/** draw.io's link edge: two parallel lines width apart. */
class LinkShape extends DrawioShape {
  paintEdgeShape(c: AbstractCanvas2D, pts: Point[]): void {
    const d = Math.max(1, this.num('width', 4)) / 2;
    const [a, b] = offsetPolylines(pts.map((p) => [p.x, p.y] as Pt), d);
    this.lines(c, 0, 0, a, b);
  }
}

/** mxgraph.lean_mapping.electronic_info_flow_edge: the edge's line with a lightning zigzag at its longest segment. */
class ElectronicFlowEdgeShape extends DrawioShape {
  paintEdgeShape(c: AbstractCanvas2D, pts: Point[]): void {
    const dist = (i: number) => Math.hypot(pts[i + 1].x - pts[i].x, pts[i + 1].y - pts[i].y);
    let at = 0;
    for (let i = 1; i < pts.length - 1; i++) if (dist(i) > dist(at)) at = i;
    const [a, b] = [pts[at], pts[at + 1]];
    const len = dist(at) || 1;
    const [ux, uy] = [(b.x - a.x) / len, (b.y - a.y) / len];
    const z = Math.min(len / 6, 8);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const line: Pt[] = pts.slice(0, at + 1).map((p) => [p.x, p.y]);
    line.push([mx - ux * z, my - uy * z], [mx - uy * z, my + ux * z], [mx + uy * z, my - ux * z], [mx + ux * z, my + uy * z]);
    line.push(...pts.slice(at + 1).map((p) => [p.x, p.y] as Pt));
    this.lines(c, 0, 0, line);
  }
}

export function registerBasicShapes(): void {
  const shapes = {
    card: CardShape, step: StepShape, cube: CubeShape, dataStorage: DataStorageShape, curlyBracket: CurlyBracketShape,
    partialRectangle: PartialRectangleShape, tableRow: PartialRectangleShape, table: TableShape, message: MessageShape,
    datastore: DatastoreShape, dimension: DimensionShape, endState: EndStateShape, ext: ExtShape, link: LinkShape,
    'mxgraph.infographic.ribbonSimple': RibbonShape, 'mxgraph.dfd.dataStoreID': DataStoreIdShape,
    'mxgraph.lean_mapping.electronic_info_flow_edge': ElectronicFlowEdgeShape,
  };
  for (const [name, shape] of Object.entries(shapes)) ShapeRegistry.add(name, shape as never);
}

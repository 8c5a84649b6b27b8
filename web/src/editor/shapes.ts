// draw.io shapes and named styles that maxGraph does not ship, so files from draw.io (and the
// palette's draw.io styles) draw the same here, on screen and in the SVG/PNG export.
import { LabelShape, PerimeterRegistry, ShapeRegistry, type AbstractCanvas2D, type Stylesheet } from '@maxgraph/core';
import { DrawioShape } from '../draw/shapes/base';
import { registerEagerCodeShapes } from '../draw/shapes/catalog';

/**
 * shape=label (draw.io's default box) whose image is not drawn (a remote URL, never fetched, or an icon we do not have:
 * graph.ts marks the style missingImage): the image's place is a dashed grey outline, as an image shape's would be.
 */
/** The stroke of the dashed outline that stands for an image we do not draw (graph.ts's image shapes use it too). */
export const missingImageStroke = '#999999';

class DrawioLabelShape extends LabelShape {
  paintImage(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    if (this.imageSrc || !(this.style as Record<string, unknown> | null)?.missingImage) {
      super.paintImage(c, x, y, w, h);
      return;
    }
    const slot = this.getImageBounds(x, y, w, h);
    c.save();
    c.setShadow(false);
    c.setDashed(true, false);
    c.setStrokeColor(missingImageStroke);
    c.rect(slot.x, slot.y, slot.width, slot.height);
    c.stroke();
    c.restore();
  }
}

class ProcessShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const s = this.size(0.1);
    const dx = s < 1 ? w * s : s;
    c.rect(x, y, w, h);
    c.fillAndStroke();
    c.begin();
    c.moveTo(x + dx, y); c.lineTo(x + dx, y + h);
    c.moveTo(x + w - dx, y); c.lineTo(x + w - dx, y + h);
    c.stroke();
  }
}

class DocumentShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dy = h * this.size(0.3);
    const fy = 1.4;
    c.begin();
    c.moveTo(x, y); c.lineTo(x + w, y); c.lineTo(x + w, y + h - dy / 2);
    c.quadTo(x + (w * 3) / 4, y + h - dy * fy, x + w / 2, y + h - dy / 2);
    c.quadTo(x + w / 4, y + h - dy * (1 - fy), x, y + h - dy / 2);
    c.close();
    c.fillAndStroke();
  }
}

class ParallelogramShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dx = Math.min(w / 2, w * this.size(0.2));
    c.begin();
    c.moveTo(x, y + h); c.lineTo(x + dx, y); c.lineTo(x + w, y); c.lineTo(x + w - dx, y + h);
    c.close();
    c.fillAndStroke();
  }
}

class Cylinder3Shape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const dy = Math.min(h / 2, this.size(15));
    this.cylinderBody(c, x, y, w, h, dy);
    c.begin();
    c.moveTo(x, y + dy);
    c.curveTo(x, y + 2 * dy, x + w, y + 2 * dy, x + w, y + dy);
    c.stroke();
  }
}

class UmlActorShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    c.ellipse(x + w / 4, y, w / 2, h / 4);
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    c.moveTo(x + w / 2, y + h / 4); c.lineTo(x + w / 2, y + (2 * h) / 3);
    c.moveTo(x, y + h / 3); c.lineTo(x + w, y + h / 3);
    c.moveTo(x + w / 2, y + (2 * h) / 3); c.lineTo(x, y + h);
    c.moveTo(x + w / 2, y + (2 * h) / 3); c.lineTo(x + w, y + h);
    c.stroke();
  }
}

class NoteShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const s = Math.min(w, h, this.size(30));
    c.begin();
    c.moveTo(x, y); c.lineTo(x + w - s, y); c.lineTo(x + w, y + s); c.lineTo(x + w, y + h); c.lineTo(x, y + h);
    c.close();
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    c.moveTo(x + w - s, y); c.lineTo(x + w - s, y + s); c.lineTo(x + w, y + s);
    c.stroke();
  }
}

class FolderShape extends DrawioShape {
  paintVertexShape(c: AbstractCanvas2D, x: number, y: number, w: number, h: number): void {
    const tw = Math.min(w, this.styleNumber('tabWidth', 60));
    const th = Math.min(h, this.styleNumber('tabHeight', 20));
    c.begin();
    c.moveTo(x, y); c.lineTo(x + tw, y); c.lineTo(x + tw, y + th); c.lineTo(x + w, y + th);
    c.lineTo(x + w, y + h); c.lineTo(x, y + h);
    c.close();
    c.fillAndStroke();
    c.setShadow(false);
    c.begin();
    c.moveTo(x, y + th); c.lineTo(x + tw, y + th);
    c.stroke();
  }
}

let registered = false;

export function registerDrawioShapes(): void {
  if (registered) return;
  registered = true;
  ShapeRegistry.add('label', DrawioLabelShape);
  ShapeRegistry.add('process', ProcessShape);
  ShapeRegistry.add('process2', ProcessShape);
  ShapeRegistry.add('document', DocumentShape);
  ShapeRegistry.add('parallelogram', ParallelogramShape);
  ShapeRegistry.add('cylinder3', Cylinder3Shape);
  ShapeRegistry.add('umlActor', UmlActorShape);
  ShapeRegistry.add('note', NoteShape);
  ShapeRegistry.add('note2', NoteShape);
  ShapeRegistry.add('folder', FolderShape);
  const rectangle = PerimeterRegistry.get('rectanglePerimeter');
  if (rectangle) {
    PerimeterRegistry.add('parallelogramPerimeter', rectangle);
    // draw.io's orthogonalPerimeter (UML activation bars): the rectangle's, always orthogonal, so that a message meets
    // the bar level with the point it comes from instead of aiming at the bar's centre.
    PerimeterRegistry.add('orthogonalPerimeter', ((bounds, vertex, next) => rectangle(bounds, vertex, next, true)) as typeof rectangle);
  }
  registerEagerCodeShapes();
}

/** draw.io's default theme: its defaults and the named styles its files refer to (`ellipse;...`). */
export function applyDrawioStylesheet(stylesheet: Stylesheet): void {
  // shape=label as draw.io's theme: a box that also draws the style's image (draw.io's Edit Image on any box) at
  // imageAlign, imageWidth x imageHeight; without an image it draws as the rectangle.
  Object.assign(stylesheet.getDefaultVertexStyle(), {
    shape: 'label', fontFamily: 'Helvetica', fontSize: 12, fontColor: '#000000', fillColor: '#ffffff', strokeColor: '#000000',
  });
  Object.assign(stylesheet.getDefaultEdgeStyle(), {
    fontFamily: 'Helvetica', fontSize: 11, fontColor: '#000000', strokeColor: '#000000', labelBackgroundColor: '#ffffff', endArrow: 'classic',
  });
  const named: Record<string, Record<string, unknown>> = {
    text: { fillColor: 'none', strokeColor: 'none', gradientColor: 'none', align: 'left', verticalAlign: 'top' },
    edgeLabel: { fillColor: 'none', strokeColor: 'none', gradientColor: 'none', align: 'left', verticalAlign: 'top', labelBackgroundColor: '#ffffff', fontSize: 11 },
    label: { fontStyle: 1, align: 'left', verticalAlign: 'middle', spacing: 2, spacingLeft: 52, imageWidth: 42, imageHeight: 42, rounded: 1 },
    icon: { shape: 'label', align: 'center', verticalAlign: 'top', verticalLabelPosition: 'bottom', imageAlign: 'center', imageVerticalAlign: 'top', fillColor: 'none', strokeColor: 'none', imageWidth: 48, imageHeight: 48 },
    swimlane: { shape: 'swimlane', fontSize: 12, fontStyle: 1, startSize: 23, childLayout: undefined },
    group: { verticalAlign: 'top', fillColor: 'none', strokeColor: 'none', gradientColor: 'none', pointerEvents: 0 },
    ellipse: { shape: 'ellipse', perimeter: 'ellipsePerimeter' },
    rhombus: { shape: 'rhombus', perimeter: 'rhombusPerimeter' },
    triangle: { shape: 'triangle', perimeter: 'trianglePerimeter' },
    line: { shape: 'line', strokeWidth: 4, labelBackgroundColor: '#ffffff', verticalAlign: 'top', spacingTop: 8 },
    image: { shape: 'image', labelBackgroundColor: '#ffffff', verticalAlign: 'top', verticalLabelPosition: 'bottom' },
    rounded: { rounded: 1 },
    roundImage: { shape: 'image', labelBackgroundColor: '#ffffff', verticalAlign: 'top', verticalLabelPosition: 'bottom', perimeter: 'ellipsePerimeter' },
    rhombusImage: { shape: 'image', labelBackgroundColor: '#ffffff', verticalAlign: 'top', verticalLabelPosition: 'bottom', perimeter: 'rhombusPerimeter' },
    arrow: { shape: 'arrow', edgeStyle: 'none', fillColor: '#ffffff' },
    fancy: { shadow: 1, glass: 1 },
  };
  // draw.io's colour themes: `blue;` and the others are glossy (shadow and glass), `plain-blue;` flat, both a gradient.
  const colours: Record<string, [string, string, string]> = {
    gray: ['#F5F5F5', '#B3B3B3', '#666666'], blue: ['#DAE8FC', '#7EA6E0', '#6C8EBF'], green: ['#D5E8D4', '#97D077', '#82B366'],
    turquoise: ['#D5E8D4', '#67AB9F', '#6A9153'], yellow: ['#FFF2CC', '#FFD966', '#D6B656'], orange: ['#FFCD28', '#FFA500', '#D79B00'],
    red: ['#F8CECC', '#EA6B66', '#B85450'], pink: ['#E6D0DE', '#B5739D', '#996185'], purple: ['#E1D5E7', '#8C6C9C', '#9673A6'],
  };
  for (const [name, [fillColor, gradientColor, strokeColor]] of Object.entries(colours)) {
    named[name] = { ...named.fancy, fillColor, gradientColor, strokeColor };
    named[`plain-${name}`] = { fillColor, gradientColor, strokeColor };
  }
  for (const [name, style] of Object.entries(named)) {
    for (const key of Object.keys(style)) if (style[key] === undefined) delete style[key];
    stylesheet.putCellStyle(name, style as never);
  }
}

const svg = (body: string, size: number) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`)}`;

/** Images maxGraph's handlers draw, bundled as data URIs (the CSP allows no other image source). */
export const editorImages = {
  point: svg('<path d="M1 1L6 6M6 1L1 6" stroke="#1d7afc" stroke-width="1.5"/>', 7),
  connect: svg('<circle cx="8" cy="8" r="7" fill="#1d7afc" fill-opacity="0.85"/><path d="M4 8h7M8.5 5l3 3-3 3" stroke="#fff" stroke-width="1.6" fill="none"/>', 16),
  collapsed: svg('<rect x="0.5" y="0.5" width="8" height="8" fill="#fff" stroke="#44546f"/><path d="M2 4.5h5M4.5 2v5" stroke="#44546f"/>', 9),
  expanded: svg('<rect x="0.5" y="0.5" width="8" height="8" fill="#fff" stroke="#44546f"/><path d="M2 4.5h5" stroke="#44546f"/>', 9),
};

// draw.io's arrow kinds that maxGraph does not ship: the ER crow's-foot family (ERone, ERmandOne, ERmany,
// ERoneToMany, ERzeroToOne, ERzeroToMany), and dash, cross, circle, circlePlus, halfCircle, doubleBlock, box, async,
// openAsync, baseDash. Each honours startSize/endSize and startFill/endFill as maxGraph's own markers do. Drawn from
// what draw.io's markers look like: a marker is laid out along the edge's last segment, `along` measured back from
// the end point, `across` to its left.
import { EdgeMarkerRegistry, type AbstractCanvas2D, type MarkerFactoryFunction, type Point } from '@maxgraph/core';

/** Maps (along, across) in marker units to canvas coordinates. */
type Frame = (along: number, across: number) => [number, number];

function frameAt(end: Point, unitX: number, unitY: number, unit: number): Frame {
  const x = end.x;
  const y = end.y;
  return (along, across) => [x - unitX * along * unit - unitY * across * unit, y - unitY * along * unit + unitX * across * unit];
}

function line(c: AbstractCanvas2D, f: Frame, ...points: Array<[number, number]>): void {
  const [first, ...rest] = points.map(([a, b]) => f(a, b));
  c.moveTo(first[0], first[1]);
  for (const [x, y] of rest) c.lineTo(x, y);
}

/** Paints the current path filled (with the marker's fill colour, or `fill` when given) or stroked only. */
function finish(c: AbstractCanvas2D, filled: boolean, fill?: string): void {
  if (!filled) {
    c.stroke();
    return;
  }
  if (fill) c.setFillColor(fill);
  c.fillAndStroke();
}

function circle(c: AbstractCanvas2D, f: Frame, along: number, radius: number, unit: number): void {
  const [cx, cy] = f(along, 0);
  c.ellipse(cx - radius * unit, cy - radius * unit, 2 * radius * unit, 2 * radius * unit);
}

/**
 * A marker whose edge line ends `inset` units before the end point; `paint` draws it in a frame whose unit is
 * the marker size plus the stroke width (plus `grow`: draw.io's ER markers are one pixel larger).
 */
function marker(inset: number, paint: (c: AbstractCanvas2D, f: Frame, filled: boolean, unit: number) => void, grow = 0): MarkerFactoryFunction {
  return (c, _shape, _type, pe, unitX, unitY, size, _source, sw, filled) => {
    const unit = size + sw + grow;
    const f = frameAt(pe.clone(), unitX, unitY, unit);
    pe.x -= unitX * inset * unit;
    pe.y -= unitY * inset * unit;
    return () => {
      c.begin();
      paint(c, f, filled, unit);
    };
  };
}

const bar = (along: number): Array<[number, number]> => [[along, -0.5], [along, 0.5]];
/** The three toes of a crow's foot, meeting on the edge one unit back from the end. */
const crowsFoot = (c: AbstractCanvas2D, f: Frame) => {
  line(c, f, [0, -0.5], [1, 0], [0, 0.5]);
  line(c, f, [0, 0], [1, 0]);
};
/** An ER circle: hollow (the page's white behind it) unless the edge says fill with a colour of its own. */
const erCircle = (c: AbstractCanvas2D, f: Frame, along: number, unit: number) => {
  circle(c, f, along, 0.5, unit);
  finish(c, true, '#ffffff');
};

const markers: Record<string, MarkerFactoryFunction> = {
  ERone: marker(0, (c, f) => {
    line(c, f, ...bar(1));
    c.stroke();
  }, 1),
  ERmandOne: marker(0, (c, f) => {
    line(c, f, ...bar(0.5));
    line(c, f, ...bar(1));
    c.stroke();
  }, 1),
  ERmany: marker(0, (c, f) => {
    crowsFoot(c, f);
    c.stroke();
  }, 1),
  ERoneToMany: marker(0, (c, f) => {
    crowsFoot(c, f);
    line(c, f, ...bar(1.5));
    c.stroke();
  }, 1),
  ERzeroToOne: marker(2, (c, f, _filled, unit) => {
    line(c, f, ...bar(0.5));
    line(c, f, [0, 0], [1, 0]);
    c.stroke();
    c.begin();
    erCircle(c, f, 1.5, unit);
  }, 1),
  ERzeroToMany: marker(2, (c, f, _filled, unit) => {
    crowsFoot(c, f);
    c.stroke();
    c.begin();
    erCircle(c, f, 1.5, unit);
  }, 1),
  dash: marker(0, (c, f) => {
    line(c, f, [0.75, -0.5], [0.25, 0.5]);
    c.stroke();
  }),
  baseDash: marker(0, (c, f) => {
    line(c, f, ...bar(0));
    c.stroke();
  }),
  cross: marker(0, (c, f) => {
    line(c, f, [0.25, -0.5], [0.75, 0.5]);
    line(c, f, [0.75, -0.5], [0.25, 0.5]);
    c.stroke();
  }),
  circle: marker(1, (c, f, filled, unit) => {
    circle(c, f, 0.5, 0.5, unit);
    finish(c, filled);
  }),
  circlePlus: marker(1, (c, f, _filled, unit) => {
    circle(c, f, 0.5, 0.5, unit);
    finish(c, true, '#ffffff');
    c.begin();
    line(c, f, [0, 0], [1, 0]);
    line(c, f, ...bar(0.5));
    c.stroke();
  }),
  halfCircle: marker(0.5, (c, f) => {
    // A socket: a half circle (as a cubic) bulging back along the edge, open towards the end point.
    const k = 2 / 3;
    line(c, f, [0, -0.5]);
    c.curveTo(...f(k, -0.5), ...f(k, 0.5), ...f(0, 0.5));
    c.stroke();
  }),
  box: marker(1, (c, f, filled) => {
    line(c, f, [0, -0.5], [1, -0.5], [1, 0.5], [0, 0.5]);
    c.close();
    finish(c, filled);
  }),
  doubleBlock: marker(2, (c, f, filled) => {
    line(c, f, [0, 0], [1, -0.5], [1, 0.5]);
    c.close();
    line(c, f, [1, 0], [2, -0.5], [2, 0.5]);
    c.close();
    finish(c, filled);
  }),
  async: marker(1, (c, f, filled) => {
    line(c, f, [0, 0], [1, 0.5], [1, 0]);
    c.close();
    finish(c, filled);
  }),
  openAsync: marker(0, (c, f) => {
    line(c, f, [0, 0], [1, 0.5]);
    c.stroke();
  }),
};

let registered = false;

/** Adds the markers to maxGraph's registry (once; maxGraph's own names are left alone). */
export function registerDrawioMarkers(): void {
  if (registered) return;
  registered = true;
  for (const [name, factory] of Object.entries(markers)) EdgeMarkerRegistry.add(name, factory);
}

/** The marker names this file adds (tests and the editor's arrow menu can list them). */
export const drawioMarkerNames = Object.keys(markers);

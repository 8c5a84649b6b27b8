// What drew each cell: the test surface's answer to "is this shape drawn by its own code or stencil, or did it fall
// back to maxGraph's rectangle?", with the SVG elements the drawing is made of.
import { ShapeRegistry, type Graph } from '@maxgraph/core';
import { drawnCells } from './graph';

export interface DrawnShape {
  id: string;
  /** The style's shape name ('' when the style names none). */
  shape: string;
  /** 'stencil', 'registered' (the shape registered under that name drew it) or 'fallback'. */
  drawnBy: string;
  /** Tag names of the SVG elements the shape drew, in document order. */
  elements: string[];
  /**
   * The straight lines the shape drew (each path of one move and one line), as [x1, y1, x2, y2] from the cell's top
   * left corner in the diagram's units, to one decimal.
   */
  lines: number[][];
}

export function drawnShapes(graph: Graph): DrawnShape[] {
  return drawnCells(graph).flatMap((cell) => {
    const state = graph.view.getState(cell);
    if (!state?.shape) return [];
    const shape = String(state.style?.shape ?? '');
    const registered = shape === '' ? undefined : ShapeRegistry.get(shape);
    const drawnBy = state.shape.stencil ? 'stencil' : registered && state.shape.constructor === registered ? 'registered' : 'fallback';
    const elements = Array.from(state.shape.node?.querySelectorAll('*') ?? [], (e) => e.tagName.toLowerCase());
    const scale = graph.view.scale;
    const lines = Array.from(state.shape.node?.querySelectorAll('path') ?? [], (p) => straightLine(p.getAttribute('d') ?? '')).flatMap((l) =>
      l ? [l.map((v, i) => Math.round(((v - (i % 2 === 0 ? state.x : state.y)) / scale) * 10) / 10)] : [],
    );
    return [{ id: String(cell.getId()), shape, drawnBy, elements, lines }];
  });
}

const oneLine = /^\s*M\s*(-?[0-9.]+)[ ,]+(-?[0-9.]+)\s*L\s*(-?[0-9.]+)[ ,]+(-?[0-9.]+)\s*$/;

/** A path's d attribute as [x1, y1, x2, y2] when it is one move and one line, else null. */
function straightLine(d: string): number[] | null {
  const match = oneLine.exec(d);
  return match ? match.slice(1).map(Number) : null;
}

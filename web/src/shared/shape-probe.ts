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
}

export function drawnShapes(graph: Graph): DrawnShape[] {
  return drawnCells(graph).flatMap((cell) => {
    const state = graph.view.getState(cell);
    if (!state?.shape) return [];
    const shape = String(state.style?.shape ?? '');
    const registered = shape === '' ? undefined : ShapeRegistry.get(shape);
    const drawnBy = state.shape.stencil ? 'stencil' : registered && state.shape.constructor === registered ? 'registered' : 'fallback';
    const elements = Array.from(state.shape.node?.querySelectorAll('*') ?? [], (e) => e.tagName.toLowerCase());
    return [{ id: String(cell.getId()), shape, drawnBy, elements }];
  });
}

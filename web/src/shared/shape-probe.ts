// What drew a cell: the test surface's answer to "is this shape drawn by its own code or stencil, or did it fall back?".
import { ShapeRegistry, type Graph } from '@maxgraph/core';

/**
 * 'stencil' when a stencil drew the cell, the style's shape name when the shape registered under that name drew it,
 * 'fallback' when the style names a shape nothing is registered for, '' for no shape (cell not drawn or no shape key).
 */
export function shapeOf(graph: Graph, id: string): string {
  const cell = graph.getDataModel().getCell(id);
  const state = cell ? graph.view.getState(cell) : null;
  const name = String(state?.style?.shape ?? '');
  if (!state?.shape || name === '') return '';
  if (state.shape.stencil) return 'stencil';
  const registered = ShapeRegistry.get(name);
  return registered && state.shape.constructor === registered ? name : 'fallback';
}

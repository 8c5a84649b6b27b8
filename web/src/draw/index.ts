// What the shared drawing code (shared/graph.ts drawLikeDrawio) adds from web/src/draw: draw.io's markers, edge
// styles, line jumps, label spacing, shadows and the page shadow, on any graph (viewer, editor, PDF render page).
import { ShapeRegistry, type AbstractGraph } from '@maxgraph/core';
import { DrawioConnectorShape, keepJumpsCurrent } from './connector';
import { registerDrawioEdgeStyles } from './edge-styles';
import { drawLabelsAndShadowsLikeDrawio } from './labels';
import { registerDrawioMarkers } from './markers';
import { installPageShadow } from './page-style';

export function drawStylesLikeDrawio(graph: AbstractGraph): void {
  registerDrawioMarkers();
  registerDrawioEdgeStyles();
  ShapeRegistry.add('connector', DrawioConnectorShape);
  graph.cellRenderer.defaultEdgeShape = DrawioConnectorShape;
  keepJumpsCurrent(graph);
  drawLabelsAndShadowsLikeDrawio(graph);
  installPageShadow(graph);
}

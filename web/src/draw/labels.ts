// Label placement and shadows as draw.io draws them. draw.io adds 5 px above a top-aligned label and 1 px below a
// bottom-aligned one (its mxText baseSpacingTop/baseSpacingBottom, kept from mxGraph 1.x); maxGraph adds none, so
// top-aligned labels sat 5 px higher. Shadows: draw.io's are black at 25 % opacity, offset 2, 3 (maxGraph: grey, opaque).
import { StyleDefaultsConfig, TextShape, type AbstractGraph } from '@maxgraph/core';

export const drawioLabelSpacing = { top: 5, bottom: 1 };
export const drawioShadow = { color: '#000000', opacity: 0.25, offsetX: 2, offsetY: 3 };

export class DrawioTextShape extends TextShape {
  constructor(...args: ConstructorParameters<typeof TextShape>) {
    super(...args);
    this.baseSpacingTop = drawioLabelSpacing.top;
    this.baseSpacingBottom = drawioLabelSpacing.bottom;
  }
}

/** Labels through DrawioTextShape on `graph`, and draw.io's shadow for every graph (maxGraph's setting is global). */
export function drawLabelsAndShadowsLikeDrawio(graph: AbstractGraph): void {
  graph.cellRenderer.defaultTextShape = DrawioTextShape;
  StyleDefaultsConfig.shadowColor = drawioShadow.color;
  StyleDefaultsConfig.shadowOpacity = drawioShadow.opacity;
  StyleDefaultsConfig.shadowOffsetX = drawioShadow.offsetX;
  StyleDefaultsConfig.shadowOffsetY = drawioShadow.offsetY;
}

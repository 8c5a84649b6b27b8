// Label placement and shadows as draw.io draws them. draw.io adds 5 px above a top-aligned label and 1 px below a
// bottom-aligned one (its mxText baseSpacingTop/baseSpacingBottom, kept from mxGraph 1.x); maxGraph adds none, so
// top-aligned labels sat 5 px higher. Shadows: draw.io's are black at 25 % opacity, offset 2, 3 (maxGraph: grey, opaque).
// A font draw.io's menu names is followed by its generic family: where that font is not installed (Verdana, Tahoma or
// Georgia on Linux, as on the PDF converter), Chromium would otherwise fall back to its serif default.
import { StyleDefaultsConfig, TextShape, type AbstractGraph, type CellState } from '@maxgraph/core';

export const drawioLabelSpacing = { top: 5, bottom: 1 };
export const drawioShadow = { color: '#000000', opacity: 0.25, offsetX: 2, offsetY: 3 };

export class DrawioTextShape extends TextShape {
  constructor(...args: ConstructorParameters<typeof TextShape>) {
    super(...args);
    this.baseSpacingTop = drawioLabelSpacing.top;
    this.baseSpacingBottom = drawioLabelSpacing.bottom;
  }

  apply(state: CellState): void {
    super.apply(state);
    this.family = withGenericFamily(this.family);
  }
}

const genericFamilies: Record<string, string> = {
  helvetica: 'sans-serif', arial: 'sans-serif', verdana: 'sans-serif', tahoma: 'sans-serif', 'trebuchet ms': 'sans-serif',
  'segoe ui': 'sans-serif', calibri: 'sans-serif', 'lucida grande': 'sans-serif', geneva: 'sans-serif',
  'times new roman': 'serif', times: 'serif', georgia: 'serif', garamond: 'serif', palatino: 'serif', cambria: 'serif',
  'courier new': 'monospace', courier: 'monospace', 'lucida console': 'monospace', consolas: 'monospace', monaco: 'monospace',
  'comic sans ms': 'cursive',
};

/** `family` with its generic family after it when it is one font we know ("Verdana" becomes "Verdana, sans-serif"). */
export function withGenericFamily(family: string): string {
  const generic = typeof family === 'string' ? genericFamilies[family.trim().toLowerCase()] : undefined;
  return generic ? `${family.trim()}, ${generic}` : family;
}

/** Labels through DrawioTextShape on `graph`, and draw.io's shadow for every graph (maxGraph's setting is global). */
export function drawLabelsAndShadowsLikeDrawio(graph: AbstractGraph): void {
  graph.cellRenderer.defaultTextShape = DrawioTextShape;
  StyleDefaultsConfig.shadowColor = drawioShadow.color;
  StyleDefaultsConfig.shadowOpacity = drawioShadow.opacity;
  StyleDefaultsConfig.shadowOffsetX = drawioShadow.offsetX;
  StyleDefaultsConfig.shadowOffsetY = drawioShadow.offsetY;
}

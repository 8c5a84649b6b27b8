// A page's own style, read from its <mxGraphModel> attributes: the `background` colour draw.io paints behind the page
// and `shadow="1"`, which draws every cell of the page with a shadow. Viewer, editor and PDF render page share it.
import type { AbstractGraph, CellStateStyle } from '@maxgraph/core';

export interface PageStyle {
  /** A CSS colour, or null when the page has none (transparent, or white where a sheet needs one). */
  background: string | null;
  shadow: boolean;
}

const noStyle: PageStyle = { background: null, shadow: false };
const styles = new WeakMap<AbstractGraph, PageStyle>();
const safeColour = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,20})$/i;

/** The page style written in `attributes` (an <mxGraphModel>'s); anything but a plain colour is ignored. */
export function readPageStyle(attributes: Record<string, string | null | undefined>): PageStyle {
  const background = (attributes.background ?? '').trim();
  return {
    background: safeColour.test(background) && background.toLowerCase() !== 'none' ? background : null,
    shadow: attributes.shadow === '1',
  };
}

/** The attributes of an <mxGraphModel> element, by name. */
export function attributesOf(element: Element): Record<string, string> {
  const result: Record<string, string> = {};
  for (const attr of Array.from(element.attributes)) result[attr.name] = attr.value;
  return result;
}

/** Shows `style` on `graph`: its container takes the background, and the cells are drawn again for the shadow. */
export function applyPageStyle(graph: AbstractGraph, style: PageStyle): void {
  const before = styles.get(graph) ?? noStyle;
  styles.set(graph, style);
  if (graph.container) graph.container.style.backgroundColor = style.background ?? '';
  if (before.shadow !== style.shadow) graph.refresh();
}

export function pageStyleOf(graph: AbstractGraph): PageStyle {
  return styles.get(graph) ?? noStyle;
}

/** Makes `graph` draw a shadow under every cell while its page says shadow="1" (a cell's own shadow=0 still wins). */
export function installPageShadow(graph: AbstractGraph): void {
  const postProcess = graph.postProcessCellStyle.bind(graph);
  graph.postProcessCellStyle = (style: CellStateStyle) => {
    const result = postProcess(style);
    if (pageStyleOf(graph).shadow && (result as Record<string, unknown>).shadow === undefined) result.shadow = true;
    return result;
  };
}

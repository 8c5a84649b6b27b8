// What part of the page the canvas shows. draw.io files often use negative coordinates, and maxGraph's scroll area
// starts at the view's origin: a shape left of or above it could be neither seen nor scrolled to. Fit and the first
// view of a page place the whole drawing on the canvas, and keepReachable shifts the view whenever the drawing
// reaches past the origin (scrolling by as much, so nothing moves on screen).
import { InternalEvent, type Graph } from '@maxgraph/core';

const margin = 20;
const maxFitScale = 2;
const minFitScale = 0.1;

/** Fits the whole drawing into the canvas (at most 200%), from its own top-left; an empty page is shown at actual size. */
export function zoomToFit(graph: Graph): void {
  const view = graph.getView();
  const container = graph.getContainer();
  const bounds = graph.getGraphBounds();
  const empty = (graph.getDataModel().getRoot()?.getChildren() ?? []).every((layer) => layer.getChildCount() === 0);
  if (empty || !(bounds.width > 0 && bounds.height > 0)) {
    graph.zoomActual();
    return;
  }
  // The drawing's box in page coordinates (getGraphBounds is in screen pixels, with the view's translate).
  const { scale, translate } = view;
  const [x, y, width, height] = [bounds.x / scale - translate.x, bounds.y / scale - translate.y, bounds.width / scale, bounds.height / scale];
  const fit = Math.min((container.clientWidth - 2 * margin) / width, (container.clientHeight - 2 * margin) / height);
  const next = Math.max(minFitScale, Math.min(maxFitScale, fit));
  view.scaleAndTranslate(next, margin / next - x, margin / next - y);
  container.scrollLeft = 0;
  container.scrollTop = 0;
}

/** A page just opened: at actual size from its top-left when it fits the canvas, otherwise fitted. */
export function showContent(graph: Graph): void {
  const view = graph.getView();
  const container = graph.getContainer();
  view.scaleAndTranslate(1, 0, 0);
  const bounds = graph.getGraphBounds();
  if (bounds.width > container.clientWidth - 2 * margin || bounds.height > container.clientHeight - 2 * margin) {
    zoomToFit(graph);
    return;
  }
  if (bounds.width > 0 && (bounds.x < margin || bounds.y < margin)) {
    view.setTranslate(Math.max(0, margin - bounds.x), Math.max(0, margin - bounds.y));
  }
  container.scrollLeft = 0;
  container.scrollTop = 0;
}

/** After every zoom, pan or edit: a drawing that reaches left of or above the scroll area's origin is shifted back into it. */
export function keepReachable(graph: Graph): void {
  let shifting = false;
  const check = () => {
    const bounds = graph.getGraphBounds();
    if (shifting || !(bounds.width > 0 || bounds.height > 0) || (bounds.x >= 0 && bounds.y >= 0)) return;
    const view = graph.getView();
    const container = graph.getContainer();
    const dx = bounds.x < 0 ? margin - bounds.x : 0;
    const dy = bounds.y < 0 ? margin - bounds.y : 0;
    shifting = true;
    try {
      view.setTranslate(view.translate.x + dx / view.scale, view.translate.y + dy / view.scale);
      container.scrollLeft += dx;
      container.scrollTop += dy;
    } finally {
      shifting = false;
    }
  };
  const view = graph.getView();
  for (const event of [InternalEvent.SCALE, InternalEvent.TRANSLATE, InternalEvent.SCALE_AND_TRANSLATE]) view.addListener(event, check);
  graph.getDataModel().addListener(InternalEvent.CHANGE, check);
}

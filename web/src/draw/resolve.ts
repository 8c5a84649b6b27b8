// Which shape a cell's style names and whether we can draw it: maxGraph's ShapeRegistry (its shapes and the ones
// draw.io defines in code, registered by this codebase) or a stencil in StencilShapeRegistry (draw.io's libraries,
// loaded on demand, and embedded stencil(...) styles). A shape that resolves to nothing is drawn as an outline with
// its label, never filled (a black fillColor on an unknown shape would paint a block over the diagram). draw.io's
// bundled img/lib/ icons a style's image names are loaded the same way, before drawing and after changes.
import { InternalEvent, RectangleShape, ShapeRegistry, StencilShapeRegistry, type AbstractGraph, type Cell, type CellStateStyle, type EventObject } from '@maxgraph/core';
import { isEmbeddedStencil } from './stencils/embedded';
import { namesInModel, stencilNamesOf, valuesInModel } from './stencils/names';
import { ensureStencils } from './stencils/registry';
import { ensureCodeShapes } from './shapes/catalog';
import { addIcon, iconUri, isIconPath } from './icons/names';
import { fetchGzipped } from './stencils/assets';

/** `name` is a shape or stencil we can draw. */
export const isDrawable = (name: string): boolean => ShapeRegistry.get(name) !== null || StencilShapeRegistry.get(name) !== null;

/** draw.io files also write `shape=rect`, which draw.io draws as its default rectangle. */
export function registerShapeAliases(): void {
  if (ShapeRegistry.get('rect') === null) ShapeRegistry.add('rect', RectangleShape);
}

/** How a name reads in reports: an embedded stencil without its data. */
const shortName = (name: string): string => (isEmbeddedStencil(name) ? 'stencil(…)' : name);

/** The names in a computed style that must resolve: the shape, and the icon stencils some code shapes draw. */
function namesIn(style: CellStateStyle): string[] {
  return stencilNamesOf(style as Record<string, unknown>);
}

/** A computed style whose shape resolves to nothing drawn as an outline: no fill, and a stroke even if it had none. */
export function outlineUnresolved(style: CellStateStyle): void {
  const shape = style.shape;
  if (typeof shape !== 'string' || shape === '' || isDrawable(shape)) return;
  style.fillColor = 'none';
  delete style.gradientColor;
  if (!style.strokeColor || style.strokeColor === 'none') style.strokeColor = '#808080';
}

/** The cell's own image when it points into draw.io's img/lib/ and is not drawn yet (the computed style drops it until then). */
function missingIconOf(cell: Cell): string | null {
  const image = (cell.style as Record<string, unknown> | null | undefined)?.image;
  return typeof image === 'string' && isIconPath(image) && iconUri(image) === undefined ? image : null;
}

/** Loads the icons among `images` (style values under img/lib/), with the icon code fetched only then. Never rejects. */
function loadIcons(images: Set<string>): Promise<void> {
  const wanted = Array.from(images).filter((image) => iconUri(image) === undefined);
  if (wanted.length === 0) return Promise.resolve();
  return import('./icons/load').then(async (m) => {
    const found = await m.readIcons(wanted, (file, maxBytes, maxChars) => fetchGzipped('icons', file, maxBytes, maxChars));
    for (const [image, uri] of found) addIcon(image, uri);
  }, () => undefined);
}

/**
 * Per name (embedded stencils as "stencil(…)"), how many cells of the graph name a shape or icon that resolves to
 * nothing; an img/lib/ image not drawn (unknown, refused or not loaded) counts under its path.
 */
export function unresolvedShapes(graph: AbstractGraph): Record<string, number> {
  const counts: Record<string, number> = {};
  const visit = (cell: Cell, depth: number) => {
    for (const child of cell.getChildren()) {
      if ((child.isVertex() || child.isEdge()) && depth > 0) {
        for (const name of namesIn(graph.getCellStyle(child))) {
          if (isDrawable(name)) continue;
          const key = shortName(name);
          counts[key] = (counts[key] ?? 0) + 1;
        }
        const icon = missingIconOf(child)?.slice(0, 200);
        if (icon !== undefined) counts[icon] = (counts[icon] ?? 0) + 1;
      }
      if (depth < 100) visit(child, depth + 1);
    }
  };
  const root = graph.getDataModel().getRoot();
  if (root) visit(root, 0);
  return counts;
}

/** The code shapes, then the stencils, among `names` that are not drawable yet (code shapes first: some share a library's prefix). */
async function ensureShapes(names: Set<string>): Promise<void> {
  await ensureCodeShapes(names);
  await ensureStencils(names, isDrawable);
}

/** Loads the code shapes, stencils and img/lib/ icons the pages' XML names (before they are drawn, so the first drawing has them). */
export async function prepareStencils(models: string[]): Promise<void> {
  const names = new Set<string>();
  const icons = new Set<string>();
  for (const model of models) {
    for (const name of namesInModel(model)) names.add(name);
    for (const image of valuesInModel(model, ['image'])) if (isIconPath(image)) icons.add(image);
  }
  await Promise.all([ensureShapes(names), loadIcons(icons)]);
}

/**
 * Keeps an editable graph's code shapes, stencils and img/lib/ icons loaded: after each model change, those its changed
 * cells name are loaded and the graph redrawn. Answers a function that settles when the loads started so far are done.
 */
export function watchStencils(graph: AbstractGraph): () => Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  graph.getDataModel().addListener(InternalEvent.CHANGE, (_sender: unknown, evt: EventObject) => {
    const names = new Set<string>();
    const icons = new Set<string>();
    const cells: Cell[] = [];
    const visit = (cell: Cell | null | undefined, depth: number) => {
      if (!cell || depth > 100) return;
      const missing = namesIn(graph.getCellStyle(cell)).filter((name) => !isDrawable(name));
      const icon = missingIconOf(cell);
      if (icon !== null) icons.add(icon);
      if (missing.length > 0 || icon !== null) cells.push(cell);
      for (const name of missing) names.add(name);
      for (const child of cell.getChildren()) visit(child, depth + 1);
    };
    const changes = (evt.getProperty('edit')?.changes ?? []) as Array<Record<string, Cell | undefined>>;
    for (const change of changes) visit(change.child ?? change.cell ?? change.root, 0);
    if (names.size === 0 && icons.size === 0) return;
    pending = pending.then(() => Promise.all([ensureShapes(names), loadIcons(icons)])).then(() => {
      if (!Array.from(names).some(isDrawable) && !Array.from(icons).some((image) => iconUri(image) !== undefined)) return;
      // The cells keep their shape name, so maxGraph would keep the outline it drew: drop their states first.
      for (const cell of cells) graph.getView().clear(cell, false, false);
      graph.refresh();
    });
  });
  return () => pending;
}

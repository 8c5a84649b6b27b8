// A page's layers as draw.io keeps them: the root's children, drawn in model order (the last on top), hidden with the
// cell's visible="0" and locked with the style's locked=1 (arrange.ts locks what is on a locked layer). Every change is
// a model edit, so it is one undo step of the page and a save writes it as draw.io does. The current layer (the
// graph's default parent) is where new shapes go; it falls back to the top layer when it is no longer on the page.
import { Cell, type Graph } from '@maxgraph/core';
import { withStyle } from './styles';

export const maxLayers = 100;
const maxNameLength = 200;

/** The page's layers, bottom first (model order). */
export function layersOf(graph: Graph): Cell[] {
  return graph.getDataModel().getRoot()?.getChildren() ?? [];
}

/** draw.io names an unnamed layer "Background". */
export function layerName(layer: Cell): string {
  const value = layer.value == null ? '' : String(layer.value);
  return value.trim() === '' ? 'Background' : value;
}

/** maxGraph reads visible="0" as the number 0. */
export const isShown = (layer: Cell): boolean => Boolean(layer.isVisible());

export const isLayerLocked = (layer: Cell): boolean => String((layer.style as Record<string, unknown> | null)?.locked ?? '') === '1';

/** The layer a cell is on (the root's child above it), or null for the root itself. */
export function layerOf(cell: Cell): Cell | null {
  let current: Cell | null = cell;
  while (current?.getParent() && current.getParent()!.getParent()) current = current.getParent();
  return current?.getParent() ? current : null;
}

/** Keeps the current layer on the page: after a page switch, a delete or an undo the graph falls back to the top layer. */
export function installCurrentLayer(graph: Graph): void {
  const getDefaultParent = graph.getDefaultParent.bind(graph);
  graph.getDefaultParent = () => {
    const layers = layersOf(graph);
    const chosen = graph.defaultParent;
    if (chosen && layers.includes(chosen)) return chosen;
    return layers[layers.length - 1] ?? getDefaultParent();
  };
}

export interface Layers {
  add(): Cell | null;
  rename(layer: Cell, name: string): void;
  remove(layer: Cell): void;
  /** Moves a layer up (towards the top, +1) or down (-1) in the drawing order. */
  move(layer: Cell, by: 1 | -1): void;
  setVisible(layer: Cell, visible: boolean): void;
  setLocked(layer: Cell, locked: boolean): void;
  /** Moves the selected shapes (those on the page's layers) onto `layer`; answers how many moved. */
  moveSelection(layer: Cell): number;
  current(): Cell;
  setCurrent(layer: Cell): void;
  /** Shows the hidden layers the cells are on, as one undo step; answers their names. */
  reveal(cells: Cell[]): string[];
}

export function createLayers(graph: Graph): Layers {
  const model = graph.getDataModel();
  return {
    add: () => {
      const root = model.getRoot();
      const layers = layersOf(graph);
      if (!root || layers.length >= maxLayers) return null;
      const names = new Set(layers.map(layerName));
      let n = layers.length + 1;
      while (names.has(`Layer ${n}`)) n++;
      const layer = new Cell(`Layer ${n}`);
      model.add(root, layer);
      graph.setDefaultParent(layer);
      return layer;
    },
    rename: (layer, name) => {
      const trimmed = name.trim().slice(0, maxNameLength);
      if (trimmed && trimmed !== layerName(layer)) model.setValue(layer, trimmed);
    },
    remove: (layer) => {
      if (layersOf(graph).length <= 1) return;
      // The model's own removal (not graph.removeCells): a locked layer's cells are not "deletable", but the layer goes.
      graph.batchUpdate(() => graph.cellsRemoved(graph.addAllEdges([layer])));
    },
    move: (layer, by) => {
      const root = model.getRoot();
      const index = layersOf(graph).indexOf(layer);
      const to = index + by;
      if (!root || index < 0 || to < 0 || to >= layersOf(graph).length) return;
      model.add(root, layer, to);
    },
    setVisible: (layer, visible) => { if (isShown(layer) !== visible) model.setVisible(layer, visible); },
    setLocked: (layer, locked) => {
      if (isLayerLocked(layer) !== locked) model.setStyle(layer, withStyle(layer.style, { locked: locked ? 1 : undefined }));
    },
    moveSelection: (layer) => {
      // Shapes directly on a layer (a group's children move with their group).
      const root = model.getRoot();
      const cells = graph.getSelectionCells().filter((c) => c.getParent()?.getParent() === root && c.getParent() !== layer);
      if (!cells.length) return 0;
      graph.moveCells(cells, 0, 0, false, layer);
      return cells.length;
    },
    current: () => graph.getDefaultParent(),
    setCurrent: (layer) => graph.setDefaultParent(layer),
    reveal: (cells) => {
      const hidden = [...new Set(cells.map(layerOf).filter((l): l is Cell => l !== null && !isShown(l)))];
      if (hidden.length) graph.batchUpdate(() => { for (const layer of hidden) model.setVisible(layer, true); });
      return hidden.map(layerName);
    },
  };
}

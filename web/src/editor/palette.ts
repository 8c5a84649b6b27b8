// The shape palette: click adds a shape at a free spot in view, drag-and-drop adds it where dropped
// (inside a container or swimlane when dropped on one). The image item reads a local file into a
// data URI; nothing is fetched.
import { gestureUtils, type AbstractGraph, type Cell } from '@maxgraph/core';
import { imageItemId, imageStyle, paletteSections, type PaletteItem } from './palette-items';
import { parseStyle } from './styles';
import { el } from './dom';

export interface PaletteHost {
  graph: AbstractGraph;
  setStatus(text: string, kind?: 'info' | 'error'): void;
}

const imageTypes = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/;
const maxImageBytes = 5 * 1024 * 1024;

export function createPalette(host: PaletteHost): HTMLElement {
  const root = el('aside', { className: 'de-palette', 'data-testid': 'palette' });
  const fileInput = el('input', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml', hidden: true, 'data-testid': 'palette-image-file' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void insertImageFile(host, file);
  });
  root.appendChild(fileInput);
  for (const section of paletteSections) {
    root.appendChild(el('h3', { className: 'de-palette-title', textContent: section.title }));
    const grid = el('div', { className: 'de-palette-grid' });
    for (const item of section.items) {
      const button = el('button', { type: 'button', className: 'de-palette-item', title: item.title, 'data-testid': `palette-${item.id}` });
      button.innerHTML = `<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">${item.icon}</svg>`;
      button.appendChild(el('span', { textContent: item.title }));
      grid.appendChild(button);
      if (item.id === imageItemId) {
        button.addEventListener('click', () => fileInput.click());
        continue;
      }
      wireItem(host.graph, button, item);
    }
    root.appendChild(grid);
  }
  return root;
}

/** Click inserts the item at a free spot in view; drag-and-drop inserts it where dropped. */
export function wireItem(graph: AbstractGraph, button: HTMLElement, item: PaletteItem): void {
  button.addEventListener('click', () => insertItem(graph, item, null, freeSpot(graph, item)));
  makeDraggable(graph, button, item);
}

function makeDraggable(graph: AbstractGraph, button: HTMLElement, item: PaletteItem): void {
  const preview = el('div', { className: 'de-drag-preview' });
  preview.style.width = `${item.width}px`;
  preview.style.height = `${item.height}px`;
  const source = gestureUtils.makeDraggable(button, graph, (g, _evt, target, x, y) => {
    insertItem(g, item, target, { x: (x ?? 0) - item.width / 2, y: (y ?? 0) - item.height / 2 });
  }, preview, null, null, graph.isAutoScroll(), true);
  source.setGuidesEnabled(true);
}

/** Inserts the item at graph coordinates `at`, inside `target` when it is a container. */
function insertItem(graph: AbstractGraph, item: PaletteItem, target: Cell | null, at: { x: number; y: number }): Cell {
  let parent = graph.getDefaultParent();
  let { x, y } = at;
  if (target && graph.isValidDropTarget(target, [], null)) {
    const state = graph.getView().getState(target);
    if (state) {
      const { scale, translate } = graph.getView();
      parent = target;
      x -= state.x / scale - translate.x;
      y -= state.y / scale - translate.y;
    }
  }
  const [sx, sy] = [graph.snap(x), graph.snap(y)];
  let cell!: Cell;
  graph.batchUpdate(() => {
    cell = item.insert(graph, parent, sx, sy);
  });
  graph.setSelectionCell(cell);
  graph.scrollCellToVisible(cell);
  return cell;
}

/** The first grid spot in the visible area where the item overlaps no top-level cell. */
export function freeSpot(graph: AbstractGraph, size: { width: number; height: number }): { x: number; y: number } {
  const { scale, translate } = graph.getView();
  const container = graph.getContainer();
  const left = container.scrollLeft / scale - translate.x + 20;
  const top = container.scrollTop / scale - translate.y + 20;
  const visibleWidth = Math.max(container.clientWidth / scale - 40, size.width);
  const taken = graph.getChildCells(graph.getDefaultParent()).map((c) => c.getGeometry()).filter((g) => g != null);
  const step = 20;
  for (let y = top; y < top + 4000; y += step) {
    for (let x = left; x + size.width <= left + visibleWidth; x += step) {
      const clash = taken.some((g) => x < g.x + g.width + 10 && x + size.width + 10 > g.x && y < g.y + g.height + 10 && y + size.height + 10 > g.y);
      if (!clash) return { x, y };
    }
  }
  return { x: left, y: top };
}

async function insertImageFile(host: PaletteHost, file: File): Promise<void> {
  if (file.size > maxImageBytes) {
    host.setStatus(`The image is ${(file.size / 1048576).toFixed(1)} MB; images up to 5 MB can be inserted.`, 'error');
    return;
  }
  const dataUri = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  if (!imageTypes.test(dataUri)) {
    host.setStatus('Only PNG, JPEG, GIF, WebP and SVG images can be inserted.', 'error');
    return;
  }
  const { width, height } = await imageSize(dataUri);
  insertImage(host.graph, dataUri, width, height);
}

/** Inserts an image cell (data URI) scaled to at most 400 px, at a free spot. */
export function insertImage(graph: AbstractGraph, dataUri: string, width: number, height: number, extraStyle = ''): Cell {
  const ratio = Math.min(1, 400 / Math.max(width, height, 1));
  const size = { width: Math.max(20, Math.round(width * ratio)), height: Math.max(20, Math.round(height * ratio)) };
  const at = freeSpot(graph, size);
  const cell = graph.insertVertex(graph.getDefaultParent(), null, '', graph.snap(at.x), graph.snap(at.y), size.width, size.height,
    parseStyle(imageStyle(dataUri) + extraStyle));
  graph.setSelectionCell(cell);
  graph.scrollCellToVisible(cell);
  return cell;
}

export function imageSize(dataUri: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth || 200, height: img.naturalHeight || 150 });
    img.onerror = () => resolve({ width: 200, height: 150 });
    img.src = dataUri;
  });
}

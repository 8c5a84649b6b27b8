// Draws a saved diagram read-only: one page at a time, scaled to fit the width, with page tabs; shapes' links open in
// a new tab (page links switch pages) and their tooltips show on hover. The full view is the lightbox (lightbox/).
import type { Graph } from '@maxgraph/core';
import { createGraph, drawnCells, loadModel } from '../shared/graph';
import { wireLinksAndTooltips } from '../shared/links';
import { readDiagramFile, type DiagramPage } from '../shared/mxfile';
import { prepareStencils, unresolvedShapes } from '../draw/resolve';
import { drawnShapes, type DrawnShape } from '../shared/shape-probe';

declare global {
  interface Window {
    /**
     * Test hooks: per shape name, the cells of the page shown whose shape resolves to nothing (drawn as outlines);
     * and what drew each cell (tests check that draw.io's shapes do not fall back to a rectangle).
     */
    diagramViewer?: { unresolvedShapes(): Record<string, number>; shapes(): DrawnShape[] };
  }
}

export interface ViewerResult {
  pages: number;
  cells: number;
  height: number;
}

/** "Full screen" (in the page) opens the host's full-size view; `onClose` makes this that view (the lightbox), which it ends. */
export interface ViewerActions {
  onFullScreen?: () => Promise<void>;
  onClose?: () => Promise<void>;
  /** In the full view, for a user who may edit the page: opens it for editing. */
  onEdit?: () => Promise<void>;
}

export async function showDiagram(host: HTMLElement, fileXml: string, onHeight: (height: number) => void, actions: ViewerActions = {}): Promise<ViewerResult> {
  const pages = await readDiagramFile(fileXml);
  await prepareStencils(pages.map((p) => p.model));
  if (actions.onClose) return (await import('./lightbox/lightbox')).showLightbox(host, pages, { onClose: actions.onClose, onEdit: actions.onEdit });
  host.replaceChildren();
  host.classList.add('viewer');
  host.dataset.testid = 'viewer';
  const bar = document.createElement('div');
  bar.className = 'bar';
  const tabs = document.createElement('div');
  tabs.className = 'tabs';
  const problem = document.createElement('span');
  problem.className = 'note';
  problem.setAttribute('role', 'status');
  bar.append(tabs, problem);
  const button = (label: string, testid: string, run: () => Promise<void>) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.testid = testid;
    b.addEventListener('click', () => {
      problem.textContent = '';
      run().catch((e: unknown) => { problem.textContent = `${label} failed: ${e instanceof Error ? e.message : String(e)}`; });
    });
    bar.appendChild(b);
  };
  if (actions.onFullScreen) button('Full screen', 'viewer-fullscreen', actions.onFullScreen);
  const canvas = document.createElement('div');
  canvas.className = 'canvas';
  host.append(bar, canvas);

  let result: ViewerResult = { pages: pages.length, cells: 0, height: 0 };
  let unwire = () => {};
  const draw = (index: number): void => {
    unwire();
    for (const [i, tab] of Array.from(tabs.children).entries()) tab.setAttribute('aria-selected', String(i === index));
    const drawn = drawPage(canvas, pages[index]);
    unwire = wireLinksAndTooltips(drawn.graph, { follow: { onPageLink: (id) => {
      const target = pages.findIndex((p) => p.id === id);
      if (target >= 0) draw(target);
    } } });
    result = { cells: drawn.cells, height: drawn.height, pages: pages.length };
    host.dataset.cells = String(result.cells);
    host.dataset.page = String(index);
    onHeight(result.height + bar.offsetHeight + 8);
  };
  if (pages.length > 1) {
    for (const [i, page] of pages.entries()) {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.textContent = page.name;
      tab.dataset.testid = `viewer-page-${i}`;
      tab.addEventListener('click', () => draw(i));
      tabs.appendChild(tab);
    }
  }
  draw(0);
  return result;
}

let shown: Graph | null = null;
window.diagramViewer = { unresolvedShapes: () => (shown ? unresolvedShapes(shown) : {}), shapes: () => (shown ? drawnShapes(shown) : []) };

function drawPage(canvas: HTMLElement, page: DiagramPage): { graph: Graph; cells: number; height: number } {
  canvas.replaceChildren();
  const container = document.createElement('div');
  canvas.appendChild(container);
  const width = Math.max(canvas.clientWidth || document.documentElement.clientWidth, 100);
  container.style.width = `${width}px`;
  container.style.height = '10px';
  const graph = createGraph(container);
  graph.setEnabled(false);
  graph.setTooltips(false);
  loadModel(graph, page.model);
  shown = graph;
  const bounds = graph.getGraphBounds();
  const border = 8;
  const scale = bounds.width > 0 ? Math.min(1, (width - 2 * border) / bounds.width) : 1;
  graph.view.scaleAndTranslate(scale, border / scale - bounds.x, border / scale - bounds.y);
  const height = Math.ceil(bounds.height * scale + 2 * border);
  container.style.height = `${height}px`;
  return { graph, cells: drawnCells(graph).length, height };
}

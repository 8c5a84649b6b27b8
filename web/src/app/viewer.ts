// Draws a saved diagram read-only: one page at a time, scaled to fit the width, with page tabs.
import { createGraph, drawnCells, loadModel } from '../shared/graph';
import { readDiagramFile, type DiagramPage } from '../shared/mxfile';
import { prepareStencils, unresolvedShapes } from '../draw/resolve';
import { drawnShapes, type DrawnShape } from '../shared/shape-probe';
import type { Graph } from '@maxgraph/core';

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

/** The bar's buttons: "Full screen" (in the page) opens the host's full-size view; "Close" (in that view) ends it. */
export interface ViewerActions {
  onFullScreen?: () => Promise<void>;
  onClose?: () => Promise<void>;
}

export async function showDiagram(host: HTMLElement, fileXml: string, onHeight: (height: number) => void, actions: ViewerActions = {}): Promise<ViewerResult> {
  const pages = await readDiagramFile(fileXml);
  await prepareStencils(pages.map((p) => p.model));
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
  if (actions.onClose) button('Close', 'viewer-close', actions.onClose);
  const canvas = document.createElement('div');
  canvas.className = 'canvas';
  host.append(bar, canvas);

  let current = 0;
  let result: ViewerResult = { pages: pages.length, cells: 0, height: 0 };
  const draw = (index: number): void => {
    current = index;
    for (const [i, tab] of Array.from(tabs.children).entries()) tab.setAttribute('aria-selected', String(i === index));
    result = { ...drawPage(canvas, pages[index]), pages: pages.length };
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
  // The full view fills a dialog the user may resize; a view inside the page keeps the width it was drawn at.
  if (actions.onClose) window.addEventListener('resize', () => draw(current));
  return result;
}

let shown: Graph | null = null;
window.diagramViewer = { unresolvedShapes: () => (shown ? unresolvedShapes(shown) : {}), shapes: () => (shown ? drawnShapes(shown) : []) };

function drawPage(canvas: HTMLElement, page: DiagramPage): { cells: number; height: number } {
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
  return { cells: drawnCells(graph).length, height };
}

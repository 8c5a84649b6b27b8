// Draws a saved diagram read-only: one page at a time, scaled to fit the width, with page tabs.
import { createGraph, drawnCells, loadModel } from '../shared/graph';
import { readDiagramFile, type DiagramPage } from '../shared/mxfile';

export interface ViewerResult {
  pages: number;
  cells: number;
  height: number;
}

export async function showDiagram(host: HTMLElement, fileXml: string, onHeight: (height: number) => void): Promise<ViewerResult> {
  const pages = await readDiagramFile(fileXml);
  host.replaceChildren();
  host.classList.add('viewer');
  host.dataset.testid = 'viewer';
  const bar = document.createElement('div');
  bar.className = 'bar';
  const tabs = document.createElement('div');
  tabs.className = 'tabs';
  bar.appendChild(tabs);
  const fullscreen = document.createElement('button');
  fullscreen.type = 'button';
  fullscreen.textContent = 'Full screen';
  fullscreen.dataset.testid = 'viewer-fullscreen';
  fullscreen.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void host.requestFullscreen().then(() => draw(current));
  });
  bar.appendChild(fullscreen);
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
  document.addEventListener('fullscreenchange', () => draw(current));
  return result;
}

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
  const bounds = graph.getGraphBounds();
  const border = 8;
  const scale = bounds.width > 0 ? Math.min(1, (width - 2 * border) / bounds.width) : 1;
  graph.view.scaleAndTranslate(scale, border / scale - bounds.x, border / scale - bounds.y);
  const height = Math.ceil(bounds.height * scale + 2 * border);
  container.style.height = `${height}px`;
  return { cells: drawnCells(graph).length, height };
}

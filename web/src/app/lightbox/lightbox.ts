// The viewer's full view (the host's full-size dialog or modal), draw.io's lightbox: page tabs, zoom in/out/fit/100%
// (buttons and Ctrl+wheel), pan by dragging, a layers menu that shows or hides layers for viewing only (nothing is
// saved), Edit for a user who may edit the page, and Close. Links and tooltips behave as in the inline viewer.
import type { Graph } from '@maxgraph/core';
import { createGraph, drawnCells, loadModel } from '../../shared/graph';
import { wireLinksAndTooltips } from '../../shared/links';
import type { DiagramPage } from '../../shared/mxfile';
import type { ViewerResult } from '../viewer';
import { layersMenu } from './layers';
import { Zoom } from './zoom';
import './lightbox.css';

export interface LightboxActions {
  onClose: () => Promise<void>;
  onEdit?: () => Promise<void>;
}

export function showLightbox(host: HTMLElement, pages: DiagramPage[], actions: LightboxActions): ViewerResult {
  host.replaceChildren();
  host.classList.add('viewer', 'lightbox');
  host.dataset.testid = 'viewer';
  const bar = document.createElement('div');
  bar.className = 'bar';
  const tabs = document.createElement('div');
  tabs.className = 'tabs';
  const problem = document.createElement('span');
  problem.className = 'note';
  problem.setAttribute('role', 'status');
  const canvas = document.createElement('div');
  canvas.className = 'canvas';
  canvas.dataset.testid = 'lightbox-canvas';
  canvas.tabIndex = 0; // focused when the lightbox opens, so its keys work at once
  canvas.setAttribute('aria-label', 'Diagram (+ and − zoom, 0 actual size, F fit, arrows change page, Escape closes)');
  const button = (label: string, testid: string, title: string, run: () => void | Promise<void>): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.dataset.testid = testid;
    b.addEventListener('click', () => {
      problem.textContent = '';
      Promise.resolve().then(run).catch((e: unknown) => { problem.textContent = `${title} failed: ${e instanceof Error ? e.message : String(e)}`; });
    });
    return b;
  };

  const zoom = new Zoom(canvas);
  const level = document.createElement('span');
  level.className = 'zoom-level';
  level.dataset.testid = 'lightbox-zoom';
  zoom.onChange = (scale) => { level.textContent = `${Math.round(scale * 100)}%`; };
  const layers = layersMenu(host);
  bar.append(tabs,
    button('−', 'lightbox-zoom-out', 'Zoom out', () => zoom.by(1 / 1.25)), level,
    button('+', 'lightbox-zoom-in', 'Zoom in', () => zoom.by(1.25)),
    button('Fit', 'lightbox-zoom-fit', 'Fit the page', () => zoom.fit()),
    button('100%', 'lightbox-zoom-actual', 'Actual size', () => zoom.set(1)),
    layers.button, problem);
  if (actions.onEdit) bar.append(button('Edit', 'lightbox-edit', 'Edit this page', actions.onEdit));
  bar.append(button('Close', 'viewer-close', 'Close the full view', actions.onClose));
  host.append(bar, canvas);

  let graph: Graph | null = null;
  let unwire = () => {};
  let cells = 0;
  const draw = (index: number): void => {
    unwire();
    graph?.destroy();
    canvas.replaceChildren();
    const container = document.createElement('div');
    container.className = 'graph';
    canvas.appendChild(container);
    graph = createGraph(container);
    graph.setEnabled(false);
    graph.setTooltips(false);
    loadModel(graph, pages[index].model);
    cells = drawnCells(graph).length;
    zoom.attach(graph);
    layers.show(graph);
    unwire = wireLinksAndTooltips(graph, { follow: { onPageLink: (id) => {
      const target = pages.findIndex((p) => p.id === id);
      if (target >= 0) draw(target);
    } } });
    for (const [i, tab] of Array.from(tabs.children).entries()) tab.setAttribute('aria-selected', String(i === index));
    host.dataset.cells = String(cells);
    host.dataset.page = String(index);
  };
  if (pages.length > 1) {
    for (const [i, page] of pages.entries()) {
      tabs.appendChild(button(page.name, `viewer-page-${i}`, page.name, () => draw(i)));
    }
  }
  draw(0);
  canvas.focus({ preventScroll: true });
  // The keys of draw.io's lightbox: + and − zoom, 0 is actual size, F fits, ← and → (or Page Up/Down) change page,
  // Escape closes.
  document.addEventListener('keydown', (evt) => {
    if (evt.ctrlKey || evt.metaKey || evt.altKey || (evt.target as HTMLElement | null)?.closest?.('input, select, textarea')) return;
    const page = Number(host.dataset.page ?? 0);
    const act: Record<string, () => void> = {
      '+': () => zoom.by(1.25), '=': () => zoom.by(1.25), '-': () => zoom.by(1 / 1.25), '0': () => zoom.set(1),
      f: () => zoom.fit(), F: () => zoom.fit(),
      ArrowRight: () => { if (page + 1 < pages.length) draw(page + 1); }, PageDown: () => { if (page + 1 < pages.length) draw(page + 1); },
      ArrowLeft: () => { if (page > 0) draw(page - 1); }, PageUp: () => { if (page > 0) draw(page - 1); },
      Escape: () => void actions.onClose().catch((e: unknown) => { problem.textContent = `Close failed: ${e instanceof Error ? e.message : String(e)}`; }),
    };
    const run = act[evt.key];
    if (!run) return;
    evt.preventDefault();
    run();
  });
  return { pages: pages.length, cells, height: window.innerHeight };
}

// The lightbox's zoom and pan: a page opens fitted (at most 100%), zoom steps keep the canvas centre (Ctrl+wheel keeps
// the point under the pointer), Fit shows the whole page with its negative coordinates, a drag on the canvas pans.
import type { Graph } from '@maxgraph/core';

const minScale = 0.05;
const maxScale = 8;
const border = 16;

export class Zoom {
  private graph: Graph | null = null;
  /** Runs after every change of scale, with the new scale. */
  onChange: (scale: number) => void = () => {};

  constructor(private readonly canvas: HTMLElement) {
    canvas.addEventListener('wheel', (evt) => {
      if (!(evt.ctrlKey || evt.metaKey) || !this.graph) return;
      evt.preventDefault();
      const box = canvas.getBoundingClientRect();
      this.zoomAt(this.scale * (evt.deltaY < 0 ? 1.1 : 1 / 1.1), evt.clientX - box.left, evt.clientY - box.top);
    }, { passive: false });
    canvas.addEventListener('mousedown', (evt) => this.startPan(evt));
  }

  get scale(): number { return this.graph?.getView().scale ?? 1; }

  /** Shows a newly drawn page: fitted, never above 100%. */
  attach(graph: Graph): void {
    this.graph = graph;
    this.fit(1);
  }

  by(factor: number): void { this.zoomAt(this.scale * factor, this.canvas.clientWidth / 2, this.canvas.clientHeight / 2); }

  set(scale: number): void { this.zoomAt(scale, this.canvas.clientWidth / 2, this.canvas.clientHeight / 2); }

  /** The whole page in view (bounds in page units: the view's are in screen units at the current scale). */
  fit(limit = maxScale): void {
    const graph = this.graph;
    if (!graph) return;
    const view = graph.getView();
    const b = graph.getGraphBounds();
    const x = b.x / view.scale - view.translate.x;
    const y = b.y / view.scale - view.translate.y;
    const width = Math.max(b.width / view.scale, 1);
    const height = Math.max(b.height / view.scale, 1);
    const w = Math.max(this.canvas.clientWidth - 2 * border, 10);
    const h = Math.max(this.canvas.clientHeight - 2 * border, 10);
    const scale = clamp(Math.min(w / width, h / height, limit));
    view.scaleAndTranslate(scale, (this.canvas.clientWidth / scale - width) / 2 - x, (this.canvas.clientHeight / scale - height) / 2 - y);
    this.onChange(scale);
  }

  /** Zooms to `scale`, keeping the canvas point (px, py) over the same spot of the page. */
  private zoomAt(scale: number, px: number, py: number): void {
    const graph = this.graph;
    if (!graph) return;
    const view = graph.getView();
    const next = clamp(scale);
    const s = view.scale;
    view.scaleAndTranslate(next, view.translate.x + px / next - px / s, view.translate.y + py / next - py / s);
    this.onChange(next);
  }

  private startPan(evt: MouseEvent): void {
    const graph = this.graph;
    if (!graph || evt.button !== 0) return;
    evt.preventDefault();
    const view = graph.getView();
    const start = { x: evt.clientX, y: evt.clientY, tx: view.translate.x, ty: view.translate.y };
    this.canvas.classList.add('panning');
    const move = (e: MouseEvent) => view.setTranslate(start.tx + (e.clientX - start.x) / view.scale, start.ty + (e.clientY - start.y) / view.scale);
    const end = () => {
      this.canvas.classList.remove('panning');
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', end);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', end);
  }
}

const clamp = (scale: number) => Math.min(maxScale, Math.max(minScale, scale));

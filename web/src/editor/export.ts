// Image export of the page on screen, all in the browser: SVG drawn by maxGraph's ImageExport
// onto an SvgCanvas2D (HTML labels as foreignObject with a plain <text> fallback), and PNG by
// rasterising that SVG through an <img> and a <canvas>. Either the whole page or only some cells (the selection),
// with a border around the drawing; the export dialog (export-dialog.ts) sets the options.
import { ImageExport, SvgCanvas2D, type AbstractGraph, type Cell } from '@maxgraph/core';
import { blockTags, htmlToText } from './sanitize';
import { pageStyleOf } from '../draw/page-style';

const svgNs = 'http://www.w3.org/2000/svg';
const defaultBorder = 10;

export interface ImageOptions {
  /** Empty space around the drawing, in px (at scale 1). */
  border?: number;
  /** Only these cells (and what they contain); the whole page when left out. */
  cells?: Cell[];
}
/** Where an HTML label's line ends when it is drawn as plain text. */
const lineEnds = new RegExp(`<br\\s*/?>|</(${blockTags.join('|')})>`, 'gi');

export function exportSvg(graph: AbstractGraph, options: ImageOptions & { background?: string; htmlLabels?: boolean } = {}): string {
  const view = graph.getView();
  const viewScale = view.scale;
  const border = Math.max(0, Math.min(options.border ?? defaultBorder, 1000));
  const cells = options.cells?.length ? options.cells : null;
  const bounds = (cells && graph.getBoundingBox(cells)) || graph.getGraphBounds();
  const empty = bounds.width <= 0 || bounds.height <= 0;
  const width = Math.ceil((empty ? 0 : bounds.width / viewScale) + 2 * border);
  const height = Math.ceil((empty ? 0 : bounds.height / viewScale) + 2 * border);

  const doc = document.implementation.createDocument(svgNs, 'svg', null);
  const root = doc.documentElement as unknown as SVGSVGElement;
  root.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  root.setAttribute('version', '1.1');
  root.setAttribute('width', `${width}px`);
  root.setAttribute('height', `${height}px`);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = options.background ?? pageStyleOf(graph).background;
  if (background) {
    const rect = doc.createElementNS(svgNs, 'rect');
    for (const [k, v] of Object.entries({ x: '0', y: '0', width: String(width), height: String(height), fill: background })) rect.setAttribute(k, v);
    root.appendChild(rect);
  }
  const group = doc.createElementNS(svgNs, 'g');
  root.appendChild(group);

  const canvas = new SvgCanvas2D(group, false);
  canvas.foEnabled = options.htmlLabels !== false;
  canvas.getAlternateText = (_fo, _x, _y, _w, _h, str) => (typeof str === 'string' ? htmlToText(str) : str?.textContent ?? '');
  if (!canvas.foEnabled) {
    // Without foreignObject an HTML label is drawn as its plain text (line breaks kept).
    const text = canvas.text.bind(canvas);
    canvas.text = (x, y, w, h, str, align, valign, wrap, format, ...rest) =>
      text(x, y, w, h, format === 'html' ? htmlToText(str.replace(lineEnds, (m) => `${m}\n`)) : str, align, valign, wrap, '', ...rest);
  }
  canvas.translate(border * viewScale - bounds.x, border * viewScale - bounds.y);
  canvas.scale(1 / viewScale);
  const exporter = new ImageExport();
  for (const cell of cells ?? [graph.getDataModel().getRoot()!]) {
    const state = view.getState(cell);
    if (state) exporter.drawState(state, canvas);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
}

export async function exportPng(graph: AbstractGraph, scale = 1, options: ImageOptions & { transparent?: boolean } = {}): Promise<Blob> {
  const svg = { ...options, background: options.transparent ? undefined : pageStyleOf(graph).background ?? '#ffffff' };
  try {
    return await rasterise(exportSvg(graph, svg), scale);
  } catch {
    // A browser that refuses foreignObject on a canvas still gets the labels, as plain SVG text.
    return rasterise(exportSvg(graph, { ...svg, htmlLabels: false }), scale);
  }
}

async function rasterise(svg: string, scale: number): Promise<Blob> {
  // A data: URL, not a blob: URL: Chrome taints the canvas for a blob: SVG with foreignObject.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  const safeScale = Math.max(0.1, Math.min(scale, 8));
  canvas.width = Math.max(1, Math.min(16384, Math.round(img.naturalWidth * safeScale)));
  canvas.height = Math.max(1, Math.min(16384, Math.round(img.naturalHeight * safeScale)));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas.');
  context.drawImage(img, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))), 'image/png'));
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

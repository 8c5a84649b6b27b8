// Converter's PDF render page: Chromium loads it once per pooled tab; each export calls
// window.renderDiagram, then prints. The page may not reach the network (CSP default-src 'none',
// and Converter aborts every request but this page's own two files), so remote images are not fetched.
import { createGraph, drawnCells, loadModel } from '../shared/graph';
import { prepareStencils } from '../draw/resolve';
import { pageStyleOf } from '../draw/page-style';

export interface RenderRequest {
  /** Each page's <mxGraphModel> XML, already selected (from/to) and inflated by Converter. */
  pages: string[];
  scale: number;
  border: number;
  /** CSS colour, or null for transparent. */
  background: string | null;
  /** Sheet size in CSS px; null crops each sheet to its diagram (plus border). */
  paper: { width: number; height: number } | null;
  /** Scale each diagram to fit its sheet (only with a paper size). */
  fit: boolean;
  /** Scale each diagram to span this grid of sheets, printed row by row (only with a paper size, not with fit). */
  sheets?: { wide: number; tall: number } | null;
  /** Largest sheet side in px. */
  maxSide: number;
}

export interface RenderResult {
  error?: string;
  sheets: Array<{ width: number; height: number; cells: number }>;
}

declare global {
  interface Window {
    renderDiagram(request: RenderRequest): Promise<RenderResult>;
  }
}

window.renderDiagram = async (request: RenderRequest): Promise<RenderResult> => {
  document.body.replaceChildren();
  const pageRules: string[] = [];
  const sheets: RenderResult['sheets'] = [];
  /** A sheet of the PDF with a graph container inset by `inset` px; `size` gives it its own @page size. */
  const addSheet = (inset: number) => {
    const sheet = document.createElement('div');
    sheet.className = 'sheet';
    const container = document.createElement('div');
    if (inset) container.style.inset = `${inset}px`;
    sheet.appendChild(container);
    document.body.appendChild(sheet);
    const size = (width: number, height: number, background = request.background) => {
      const name = `p${pageRules.length}`;
      sheet.style.width = `${width}px`;
      sheet.style.height = `${height}px`;
      sheet.style.setProperty('page', name);
      if (background) sheet.style.background = background;
      pageRules.push(`@page ${name} { size: ${width}px ${height}px; margin: 0; }`);
    };
    return { container, size };
  };
  const tooLarge = (index: number, width: number, height: number) =>
    `Page ${index + 1} would be ${width} x ${height} px; the largest allowed is ${request.maxSide} x ${request.maxSide} px (lower the scale or use a paper size with fit).`;
  try {
    await prepareStencils(request.pages);
    for (const [index, xml] of request.pages.entries()) {
      if (request.paper && request.sheets) {
        const error = tile(xml, index, request.paper, request.sheets);
        if (error) return { error, sheets };
        continue;
      }
      const sheet = addSheet(0);
      const graph = createGraph(sheet.container);
      graph.setEnabled(false);
      loadModel(graph, xml);
      const bounds = graph.getGraphBounds();
      const empty = bounds.width <= 0 || bounds.height <= 0;
      let scale = request.scale;
      let width: number;
      let height: number;
      if (request.paper) {
        ({ width, height } = request.paper);
        if (request.fit && !empty) {
          scale = Math.min((width - 2 * request.border) / bounds.width, (height - 2 * request.border) / bounds.height);
          if (!(scale > 0)) return { error: 'The border leaves no room on the paper.', sheets };
        }
      } else {
        width = Math.ceil((empty ? 1 : bounds.width * scale) + 2 * request.border);
        height = Math.ceil((empty ? 1 : bounds.height * scale) + 2 * request.border);
      }
      if (width > request.maxSide || height > request.maxSide) return { error: tooLarge(index, width, height), sheets };
      graph.view.scaleAndTranslate(scale, request.border / scale - (empty ? 0 : bounds.x), request.border / scale - (empty ? 0 : bounds.y));
      sheet.size(width, height, request.background ?? pageStyleOf(graph).background);
      sheets.push({ width, height, cells: drawnCells(graph).length });
    }
  } catch (e) {
    return { error: `The diagram cannot be drawn: ${e instanceof Error ? e.message : String(e)}`, sheets };
  }

  /** One diagram page over wide × tall sheets of the paper: each sheet draws its part, inside the border as margin. */
  function tile(xml: string, index: number, paper: { width: number; height: number }, grid: { wide: number; tall: number }): string | null {
    const { width, height } = paper;
    if (width > request.maxSide || height > request.maxSide) return tooLarge(index, width, height);
    const innerWidth = width - 2 * request.border;
    const innerHeight = height - 2 * request.border;
    if (!(innerWidth > 0 && innerHeight > 0)) return 'The border leaves no room on the paper.';
    let bounds: { x: number; y: number; width: number; height: number } | null = null;
    let scale = 1;
    for (let row = 0; row < grid.tall; row++) {
      for (let column = 0; column < grid.wide; column++) {
        const sheet = addSheet(request.border);
        sheet.size(width, height);
        const graph = createGraph(sheet.container);
        graph.setEnabled(false);
        loadModel(graph, xml);
        if (!bounds) {
          const b = graph.getGraphBounds();
          bounds = b.width > 0 && b.height > 0 ? { x: b.x, y: b.y, width: b.width, height: b.height } : { x: 0, y: 0, width: 1, height: 1 };
          scale = Math.min((grid.wide * innerWidth) / bounds.width, (grid.tall * innerHeight) / bounds.height);
        }
        graph.view.scaleAndTranslate(scale, -bounds.x - (column * innerWidth) / scale, -bounds.y - (row * innerHeight) / scale);
        sheets.push({ width, height, cells: drawnCells(graph).length });
      }
    }
    return null;
  }
  const style = document.createElement('style');
  style.textContent = pageRules.join('\n');
  document.body.appendChild(style);
  await imagesDecoded(2000);
  await document.fonts.ready;
  return { sheets };
};

/** Waits (bounded) until embedded images have decoded, so the PDF does not catch them half-loaded. */
async function imagesDecoded(timeoutMs: number): Promise<void> {
  const sources = new Set<string>();
  for (const image of Array.from(document.querySelectorAll('image'))) {
    const href = image.getAttribute('href') ?? image.getAttribute('xlink:href');
    if (href?.startsWith('data:')) sources.add(href);
  }
  for (const img of Array.from(document.images)) if (img.src.startsWith('data:')) sources.add(img.src);
  const decodes = Array.from(sources, (src) => {
    const img = new Image();
    img.src = src;
    return img.decode().catch(() => undefined);
  });
  await Promise.race([Promise.all(decodes), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

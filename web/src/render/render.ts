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
  try {
    await prepareStencils(request.pages);
    for (const [index, xml] of request.pages.entries()) {
      const sheet = document.createElement('div');
      sheet.className = 'sheet';
      const container = document.createElement('div');
      sheet.appendChild(container);
      document.body.appendChild(sheet);

      const graph = createGraph(container);
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
      if (width > request.maxSide || height > request.maxSide) {
        return {
          error: `Page ${index + 1} would be ${width} x ${height} px; the largest allowed is ${request.maxSide} x ${request.maxSide} px (lower the scale or use a paper size with fit).`,
          sheets,
        };
      }
      graph.view.scaleAndTranslate(scale, request.border / scale - (empty ? 0 : bounds.x), request.border / scale - (empty ? 0 : bounds.y));
      sheet.style.width = `${width}px`;
      sheet.style.height = `${height}px`;
      sheet.style.setProperty('page', `p${index}`);
      const background = request.background ?? pageStyleOf(graph).background;
      if (background) sheet.style.background = background;
      pageRules.push(`@page p${index} { size: ${width}px ${height}px; margin: 0; }`);
      sheets.push({ width, height, cells: drawnCells(graph).length });
    }
  } catch (e) {
    return { error: `The diagram cannot be drawn: ${e instanceof Error ? e.message : String(e)}`, sheets };
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

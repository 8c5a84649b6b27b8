// Find (Ctrl+F): labels on every page, case-insensitive, as the reader sees them (the text of HTML labels, draw.io's
// placeholders filled in) and as written. Enter / Shift+Enter (or the arrows) go to the next / previous match: the
// page is switched, the shape selected and scrolled into view, a hidden layer it is on shown (and said so), and the
// bar says "n of m". The matches are looked up again at every step, so edits made meanwhile are found. Loaded on demand.
import { Cell, type Graph } from '@maxgraph/core';
import { wrapperKey } from '../shared/cells';
import { parseXml, type DiagramPage } from '../shared/mxfile';
import { el } from './dom';
import { createLayers } from './layers';
import { replacePlaceholders } from './placeholders';
import { sanitizeHtml } from './sanitize';
import { parseStyle } from './styles';

const maxQuery = 200;
const maxHits = 1000;

export interface FindHost {
  readonly current: number;
  snapshot(): DiagramPage[];
  select(index: number): void;
}

export interface Hit { page: number; id: string }

export interface FindBar {
  element: HTMLElement;
  focus(): void;
  close(): void;
}

export function openFindBar(host: HTMLElement, graph: Graph, pages: FindHost, setStatus: (text: string) => void, onClose: () => void): FindBar {
  const input = el('input', { type: 'search', className: 'de-find-input', placeholder: 'Find labels', maxLength: maxQuery, 'aria-label': 'Find', 'data-testid': 'find-input' });
  const count = el('span', { className: 'de-find-count', role: 'status', 'data-testid': 'find-count' });
  const button = (id: string, label: string, title: string, run: () => void) => {
    const b = el('button', { type: 'button', className: 'de-layer-btn', textContent: label, title, 'aria-label': title, 'data-testid': id });
    b.addEventListener('click', run);
    return b;
  };
  const bar = el('section', { className: 'de-panel de-find', 'aria-label': 'Find', 'data-testid': 'find-bar' }, [
    input, count,
    button('find-prev', '▲', 'Previous match (Shift+Enter)', () => step(-1)),
    button('find-next', '▼', 'Next match (Enter)', () => step(1)),
    button('find-close', '×', 'Close (Escape)', () => onClose()),
  ]);
  const layers = createLayers(graph);
  let at: Hit | null = null;

  const step = (by: 1 | -1) => {
    const query = input.value.trim();
    if (!query) return;
    const hits = findLabels(pages.snapshot(), query);
    if (!hits.length) {
      count.textContent = 'No match';
      at = null;
      return;
    }
    const index = nextIndex(hits, at, by, pages.current);
    at = hits[index];
    count.textContent = `${index + 1} of ${hits.length}${hits.length >= maxHits ? '+' : ''}`;
    show(at);
  };

  const show = (hit: Hit) => {
    if (hit.page !== pages.current) pages.select(hit.page);
    const cell = graph.getDataModel().getCell(hit.id);
    if (!cell) return;
    const shown = layers.reveal([cell]);
    graph.setSelectionCell(cell);
    graph.scrollCellToVisible(cell, true);
    if (shown.length) setStatus(`The match is on the hidden layer ${shown.join(', ')}: the layer is shown now.`);
  };

  input.addEventListener('input', () => {
    at = null;
    const query = input.value.trim();
    const n = query ? findLabels(pages.snapshot(), query).length : 0;
    count.textContent = !query ? '' : n ? `${n}${n >= maxHits ? '+' : ''} found` : 'No match';
  });
  input.addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter') step(evt.shiftKey ? -1 : 1);
    else if (evt.key === 'Escape') onClose();
    else if ((evt.ctrlKey || evt.metaKey) && evt.key.toLowerCase() === 'f') input.select();
    else return;
    evt.preventDefault();
  });
  host.appendChild(bar);
  return {
    element: bar,
    focus: () => { input.focus(); input.select(); },
    close: () => bar.remove(),
  };
}

/** Where the next (or previous) match is: after the one shown, or from the page on screen when none is. */
function nextIndex(hits: Hit[], at: Hit | null, by: 1 | -1, page: number): number {
  const n = hits.length;
  const known = at ? hits.findIndex((h) => h.page === at.page && h.id === at.id) : -1;
  if (known >= 0) return (known + by + n) % n;
  if (by === 1) {
    const first = hits.findIndex((h) => h.page >= page);
    return first >= 0 ? first : 0;
  }
  const before = hits.map((h) => h.page).lastIndexOf(page - 1);
  return before >= 0 ? before : n - 1;
}

/** The shapes and connectors whose label contains `query` (case-insensitive), page by page in model order. */
export function findLabels(pages: DiagramPage[], query: string): Hit[] {
  const needle = normalise(query.slice(0, maxQuery));
  const hits: Hit[] = [];
  if (!needle) return hits;
  pages.forEach((page, index) => {
    for (const { id, texts } of labelsOf(page.model)) {
      if (hits.length >= maxHits) return;
      if (texts.some((t) => t.includes(needle))) hits.push({ page: index, id });
    }
  });
  return hits;
}

/** Each drawn cell's label texts (shown and as written), lower-case, from a page's <mxGraphModel>. */
function labelsOf(modelXml: string): Array<{ id: string; texts: string[] }> {
  const doc = parseXml(modelXml);
  const cells = new Map<string, Cell>();
  const parents: Array<[Cell, string]> = [];
  const drawn: Array<{ cell: Cell; value: string; html: boolean }> = [];
  for (const element of Array.from(doc.getElementsByTagName('mxCell'))) {
    const wrapper = element.parentElement && /^(UserObject|object)$/.test(element.parentElement.nodeName) ? element.parentElement : null;
    const id = wrapper?.getAttribute('id') ?? element.getAttribute('id') ?? '';
    const value = (wrapper ? wrapper.getAttribute('label') : element.getAttribute('value')) ?? '';
    const style = parseStyle(element.getAttribute('style') ?? '');
    const cell = new Cell(value, undefined, style);
    cell.setId(id);
    if (wrapper) {
      const attributes: Record<string, string> = {};
      for (const attr of Array.from(wrapper.attributes)) attributes[attr.name] = attr.value;
      (cell as unknown as Record<string, unknown>)[wrapperKey] = { tag: wrapper.nodeName, attributes };
    }
    cells.set(id, cell);
    const parent = element.getAttribute('parent');
    if (parent) parents.push([cell, parent]);
    if (element.getAttribute('vertex') === '1' || element.getAttribute('edge') === '1') {
      drawn.push({ cell, value, html: String((style as Record<string, unknown>).html ?? '') === '1' });
    }
  }
  for (const [cell, parent] of parents) cell.setParent(cells.get(parent) ?? null);
  return drawn.filter((d) => d.value !== '').map(({ cell, value, html }) => {
    const shown = replacePlaceholders(cell, value);
    const text = (label: string) => normalise(html ? htmlText(label) : label);
    return { id: cell.getId() ?? '', texts: shown === value ? [text(value)] : [text(shown), text(value)] };
  });
}

/** The text a reader sees in an HTML label: tags dropped, line and block breaks as spaces, entities decoded. */
function htmlText(html: string): string {
  const spaced = sanitizeHtml(html).replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/td|\/th)\b[^>]*>/gi, ' ');
  return new DOMParser().parseFromString(spaced, 'text/html').body.textContent ?? '';
}

const normalise = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();

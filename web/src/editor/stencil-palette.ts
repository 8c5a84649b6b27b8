// draw.io's shape libraries in the palette: a search box over every shape of every library, one collapsed section per
// chosen library (draw.io's major ones until the user picks others in "More shapes"), each loading its stencils when
// opened. Items insert draw.io's style for the stencil (`shape=mxgraph....`), so draw.io opens what we save. The
// library data (../draw/stencils assets) is fetched on demand; nothing of it is in the editor's script.
import type { AbstractGraph, Graph } from '@maxgraph/core';
import { createGraph } from '../shared/graph';
import { catalog, libraries, type LibraryInfo } from '../draw/stencils/assets';
import { loadLibrary, type LibraryShape } from '../draw/stencils/registry';
import { stencilName } from '../draw/stencils/names';
import { el } from './dom';
import { wireItem, type PaletteHost } from './palette';
import type { PaletteItem } from './palette-items';
import { parseStyle } from './styles';

const chosenKey = 'securediagrams.stencilLibraries';
const maxResults = 40;
const thumbnailSize = 32;

/** The user's choice in this page (also where the browser keeps no storage, as in a sandboxed Forge frame). */
let chosenHere: string[] | null = null;

/** The library ids shown as sections: the user's choice from "More shapes", else draw.io's major libraries. */
export function chosenLibraries(all: LibraryInfo[]): string[] {
  const known = (ids: unknown[]) => ids.filter((id): id is string => typeof id === 'string' && all.some((l) => l.id === id));
  if (chosenHere) return known(chosenHere);
  try {
    const saved = JSON.parse(localStorage.getItem(chosenKey) ?? 'null') as unknown;
    if (Array.isArray(saved)) return known(saved);
  } catch {
    // No storage (a sandboxed frame) or a broken entry: the defaults.
  }
  return all.filter((l) => l.major).map((l) => l.id);
}

export function saveChosenLibraries(ids: string[]): void {
  chosenHere = ids;
  try {
    localStorage.setItem(chosenKey, JSON.stringify(ids));
  } catch {
    // Kept for this page only.
  }
}

/** draw.io's style for a library stencil as its sidebar inserts it. */
export const stencilStyle = (name: string): string =>
  `shape=${name};html=1;whiteSpace=wrap;verticalLabelPosition=bottom;verticalAlign=top;align=center;outlineConnect=0;dashed=0;`;

/** A readable title for a stencil name: its last part, underscores as spaces. */
const titleOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1).replace(/_/g, ' ');

export class StencilPalette {
  private readonly scratchHost = el('div', { className: 'de-lib-scratch', 'aria-hidden': 'true' });
  private scratch: Graph | null = null;
  private readonly sections = el('div', { 'data-testid': 'palette-stencil-sections' });
  private readonly results = el('div', { className: 'de-palette-grid de-stencil-grid', 'data-testid': 'palette-search-results' });
  private readonly note = el('p', { className: 'de-palette-note', role: 'status', 'data-testid': 'palette-search-note' });
  private searchRun = 0;

  constructor(private readonly root: HTMLElement, private readonly host: PaletteHost) {
    const search = el('input', { type: 'search', className: 'de-palette-search', placeholder: 'Search shapes', 'aria-label': 'Search shapes', 'data-testid': 'palette-search' });
    let timer = 0;
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void this.search(search.value), 200);
    });
    const more = el('button', { type: 'button', className: 'de-btn de-palette-more', textContent: 'More shapes…', 'data-testid': 'palette-more-shapes' });
    more.addEventListener('click', () => void this.openMoreShapes());
    root.prepend(this.scratchHost, el('h3', { className: 'de-palette-title', textContent: 'Search' }), search, this.note, this.results);
    root.append(this.sections, more);
    void this.showSections();
  }

  destroy(): void {
    this.scratch?.destroy();
  }

  /** The chosen libraries as collapsed sections. */
  private async showSections(): Promise<void> {
    let all: LibraryInfo[];
    try {
      all = await libraries();
    } catch {
      return; // no stencil assets next to this page: the palette keeps its built-in shapes
    }
    this.sections.replaceChildren();
    for (const id of chosenLibraries(all)) {
      const info = all.find((l) => l.id === id)!;
      const grid = el('div', { className: 'de-palette-grid de-stencil-grid', hidden: true });
      const heading = el('button', { type: 'button', className: 'de-palette-title de-stencil-title', textContent: `${info.title} (${info.shapes})`,
        'aria-expanded': 'false', 'data-testid': `palette-section-${id}` });
      heading.addEventListener('click', () => {
        const open = grid.hidden;
        grid.hidden = !open;
        heading.setAttribute('aria-expanded', String(open));
        if (open && grid.childElementCount === 0) void this.fill(grid, id);
      });
      this.sections.append(heading, grid);
    }
  }

  private async fill(grid: HTMLElement, id: string): Promise<void> {
    try {
      const shapes = await loadLibrary(id);
      for (const [i, shape] of shapes.entries()) {
        grid.appendChild(this.button(shape));
        if (i % 25 === 24) await new Promise((resolve) => setTimeout(resolve)); // keep the tab responsive for large libraries
      }
    } catch (e) {
      this.host.setStatus(`The shape library cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  /** Shows the shapes whose name or library title holds every word of `query` (at most maxResults). */
  private async search(query: string): Promise<void> {
    const run = ++this.searchRun;
    const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '').slice(0, 8);
    this.results.replaceChildren();
    this.note.textContent = '';
    if (words.length === 0) return;
    try {
      const [all, shapes] = await Promise.all([libraries(), catalog()]);
      const found: Array<{ library: string; name: string }> = [];
      let total = 0;
      for (const info of all) {
        for (const [shapeName] of shapes[info.id] ?? []) {
          const name = stencilName(info.package, shapeName);
          const haystack = `${name.replace(/_/g, ' ')} ${info.title.toLowerCase()}`;
          if (!words.every((w) => haystack.includes(w))) continue;
          total++;
          if (found.length < maxResults) found.push({ library: info.id, name });
        }
      }
      const loaded = new Map<string, LibraryShape[]>();
      for (const id of new Set(found.map((f) => f.library))) loaded.set(id, await loadLibrary(id));
      if (run !== this.searchRun) return;
      for (const f of found) {
        const shape = loaded.get(f.library)?.find((s) => s.name === f.name);
        if (shape) this.results.appendChild(this.button(shape));
      }
      this.note.textContent = total === 0 ? 'No shape matches.' : total > found.length ? `${found.length} of ${total} shapes; type more to narrow.` : `${total} shape${total === 1 ? '' : 's'}.`;
    } catch (e) {
      if (run === this.searchRun) this.note.textContent = `Shapes cannot be searched: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private button(shape: LibraryShape): HTMLElement {
    const title = titleOf(shape.name);
    const button = el('button', { type: 'button', className: 'de-palette-item', title: `${title} (${shape.name})`, 'data-testid': `palette-stencil-${shape.name}` },
      [this.thumbnail(shape.name), el('span', { textContent: title })]);
    wireItem(this.host.graph as AbstractGraph, button, this.item(shape));
    return button;
  }

  private item(shape: LibraryShape): PaletteItem {
    const ratio = Math.min(1, 120 / Math.max(shape.width, shape.height, 1));
    const width = Math.max(10, Math.round(shape.width * ratio));
    const height = Math.max(10, Math.round(shape.height * ratio));
    return {
      id: `stencil-${shape.name}`, title: titleOf(shape.name), width, height, icon: '',
      insert: (graph, parent, x, y) => graph.insertVertex(parent, null, '', x, y, width, height, parseStyle(stencilStyle(shape.name))),
    };
  }

  /** The stencil drawn once into a hidden graph, as a small SVG. */
  private thumbnail(name: string): SVGSVGElement {
    this.scratch ??= createGraph(this.scratchHost);
    const graph = this.scratch;
    graph.getDataModel().clear();
    graph.insertVertex(graph.getDefaultParent(), null, '', 0, 0, 40, 40, parseStyle(stencilStyle(name)));
    const svg = (this.scratchHost.querySelector('svg')?.cloneNode(true) ?? document.createElementNS('http://www.w3.org/2000/svg', 'svg')) as SVGSVGElement;
    svg.removeAttribute('style');
    svg.setAttribute('viewBox', '-2 -2 44 44');
    svg.setAttribute('width', String(thumbnailSize));
    svg.setAttribute('height', String(thumbnailSize));
    svg.setAttribute('aria-hidden', 'true');
    svg.classList.add('de-lib-thumb');
    return svg;
  }

  private async openMoreShapes(): Promise<void> {
    const { openMoreShapesDialog } = await import('./later');
    const all = await libraries();
    openMoreShapesDialog(this.root.closest('.de-root') ?? document.body, all, chosenLibraries(all), (ids) => {
      saveChosenLibraries(ids);
      void this.showSections();
    });
  }
}

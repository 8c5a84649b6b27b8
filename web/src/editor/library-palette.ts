// Shape libraries in the palette (a Visio stencil converted by the server): one section per library whose items
// insert the entry's cells, like the built-in items (click: a free spot; drag: where dropped), several cells as one
// group. Libraries last for the editing session: they are not saved into the diagram. Each entry is drawn once
// into a hidden read-only graph; its SVG becomes the item's thumbnail and the same graph supplies the cells to insert.
import { Cell, Geometry, type AbstractGraph, type Graph } from '@maxgraph/core';
import { createGraph, loadModel } from '../shared/graph';
import { DiagramFileError } from '../shared/mxfile';
import { el } from './dom';
import { libraryLimits, readLibrary, type LibraryEntry } from './library';
import { wireItem } from './palette';
import type { PaletteItem } from './palette-items';
import { parseStyle } from './styles';

const thumbnailSize = 32;

export class LibraryPalette {
  private readonly scratchHost = el('div', { className: 'de-lib-scratch', 'aria-hidden': 'true' });
  private readonly scratch: Graph;
  private added = 0;

  constructor(private readonly palette: HTMLElement, private readonly graph: AbstractGraph) {
    palette.appendChild(this.scratchHost);
    this.scratch = createGraph(this.scratchHost);
    this.scratch.setEnabled(false);
  }

  /** Adds the library as a palette section; answers how many shapes it shows and how many it left out. Throws when the text is not a usable library. */
  async add(name: string, text: string): Promise<{ shown: number; skipped: number }> {
    if (this.added >= libraryLimits.maxLibraries) {
      throw new DiagramFileError(`${name} was not added: at most ${libraryLimits.maxLibraries} libraries can be open in one editing session.`);
    }
    let entries: LibraryEntry[];
    let skipped: number;
    try {
      ({ entries, skipped } = await readLibrary(text));
    } catch (e) {
      throw new DiagramFileError(`${name} is not a valid shape library: ${e instanceof Error ? e.message : String(e)}`);
    }
    const n = this.added++;
    const title = `Library: ${name.slice(0, 100)}`;
    const heading = el('h3', { className: 'de-palette-title de-lib-title', textContent: title, 'data-testid': `palette-library-${n}-title`,
      title: `Shapes from ${name}, for this editing session only: the library is not saved with the diagram.` });
    const grid = el('div', { className: 'de-palette-grid' });
    const section = el('section', { className: 'de-lib', 'data-testid': `palette-library-${n}`, 'aria-label': title }, [heading, grid]);
    this.palette.appendChild(section);
    let shown = 0;
    for (const [i, entry] of entries.entries()) {
      const thumbnail = this.draw(entry);
      if (!thumbnail) {
        skipped++;
        continue;
      }
      const button = el('button', { type: 'button', className: 'de-palette-item', title: entry.title, 'data-testid': `palette-lib-${n}-${i}` },
        [thumbnail, el('span', { textContent: entry.title })]);
      grid.appendChild(button);
      wireItem(this.graph, button, this.item(n, i, entry));
      shown++;
      if (shown % 25 === 0) await new Promise((resolve) => setTimeout(resolve)); // keep the tab responsive for large libraries
    }
    if (shown === 0) {
      section.remove();
      this.added--;
      throw new DiagramFileError(`${name} is not a valid shape library: none of its shapes can be drawn.`);
    }
    // Show the new section (the palette alone scrolls: scrollIntoView could move the host page around the iframe).
    this.palette.scrollTop += section.getBoundingClientRect().top - this.palette.getBoundingClientRect().top - 8;
    return { shown, skipped };
  }

  destroy(): void {
    this.scratch.destroy();
  }

  /** The entry drawn as an SVG thumbnail, or null when its model cannot be drawn. */
  private draw(entry: LibraryEntry): SVGSVGElement | null {
    try {
      loadModel(this.scratch, entry.model);
    } catch {
      return null;
    }
    const bounds = this.scratch.getGraphBounds();
    const svg = this.scratchHost.querySelector('svg')?.cloneNode(true) as SVGSVGElement | undefined;
    if (!svg || (bounds.width <= 0 && bounds.height <= 0)) return null;
    svg.removeAttribute('style');
    const pad = Math.max(bounds.width, bounds.height) * 0.04 + 1;
    svg.setAttribute('viewBox', `${bounds.x - pad} ${bounds.y - pad} ${bounds.width + 2 * pad} ${bounds.height + 2 * pad}`);
    svg.setAttribute('width', String(thumbnailSize));
    svg.setAttribute('height', String(thumbnailSize));
    svg.setAttribute('aria-hidden', 'true');
    svg.classList.add('de-lib-thumb');
    return svg;
  }

  private item(n: number, i: number, entry: LibraryEntry): PaletteItem {
    return {
      id: `lib-${n}-${i}`, title: entry.title, width: entry.width, height: entry.height, icon: '',
      insert: (graph, parent, x, y) => {
        loadModel(this.scratch, entry.model);
        const cells = this.scratch.getDataModel().getRoot()?.getChildren().flatMap((layer) => layer.getChildren()) ?? [];
        const bounds = this.scratch.getBoundingBoxFromGeometry(cells, true);
        const imported = graph.importCells(cells, x - (bounds?.x ?? 0), y - (bounds?.y ?? 0), parent);
        if (imported.length === 1) return imported[0];
        const group = new Cell('', new Geometry(), parseStyle('group'));
        group.setVertex(true);
        group.setConnectable(false);
        return graph.groupCells(group, 0, imported);
      },
    };
  }
}

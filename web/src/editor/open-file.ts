// Bringing diagrams in: a file (Open file, or dropped on the canvas) or draw.io XML from the clipboard.
// .drawio/.xml, .drawio.png and .drawio.svg are read here in the browser, through the same bounded parsing as every
// draw.io file (shared/mxfile: no DTD, page and size limits) and nothing is sent anywhere, so they work under
// lockdown; .vsdx/.gliffy go to the server imports the host passed, and are refused with the host's notice when there
// are none (lockdown). Everything is read and checked before the diagram changes: a bad file changes nothing.
//
// Where the pages go follows draw.io's Import (EditorUi.importXml), which never replaces work and so asks nothing:
// into a diagram that is one empty page the file opens as it is (its pages, names and settings); otherwise a one-page
// file's shapes are added to the current page (selected, one undo step), at the drop point or a free spot, and a file
// with several pages adds its pages after the existing ones.
import { type Cell, type Graph } from '@maxgraph/core';
import { createGraph, drawnCells, loadModel } from '../shared/graph';
import { DiagramFileError, fileLimits, parseXml, readDiagramFile, type DiagramPage } from '../shared/mxfile';
import { el } from './dom';
import type { Pages } from './pages';
import { freeSpot } from './palette';
import { clipboardXml, isDiagramText, type Importer } from './open-file-button';

export interface ImportHost {
  graph: Graph;
  pages: Pages;
  setStatus(text: string, kind?: 'info' | 'error'): void;
  /** The diagram changed in a way the model's change events do not report (its pages were replaced). */
  markDirty(): void;
  /** Shows the page after its pages were replaced (zoom and scroll as after a load). */
  showContent(): void;
  /** The server imports this site allows, each taking the file from here on (status, result). */
  visio?: (file: File) => void;
  gliffy?: (file: File) => void;
  /** Why server features are off (the lockdown notice), for refusing a .vsdx/.gliffy. */
  serverNotice?: string;
}

type Kind = 'drawio' | 'png' | 'svg' | 'visio' | 'gliffy';

const kinds: Array<[RegExp, Kind]> = [
  [/\.(drawio|dio|xml)$/i, 'drawio'], [/\.png$/i, 'png'], [/\.svg$/i, 'svg'],
  [/\.(vsdx|vsd|vdx|vssx|vss|vsx)$/i, 'visio'], [/\.gliffy$/i, 'gliffy'],
];

export function createImporter(host: ImportHost): Importer {
  const fail = (what: string, e: unknown) => {
    const reason = e instanceof Error ? e.message : String(e);
    host.setStatus(`${what} cannot be opened: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, 'error');
  };

  async function openFile(file: File, at?: { x: number; y: number }): Promise<void> {
    const kind = kinds.find(([pattern]) => pattern.test(file.name))?.[1];
    if (!kind) {
      fail(file.name, new DiagramFileError('only draw.io files (.drawio, .xml, .drawio.png, .drawio.svg), Visio (.vsdx) and Gliffy (.gliffy) files can be opened.'));
      return;
    }
    if (kind === 'visio' || kind === 'gliffy') {
      const server = kind === 'visio' ? host.visio : host.gliffy;
      if (server) server(file);
      else fail(file.name, new DiagramFileError(`${kind === 'visio' ? 'Visio' : 'Gliffy'} files are converted by our servers. ${host.serverNotice ?? 'This site has not enabled that import.'}`));
      return;
    }
    try {
      if (file.size > fileLimits.maxFileBytes) {
        throw new DiagramFileError(`the file has ${mib(file.size)}; files of at most ${mib(fileLimits.maxFileBytes)} can be opened.`);
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { diagramFromPng, diagramFromSvg } = await import('./embedded'); // loaded on the first .drawio.png/.svg
      const xml = kind === 'png' ? await diagramFromPng(bytes)
        : kind === 'svg' ? diagramFromSvg(new TextDecoder().decode(bytes))
          : new TextDecoder().decode(bytes);
      await add(await readPages(xml), file.name, at);
    } catch (e) {
      fail(file.name, e);
    }
  }

  async function pasteText(text: string): Promise<void> {
    try {
      if (text.length > fileLimits.maxFileBytes) {
        throw new DiagramFileError(`it has more than ${mib(fileLimits.maxFileBytes)}.`);
      }
      await add(await readPages(clipboardXml(text)), 'the pasted diagram');
    } catch (e) {
      fail('The pasted diagram', e);
    }
  }

  /** Puts the pages into the diagram (see the top of this file); nothing has changed until every page has been read. */
  async function add(imported: DiagramPage[], source: string, at?: { x: number; y: number }): Promise<void> {
    const { graph, pages } = host;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (pages.count === 1 && drawnCells(graph).length === 0) {
      const keepName = imported.length === 1 && imported[0].id === 'page-1' ? pages.names()[0] : null; // a bare <mxGraphModel>
      pages.reset(keepName ? [{ ...imported[0], name: keepName }] : imported);
      host.showContent();
      host.markDirty();
      host.setStatus(`Opened ${source}: ${plural(imported.length, 'page')}.`);
    } else if (imported.length === 1) {
      const cells = insertModel(graph, imported[0].model, at);
      host.setStatus(`Added ${plural(cells.length, 'shape')} from ${source} to this page.`);
    } else {
      pages.append(imported);
      host.setStatus(`Added ${plural(imported.length, 'page')} from ${source} after the existing pages.`);
    }
  }

  return { openFile, pasteText, isDiagramText };
}

/** The file's pages, each checked to be a diagram model, so that showing any of them later cannot fail. */
async function readPages(xml: string): Promise<DiagramPage[]> {
  const pages = await readDiagramFile(xml);
  for (const page of pages) {
    const root = parseXml(page.model).documentElement.nodeName;
    if (root !== 'mxGraphModel') throw new DiagramFileError(`its page "${page.name}" holds <${root}>, expected <mxGraphModel>.`);
  }
  return pages;
}

/**
 * Adds a page's cells (of every layer) to the current layer as one undoable change and selects them: at `at` (graph
 * coordinates), at their own place on an empty page, or else at a free spot in view. Throws when the page has no shapes.
 */
function insertModel(graph: Graph, model: string, at?: { x: number; y: number }): Cell[] {
  const scratchHost = el('div', { className: 'de-lib-scratch', 'aria-hidden': 'true' });
  document.body.appendChild(scratchHost);
  const scratch = createGraph(scratchHost);
  try {
    loadModel(scratch, model);
    const cells = scratch.getDataModel().getRoot()?.getChildren().flatMap((layer) => layer.getChildren()) ?? [];
    const bounds = cells.length ? scratch.getBoundingBoxFromGeometry(cells, true) : null;
    if (!bounds) throw new DiagramFileError('it has no shapes.');
    const empty = graph.getChildCells(graph.getDefaultParent()).length === 0;
    const target = at ?? (empty ? { x: bounds.x, y: bounds.y } : freeSpot(graph, bounds));
    let imported: Cell[] = [];
    graph.batchUpdate(() => {
      imported = graph.importCells(cells, graph.snap(target.x) - bounds.x, graph.snap(target.y) - bounds.y, graph.getDefaultParent());
    });
    graph.setSelectionCells(imported);
    if (imported[0]) graph.scrollCellToVisible(imported[0]);
    return imported;
  } finally {
    scratch.destroy();
    scratchHost.remove();
  }
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(bytes % 1048576 === 0 ? 0 : 1)} MiB`;

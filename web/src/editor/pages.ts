// The diagram's pages. The page on screen lives in the graph's model; the others are kept as
// <mxGraphModel> XML (what a save writes) and, once shown, as their live cells with their own undo
// history, so switching pages neither loses nor mixes up anyone's undo steps.
import { InternalEvent, UndoManager, type Cell, type EventObject, type Graph } from '@maxgraph/core';
import { loadModel } from '../shared/graph';
import { applyPageStyle, readPageStyle } from '../draw/page-style';
import { parseXml, type DiagramPage } from '../shared/mxfile';
import { defaultModelAttributes, modelAttributes, writeModel } from './model-xml';

const emptyModel = '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/></root></mxGraphModel>';

interface Page extends DiagramPage {
  attributes: Record<string, string>;
  /** The page's undo history (edits refer to the page's live cells, below). */
  history: UndoManager;
  /** The page's root cell while it is not on screen, once it has been shown. */
  root?: Cell;
}

export class Pages {
  private pages: Page[] = [];
  private currentIndex = 0;
  /** True while a page is being put into the graph (its model changes are not edits). */
  loading = false;

  /** `onShown` runs after a page is shown, `onEdited` after pages are added, removed or renamed. */
  constructor(private readonly graph: Graph, private readonly onShown: () => void, private readonly onEdited: () => void) {
    // Edits go to the shown page's history; putting a page into the graph is not an edit.
    const record = (_sender: unknown, evt: EventObject) => { if (!this.loading) this.pages[this.currentIndex]?.history.undoableEditHappened(evt.getProperty('edit')); };
    graph.getDataModel().addListener(InternalEvent.UNDO, record);
    graph.getView().addListener(InternalEvent.UNDO, record);
  }

  get count(): number { return this.pages.length; }
  get current(): number { return this.currentIndex; }
  names(): string[] { return this.pages.map((p) => p.name); }
  ids(): string[] { return this.pages.map((p) => p.id); }
  /** The undo history of the page on screen. */
  get history(): UndoManager { return this.pages[this.currentIndex]?.history ?? new UndoManager(); }

  /** Replaces all pages and shows the first. */
  reset(pages: DiagramPage[]): void {
    this.pages = pages.length ? pages.map((p) => ({ ...p, attributes: {}, history: new UndoManager() })) : [newPage(1, [])];
    this.currentIndex = 0;
    this.show(0);
  }

  /** Adds pages after the existing ones (an import that does not replace the diagram); a name in use gets a number. */
  append(pages: DiagramPage[]): void {
    this.store();
    const first = this.pages.length;
    for (const page of pages) {
      const taken = new Set(this.pages.map((p) => p.id));
      const name = freeName(page.name, this.pages.map((p) => p.name));
      this.pages.push({ ...page, name, id: taken.has(page.id) ? randomId() : page.id, attributes: {}, history: new UndoManager() });
    }
    this.show(first);
    this.onEdited();
  }

  add(): void {
    this.store();
    this.pages.push(newPage(this.pages.length + 1, this.pages.map((p) => p.name)));
    this.show(this.pages.length - 1);
    this.onEdited();
  }

  remove(index: number): void {
    if (this.pages.length <= 1) return;
    this.store();
    this.pages.splice(index, 1);
    this.show(Math.min(index, this.pages.length - 1));
    this.onEdited();
  }

  rename(index: number, name: string): void {
    const trimmed = name.trim();
    if (!trimmed || !this.pages[index] || this.pages[index].name === trimmed) return;
    this.pages[index].name = trimmed.slice(0, 200);
    this.onEdited();
  }

  select(index: number): void {
    if (index === this.currentIndex || !this.pages[index]) return;
    this.store();
    this.show(index);
  }

  /** Every page as draw.io pages, the shown one written from the graph. */
  snapshot(): DiagramPage[] {
    return this.pages.map((p, i) => ({
      id: p.id, name: p.name,
      model: i === this.currentIndex ? writeModel(this.graph.getDataModel(), this.currentAttributes()) : p.model,
    }));
  }

  private currentAttributes(): Record<string, string> {
    const page = this.pages[this.currentIndex];
    return Object.keys(page.attributes).length ? page.attributes : { ...defaultModelAttributes };
  }

  private store(): void {
    const page = this.pages[this.currentIndex];
    if (!page) return;
    page.model = writeModel(this.graph.getDataModel(), this.currentAttributes());
    page.root = this.graph.getDataModel().getRoot() ?? undefined;
  }

  private show(index: number): void {
    this.currentIndex = index;
    const page = this.pages[index];
    const graph = this.graph;
    graph.stopEditing(true);
    graph.clearSelection();
    this.loading = true;
    try {
      if (page.root) {
        // The same cell objects the page's undo history refers to.
        if (graph.getDataModel().getRoot() !== page.root) graph.getDataModel().setRoot(page.root);
        page.root = undefined;
      } else {
        loadModel(graph, page.model);
        const doc = parseXml(page.model);
        page.attributes = modelAttributes(doc);
      }
    } finally {
      this.loading = false;
    }
    applyPageStyle(graph, readPageStyle(page.attributes));
    this.onShown();
  }
}


function newPage(n: number, names: string[]): Page {
  let name = `Page-${n}`;
  for (let i = n; names.includes(name); i++) name = `Page-${i + 1}`;
  return { id: randomId(), name, model: emptyModel, attributes: { ...defaultModelAttributes }, history: new UndoManager() };
}

/** `name`, or `name (2)`, `name (3)`… when a page already has it. */
function freeName(name: string, names: string[]): string {
  let candidate = name;
  for (let i = 2; names.includes(candidate); i++) candidate = `${name} (${i})`;
  return candidate;
}

/** The page draws nothing: no vertex or edge in its model. */
export function isEmptyPage(page: DiagramPage): boolean {
  return parseXml(page.model).querySelector('mxCell[vertex="1"], mxCell[edge="1"]') === null;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

// The diagram's pages. The page on screen lives in the graph's model; the others are kept as
// <mxGraphModel> XML until shown, so each page is its own model with its own settings.
import type { Graph } from '@maxgraph/core';
import { loadModel } from '../shared/graph';
import { parseXml, type DiagramPage } from '../shared/mxfile';
import { defaultModelAttributes, modelAttributes, writeModel } from './model-xml';
import { parseStyle } from './styles';

const emptyModel = '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/></root></mxGraphModel>';

interface Page extends DiagramPage {
  attributes: Record<string, string>;
}

export class Pages {
  private pages: Page[] = [];
  private currentIndex = 0;
  /** True while a page is being put into the graph (its model changes are not edits). */
  loading = false;

  /** `onShown` runs after a page is shown, `onEdited` after pages are added, removed or renamed. */
  constructor(private readonly graph: Graph, private readonly onShown: () => void, private readonly onEdited: () => void) {}

  get count(): number { return this.pages.length; }
  get current(): number { return this.currentIndex; }
  names(): string[] { return this.pages.map((p) => p.name); }

  /** Replaces all pages and shows the first. */
  reset(pages: DiagramPage[]): void {
    this.pages = pages.length ? pages.map((p) => ({ ...p, attributes: {} })) : [newPage(1, [])];
    this.currentIndex = 0;
    this.show(0);
  }

  /** Adds pages after the existing ones (an import that does not replace the diagram). */
  append(pages: DiagramPage[]): void {
    this.store();
    const first = this.pages.length;
    for (const page of pages) {
      const taken = new Set(this.pages.map((p) => p.id));
      this.pages.push({ ...page, id: taken.has(page.id) ? randomId() : page.id, attributes: {} });
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
    if (page) page.model = writeModel(this.graph.getDataModel(), this.currentAttributes());
  }

  private show(index: number): void {
    this.currentIndex = index;
    const page = this.pages[index];
    const graph = this.graph;
    graph.stopEditing(true);
    graph.clearSelection();
    this.loading = true;
    try {
      loadModel(graph, page.model);
      const doc = parseXml(page.model);
      page.attributes = modelAttributes(doc);
      restoreStyles(graph, doc);
    } finally {
      this.loading = false;
    }
    this.onShown();
  }
}

/**
 * maxGraph's reader splits `key=value` at every '=' (a base64 image loses its padding); the styles
 * are parsed again from the file with draw.io's rule (first '=' only).
 */
function restoreStyles(graph: Graph, doc: Document): void {
  const model = graph.getDataModel();
  for (const element of Array.from(doc.getElementsByTagName('mxCell'))) {
    const style = element.getAttribute('style');
    if (style === null) continue;
    const parent = element.parentElement;
    const wrapped = parent && (parent.nodeName === 'UserObject' || parent.nodeName === 'object');
    const id = (wrapped ? parent.getAttribute('id') : null) ?? element.getAttribute('id');
    const cell = id === null ? null : model.getCell(id);
    if (cell) cell.style = parseStyle(style);
  }
  graph.getView().clear(undefined, true, true);
  graph.refresh();
}

function newPage(n: number, names: string[]): Page {
  let name = `Page-${n}`;
  for (let i = n; names.includes(name); i++) name = `Page-${i + 1}`;
  return { id: randomId(), name, model: emptyModel, attributes: { ...defaultModelAttributes } };
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

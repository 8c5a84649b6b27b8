// Reading a draw.io shape library (<mxlibrary>, what the Converter answers for a Visio stencil): a JSON array
// of {xml, w, h, title}, where xml is an <mxGraphModel> either plain or compressed (base64 of raw deflate of
// encodeURIComponent(xml)), or {data} with a data:image URI. Every model goes through the same parsing as a
// diagram file (DOMParser, no DTD); labels are sanitised when drawn, as everywhere else.
import { DiagramFileError, parseXml, readDiagramFile } from '../shared/mxfile';
import { imageStyle } from './palette-items';

export interface LibraryEntry {
  title: string;
  width: number;
  height: number;
  /** The entry's cells as an <mxGraphModel>. */
  model: string;
}

export const libraryLimits = { maxEntries: 500, maxLibraries: 10 };

const imageData = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/;

/** The library's readable entries and how many were left out; throws DiagramFileError saying what is wrong when none is usable. */
export async function readLibrary(text: string): Promise<{ entries: LibraryEntry[]; skipped: number }> {
  const root = parseXml(text).documentElement;
  if (root.nodeName !== 'mxlibrary') throw new DiagramFileError(`the root element is <${root.nodeName}>, expected <mxlibrary>.`);
  let list: unknown;
  try {
    list = JSON.parse(root.textContent ?? '');
  } catch {
    throw new DiagramFileError('its content is not a JSON list of shapes.');
  }
  if (!Array.isArray(list)) throw new DiagramFileError('its content is not a JSON list of shapes.');
  if (list.length === 0) throw new DiagramFileError('it holds no shapes.');
  if (list.length > libraryLimits.maxEntries) {
    throw new DiagramFileError(`it holds ${list.length} shapes; a library may hold at most ${libraryLimits.maxEntries}.`);
  }
  const entries: LibraryEntry[] = [];
  let firstProblem = '';
  for (const [index, raw] of list.entries()) {
    try {
      entries.push(await readEntry(raw, index));
    } catch (e) {
      firstProblem ||= `shape ${index + 1}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (entries.length === 0) throw new DiagramFileError(`none of its shapes can be read (${firstProblem}).`);
  return { entries, skipped: list.length - entries.length };
}

async function readEntry(raw: unknown, index: number): Promise<LibraryEntry> {
  if (typeof raw !== 'object' || raw === null) throw new DiagramFileError('not an object.');
  const entry = raw as Record<string, unknown>;
  const width = size(entry.w);
  const height = size(entry.h);
  const title = typeof entry.title === 'string' && entry.title.trim() ? entry.title.trim().slice(0, 200) : `Shape ${index + 1}`;
  let model: string;
  if (typeof entry.xml === 'string') {
    model = entry.xml.trimStart().startsWith('<') ? entry.xml : await inflate(entry.xml);
  } else if (typeof entry.data === 'string' && imageData.test(entry.data)) {
    model = imageModel(entry.data, width ?? 80, height ?? 80);
  } else {
    throw new DiagramFileError('it has neither xml nor an image.');
  }
  const doc = parseXml(model);
  if (doc.documentElement.nodeName !== 'mxGraphModel') throw new DiagramFileError(`<${doc.documentElement.nodeName}> instead of <mxGraphModel>.`);
  if (!doc.querySelector('mxCell[vertex="1"], mxCell[edge="1"]')) throw new DiagramFileError('it has no shapes.');
  return { title, width: width ?? 80, height: height ?? 80, model };
}

/** draw.io's compressed form, inflated by the diagram reader (the same limits as a compressed page). */
async function inflate(encoded: string): Promise<string> {
  const doc = document.implementation.createDocument(null, 'mxfile', null);
  const diagram = doc.createElement('diagram');
  diagram.textContent = encoded;
  doc.documentElement.appendChild(diagram);
  const [page] = await readDiagramFile(new XMLSerializer().serializeToString(doc));
  return page.model;
}

function imageModel(data: string, width: number, height: number): string {
  const doc = document.implementation.createDocument(null, 'mxGraphModel', null);
  const root = doc.createElement('root');
  const cell = (attributes: Record<string, string>) => {
    const element = doc.createElement('mxCell');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    root.appendChild(element);
    return element;
  };
  cell({ id: '0' });
  cell({ id: '1', parent: '0' });
  const image = cell({ id: '2', value: '', style: imageStyle(data), vertex: '1', parent: '1' });
  const geometry = doc.createElement('mxGeometry');
  geometry.setAttribute('width', String(width));
  geometry.setAttribute('height', String(height));
  geometry.setAttribute('as', 'geometry');
  image.appendChild(geometry);
  doc.documentElement.appendChild(root);
  return new XMLSerializer().serializeToString(doc);
}

function size(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 4000) : undefined;
}

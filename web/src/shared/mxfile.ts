// Reading and writing draw.io files in the browser (REFERENCE §7).
// A file is <mxfile> with one <diagram> per page; a page holds either an <mxGraphModel> element
// or the compressed form: base64 of raw deflate of encodeURIComponent(xml). Readers accept both;
// writers write plain XML. A bare <mxGraphModel> document is read as one page.

export interface DiagramPage {
  id: string;
  name: string;
  /** The page's <mxGraphModel> as XML text. */
  model: string;
}

export class DiagramFileError extends Error {}

/**
 * Limits applied to anything we read: a hostile file must not exhaust the tab. `maxFileBytes` bounds a file the user
 * opens, drops or pastes (draw.io XML, or a .drawio.png/.drawio.svg carrying it), as a compressed page is bounded.
 */
export const fileLimits = { maxPages: 100, maxInflatedChars: 20 * 1024 * 1024, maxFileBytes: 20 * 1024 * 1024 };

export async function readDiagramFile(text: string): Promise<DiagramPage[]> {
  const doc = parseXml(text);
  const root = doc.documentElement;
  if (root.nodeName === 'mxGraphModel') {
    return [{ id: 'page-1', name: 'Page-1', model: text }];
  }
  if (root.nodeName !== 'mxfile') {
    throw new DiagramFileError(`Not a draw.io file: the root element is <${root.nodeName}>, expected <mxfile>.`);
  }
  const diagrams = Array.from(root.children).filter((e) => e.nodeName === 'diagram');
  if (diagrams.length === 0) throw new DiagramFileError('The draw.io file has no pages.');
  if (diagrams.length > fileLimits.maxPages) {
    throw new DiagramFileError(`The draw.io file has ${diagrams.length} pages; at most ${fileLimits.maxPages} are allowed.`);
  }
  const pages: DiagramPage[] = [];
  for (const [index, diagram] of diagrams.entries()) {
    const id = diagram.getAttribute('id') || `page-${index + 1}`;
    const name = diagram.getAttribute('name') || `Page-${index + 1}`;
    const element = Array.from(diagram.children).find((e) => e.nodeName === 'mxGraphModel');
    let model = element
      ? new XMLSerializer().serializeToString(element)
      : await inflatePage(diagram.textContent ?? '');
    const background = diagram.getAttribute('background');
    if (background) model = withModelBackground(model, background);
    pages.push({ id, name, model });
  }
  return pages;
}

/** draw.io may keep a page's background on its <diagram>: it moves to the <mxGraphModel> unless that has its own. */
function withModelBackground(model: string, background: string): string {
  const doc = parseXml(model);
  if (doc.documentElement.hasAttribute('background')) return model;
  doc.documentElement.setAttribute('background', background);
  return new XMLSerializer().serializeToString(doc);
}

/** Writes plain (uncompressed) pages, the form draw.io and our readers open. */
export function writeDiagramFile(pages: DiagramPage[]): string {
  const doc = document.implementation.createDocument(null, 'mxfile', null);
  const root = doc.documentElement;
  root.setAttribute('host', 'securediagrams');
  root.setAttribute('pages', String(pages.length));
  for (const page of pages) {
    const diagram = doc.createElement('diagram');
    diagram.setAttribute('id', page.id);
    diagram.setAttribute('name', page.name);
    const model = parseXml(page.model).documentElement;
    diagram.appendChild(doc.importNode(model, true));
    root.appendChild(diagram);
  }
  return new XMLSerializer().serializeToString(doc);
}

/**
 * Parses XML with no DTD: a document type declaration (which is where entities are defined) is refused wherever it
 * stands, also after a long comment, so no entity can be expanded. Markup text can hold the letters `<!DOCTYPE` only in
 * a comment or CDATA section, never in a label (an attribute value escapes its `<`), so the plain search refuses no
 * draw.io file.
 */
export function parseXml(text: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new DiagramFileError('The file declares a DTD; draw.io files never do.');
  }
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new DiagramFileError(`The file is not well-formed XML: ${error.textContent?.trim().split('\n')[0] ?? ''}`);
  if (doc.doctype) throw new DiagramFileError('The file declares a DTD; draw.io files never do.');
  return doc;
}

async function inflatePage(encoded: string): Promise<string> {
  const trimmed = encoded.trim();
  if (trimmed === '') return '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/></root></mxGraphModel>';
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(trimmed), (c) => c.charCodeAt(0));
  } catch {
    throw new DiagramFileError('A compressed page is not valid base64.');
  }
  const text = await inflateText(bytes, 'deflate-raw', 'A compressed page');
  try {
    return decodeURIComponent(text);
  } catch {
    throw new DiagramFileError('A compressed page is not URI-encoded XML.');
  }
}

/** Inflates `bytes` to UTF-8 text of at most `maxChars` characters; `what` names the data in errors. */
export async function inflateText(bytes: Uint8Array, format: 'deflate' | 'deflate-raw' | 'gzip', what: string, maxChars = fileLimits.maxInflatedChars): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(format));
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      if (text.length > maxChars) {
        await reader.cancel();
        throw new DiagramFileError(`${what} inflates to more than ${maxChars} characters.`);
      }
    }
  } catch (e) {
    if (e instanceof DiagramFileError) throw e;
    throw new DiagramFileError(`${what} cannot be inflated.`);
  }
  return text;
}

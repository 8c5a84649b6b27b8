// The draw.io diagram inside a .drawio.png or .drawio.svg, as draw.io writes it (drawio's Editor.js):
// - PNG: a text chunk before the image data, keyed "mxfile" (tEXt, the XML URL-encoded; today's draw.io) or
//   "mxGraphModel" (zTXt, deflated, from older versions; Java's URL encoder wrote '+' for spaces), or an iTXt chunk;
// - SVG: the root's `content` attribute, the mxfile XML as it is, URL-encoded, or base64 (older versions). draw.io
//   starts these SVGs with the SVG 1.1 DOCTYPE (public identifier, no internal subset): that one declaration is
//   dropped before parsing, any other DTD is refused as in every draw.io file (shared/mxfile parseXml).
// The text found is the file's XML, which the caller reads like a .drawio file; nothing here is drawn or fetched.
import { DiagramFileError, fileLimits, inflateText, parseXml } from '../shared/mxfile';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const keys = new Set(['mxfile', 'mxGraphModel']);

/** The draw.io XML in a PNG's text chunks; throws DiagramFileError when the PNG carries none. */
export async function diagramFromPng(bytes: Uint8Array): Promise<string> {
  if (bytes.length < 8 || pngSignature.some((b, i) => bytes[i] !== b)) throw new DiagramFileError('it is not a PNG image.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cutOff = () => new DiagramFileError('the PNG is cut off (a chunk runs past the end of the file).');
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) throw cutOff();
    const length = view.getUint32(at);
    const type = latin1(bytes.subarray(at + 4, at + 8));
    const start = at + 8;
    if (length > bytes.length - start - 4) throw cutOff();
    if (type === 'IDAT' || type === 'IEND') break; // draw.io writes its chunk before the image data
    const text = await textChunk(type, bytes.subarray(start, start + length));
    if (text !== null) return decodeModel(text);
    at = start + length + 4;
  }
  throw new DiagramFileError('the PNG has no embedded draw.io diagram (draw.io keeps it only in PNGs exported with "Include a copy of my diagram").');
}

/** The text of a tEXt/zTXt/iTXt chunk keyed mxfile or mxGraphModel, or null for any other chunk. */
async function textChunk(type: string, data: Uint8Array): Promise<string | null> {
  if (type !== 'tEXt' && type !== 'zTXt' && type !== 'iTXt') return null;
  const nul = data.indexOf(0);
  if (nul < 1 || !keys.has(latin1(data.subarray(0, nul)))) return null;
  if (type === 'tEXt') return latin1(data.subarray(nul + 1));
  if (type === 'zTXt') return (await inflate(data.subarray(nul + 2))).replace(/\+/g, ' ');
  // iTXt: keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, UTF-8 text.
  const compressed = data[nul + 1] === 1;
  const language = data.indexOf(0, nul + 3);
  const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
  if (translated < 0) throw new DiagramFileError('the PNG\'s diagram chunk is malformed.');
  const body = data.subarray(translated + 1);
  return compressed ? inflate(body) : new TextDecoder().decode(body);
}

/** A zlib stream (RFC 1950) or, as older draw.io wrote it, a raw deflate stream; bounded like a compressed page. */
async function inflate(data: Uint8Array): Promise<string> {
  const zlib = data.length > 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0;
  try {
    return await inflateText(data, zlib ? 'deflate' : 'deflate-raw', 'The PNG\'s diagram');
  } catch (e) {
    if (!zlib || (e instanceof Error && e.message.includes('more than'))) throw e;
    return inflateText(data, 'deflate-raw', 'The PNG\'s diagram'); // raw data that only looked like a zlib header
  }
}

const svgDoctype = /^(\uFEFF?\s*<\?xml[^>]*\?>)?\s*<!DOCTYPE\s+svg\s+PUBLIC\s+"[^"<>[\]]*"\s+"[^"<>[\]]*"\s*>/;

/** The draw.io XML in an SVG root's `content` attribute; throws DiagramFileError when the SVG carries none. */
export function diagramFromSvg(text: string): string {
  const withoutDoctype = text.replace(svgDoctype, (_all, declaration: string | undefined) => declaration ?? '');
  const root = parseXml(withoutDoctype).documentElement;
  if (root.localName !== 'svg') throw new DiagramFileError(`the root element is <${root.nodeName}>, expected <svg>.`);
  const content = root.getAttribute('content')?.trim() ?? '';
  if (!content) throw new DiagramFileError('the SVG has no embedded draw.io diagram (draw.io keeps it only in SVGs exported with "Include a copy of my diagram").');
  if (content.startsWith('<') || content.startsWith('%')) return decodeModel(content);
  let decoded: string;
  try {
    decoded = latin1(Uint8Array.from(atob(content), (c) => c.charCodeAt(0)));
  } catch {
    throw new DiagramFileError('the SVG\'s content attribute is neither draw.io XML nor base64.');
  }
  return decodeModel(decoded);
}

/** draw.io's text: XML, or XML URL-encoded (once, or twice by some versions). */
function decodeModel(text: string): string {
  let xml = text.trim();
  for (let i = 0; i < 2 && xml.startsWith('%'); i++) {
    try {
      xml = decodeURIComponent(xml);
    } catch {
      throw new DiagramFileError('the embedded diagram is not URI-encoded XML.');
    }
  }
  if (xml.length > fileLimits.maxInflatedChars) throw new DiagramFileError(`the embedded diagram has more than ${fileLimits.maxInflatedChars} characters.`);
  return xml;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

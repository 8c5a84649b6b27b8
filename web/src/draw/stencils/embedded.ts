// draw.io's embedded stencils: `shape=stencil(<base64 of raw deflate of the URI-encoded <shape> XML>)`, as draw.io's
// "Edit Shape" writes them. Decoded with bounds (size before and after inflating, elements, depth); a stencil over a
// bound or not decodable is refused, and the cell is then drawn as the unknown-shape placeholder.
import { DiagramFileError, inflateText, parseXml } from '../../shared/mxfile';
import { stencilLimits } from './limits';
import { checkShape, sanitizeShape, StencilError } from './sanitize';

export const isEmbeddedStencil = (name: string): boolean => name.startsWith('stencil(') && name.endsWith(')');

/** The <shape> element of an embedded stencil style value; throws StencilError when it is refused. */
export async function decodeEmbeddedStencil(name: string): Promise<Element> {
  const encoded = name.slice('stencil('.length, -1).trim();
  if (encoded.length > stencilLimits.embeddedBase64Chars) {
    throw new StencilError(`The embedded stencil has ${encoded.length} characters; at most ${stencilLimits.embeddedBase64Chars} are allowed.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  } catch {
    throw new StencilError('The embedded stencil is not valid base64.');
  }
  let text: string;
  try {
    text = await inflateText(bytes, 'deflate-raw', 'The embedded stencil', stencilLimits.embeddedInflatedChars);
  } catch (e) {
    throw new StencilError(e instanceof Error ? e.message : String(e));
  }
  try {
    text = decodeURIComponent(text);
  } catch {
    // Older files hold the XML itself, not URI-encoded.
  }
  let root: Element;
  try {
    root = parseXml(text).documentElement;
  } catch (e) {
    throw new StencilError(e instanceof DiagramFileError ? e.message : 'The embedded stencil is not XML.');
  }
  if (root.nodeName !== 'shape') throw new StencilError(`The embedded stencil is a <${root.nodeName}>, not a <shape>.`);
  checkShape(root);
  sanitizeShape(root, true);
  return root;
}

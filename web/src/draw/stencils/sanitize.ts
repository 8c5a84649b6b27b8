// Checks a stencil's XML before maxGraph draws it: bounded size and depth, no image that would be fetched, and
// (for an embedded stencil) no include of anything but a library stencil, so a stencil cannot include itself.
import { stencilLimits } from './limits';

export class StencilError extends Error {}

/** Throws StencilError when `root` has more elements or deeper nesting than allowed. */
export function checkShape(root: Element, maxElements = stencilLimits.embeddedElements, maxDepth = stencilLimits.embeddedDepth): void {
  const count = root.getElementsByTagName('*').length;
  if (count > maxElements) throw new StencilError(`The stencil has ${count} elements; at most ${maxElements} are allowed.`);
  const depth = (element: Element, level: number): void => {
    if (level > maxDepth) throw new StencilError(`The stencil nests deeper than ${maxDepth} levels.`);
    for (const child of Array.from(element.children)) depth(child, level + 1);
  };
  depth(root, 1);
}

/** Removes what a stencil must not do here: images from anywhere but a data URI; includes other than library stencils when `embedded`. */
export function sanitizeShape(root: Element, embedded: boolean): void {
  for (const image of Array.from(root.getElementsByTagName('image'))) {
    if (!(image.getAttribute('src') ?? '').startsWith('data:image/')) image.remove();
  }
  if (!embedded) return;
  for (const include of Array.from(root.getElementsByTagName('include-shape'))) {
    if (!(include.getAttribute('name') ?? '').startsWith('mxgraph.')) include.remove();
  }
}

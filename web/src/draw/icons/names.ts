// draw.io's bundled icon images: a style's `image=img/lib/<folder>/<file>.svg|png` (as draw.io's sidebars write it)
// names one, drawn from our own copy (icons/, built by web/build-icons.mjs) once loaded, as a data URI. Anything else
// under img/lib/ (`..`, a query, a leading `/`, a name the index lacks) is never loaded and stays undrawn.
import { valuesInModel } from '../stencils/names';

const prefix = 'img/lib/';

/** What may follow img/lib/: one to three folders and a file name, letters, digits, `_`, `-` and inner dots only. */
const pattern = /^(?:[A-Za-z0-9_-]+\/){1,3}[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:svg|png)$/;

/** The icon's name under img/lib/ when `image` names one draw.io bundles in the way its styles do, else null. */
export function iconName(image: unknown): string | null {
  if (typeof image !== 'string' || !image.startsWith(prefix) || image.length > 256) return null;
  const name = image.slice(prefix.length);
  return pattern.test(name) ? name : null;
}

/** `image` points into draw.io's img/lib/ (valid or not): never fetched, drawn only when loaded from our assets. */
export const isIconPath = (image: unknown): boolean => typeof image === 'string' && image.startsWith(prefix);

const loaded = new Map<string, string>();

/** The data URI of the icon `image` names, once loaded. */
export function iconUri(image: string): string | undefined {
  const name = iconName(image);
  return name === null ? undefined : loaded.get(name);
}

export const hasIcon = (name: string): boolean => loaded.has(name);

export function addIcon(name: string, uri: string): void {
  loaded.set(name, uri);
}

/** The icon names (under img/lib/) the cell styles of a page's XML use; at most `max`. */
export function iconsInModel(modelXml: string, max = 2000): Set<string> {
  const names = new Set<string>();
  for (const image of valuesInModel(modelXml, ['image'], max)) {
    const name = iconName(image);
    if (name !== null) names.add(name);
  }
  return names;
}

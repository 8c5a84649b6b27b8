// draw.io's bundled icon images, the part every page loads first: which style images point into draw.io's img/lib/
// (`image=img/lib/azure2/compute/Virtual_Machine.svg`, as its sidebars write them) and the icons loaded so far. The
// name rules and the loading are in ./load.ts, fetched only when a diagram names such an image.

const prefix = 'img/lib/';

/** `image` points into draw.io's img/lib/ (a valid name or not): never fetched, drawn only once loaded from our assets. */
export const isIconPath = (image: unknown): boolean => typeof image === 'string' && image.startsWith(prefix);

/** Data URIs by the style's whole image value; only names ./load.ts checked and found in our index are here. */
const loaded = new Map<string, string>();

/** The data URI of the icon `image` names, once loaded. */
export const iconUri = (image: string): string | undefined => loaded.get(image);

export function addIcon(image: string, uri: string): void {
  loaded.set(image, uri);
}

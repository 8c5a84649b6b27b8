// draw.io conventions every view shares (editor, viewer, PDF render page), kept apart from graph setup so that
// modules on both sides can import them without a cycle.
import { iconUri, isIconPath } from '../draw/icons/names';

/** Attributes of a draw.io <UserObject>/<object> wrapper, kept on the cell so a save writes them back. */
export const wrapperKey = 'drawioWrapper';

export interface WrapperData {
  tag: string;
  attributes: Record<string, string>;
}

/**
 * An image source a view may draw: data URIs (draw.io's `data:image/png,BASE64` fixed up) and draw.io's bundled
 * `img/lib/...` icons once loaded from our own assets (as data URIs), else none: nothing is fetched.
 */
export function safeImage(image: string): string | undefined {
  if (isIconPath(image)) return iconUri(image);
  if (!image.startsWith('data:image/')) return undefined;
  if (image.startsWith('data:image/svg+xml,<')) return `data:image/svg+xml,${encodeURIComponent(image.slice(19))}`;
  if (image.startsWith('data:image/svg+xml,%3C') || image.startsWith('data:image/svg+xml,%3c')) return image;
  const comma = image.indexOf(',');
  if (comma > 0 && !image.slice(0, comma).endsWith(';base64')) return `${image.slice(0, comma)};base64,${image.slice(comma + 1)}`;
  return image;
}

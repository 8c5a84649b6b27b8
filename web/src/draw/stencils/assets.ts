// Where the build's assets are (the stencils/ and icons/ folders next to the page's own script, built by
// web/build-stencils.mjs and web/build-icons.mjs) and fetching them: our own origin only, bounded in size and time.
import { inflateText } from '../../shared/mxfile';
import { stencilLimits } from './limits';

export interface LibraryInfo {
  id: string;
  file: string;
  /** draw.io's package name, lowercase: the prefix of the library's shape names. */
  package: string;
  title: string;
  shapes: number;
  major: boolean;
}

/** The asset folders the build writes next to each bundle. */
export type AssetFolder = 'stencils' | 'icons';

/** The folder holding this bundle's script (read while the script first runs), with its ?v= query; null if not our origin. */
const base: URL | null = (() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src || Array.from(document.scripts).map((s) => s.src).filter((s) => s !== '').pop();
  if (!src) return null;
  const url = new URL('./', src);
  url.search = new URL(src).search;
  return url.origin === location.origin ? url : null;
})();

function assetUrl(folder: AssetFolder, file: string): URL {
  if (!base || !/^[A-Za-z0-9_.-]+$/.test(file) || file.includes('..')) throw new Error(`The asset ${folder}/${file} is not available here.`);
  const url = new URL(`${folder}/${file}`, base);
  url.search = base.search;
  return url;
}

/** The bytes of `folder/file` from our own origin: at most `maxBytes`, within the load timeout. */
export async function fetchAsset(folder: AssetFolder, file: string, maxBytes: number): Promise<Uint8Array> {
  const response = await fetch(assetUrl(folder, file), { signal: AbortSignal.timeout(stencilLimits.loadTimeoutMs), credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The asset ${folder}/${file} answered ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`The asset ${folder}/${file} has ${bytes.length} bytes; at most ${maxBytes} are allowed.`);
  return bytes;
}

/** The inflated text of the gzipped asset `folder/file` (not cached): at most `maxBytes` fetched, `maxChars` inflated. */
export async function fetchGzipped(folder: AssetFolder, file: string, maxBytes: number, maxChars: number): Promise<string> {
  return inflateText(await fetchAsset(folder, file, maxBytes), 'gzip', `The asset ${folder}/${file}`, maxChars);
}

const cache = new Map<string, Promise<string>>();

/** The inflated text of a gzipped stencil asset (fetched once per page). */
export function gzippedAsset(file: string): Promise<string> {
  let text = cache.get(file);
  if (!text) {
    text = fetchGzipped('stencils', file, stencilLimits.libraryBytes, stencilLimits.libraryChars);
    text.catch(() => cache.delete(file));
    cache.set(file, text);
  }
  return text;
}

let index: Promise<LibraryInfo[]> | null = null;

/** The libraries the build emitted (index.json), fetched once. */
export function libraries(): Promise<LibraryInfo[]> {
  if (!index) {
    index = fetchAsset('stencils', 'index.json', 256 * 1024).then((bytes) => {
      const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { libraries?: LibraryInfo[] };
      return Array.isArray(parsed.libraries) ? parsed.libraries : [];
    });
    index.catch(() => { index = null; });
  }
  return index;
}

/** Every library's shapes as [name, width, height] (catalog.json.gz), for the palette's search. */
export async function catalog(): Promise<Record<string, Array<[string, number, number]>>> {
  return JSON.parse(await gzippedAsset('catalog.json.gz')) as Record<string, Array<[string, number, number]>>;
}

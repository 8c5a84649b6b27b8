// Reads the draw.io icons a diagram names (loaded with `await import()` only when one does): which img/lib/ names are
// draw.io's own form, then the index of our own icons/ assets once and only the packs that hold the named icons, each
// at most once per page and within bounds. A name that leaves img/lib/ or that the index lacks is not looked for
// anywhere; what fails to load stays undrawn. It imports nothing of the first load (the fetch is passed in), so the
// bundler keeps the first load's chunks as they are.

const prefix = 'img/lib/';

/** What may follow img/lib/: one to three folders and a file name, letters, digits, `_`, `-` and inner dots only (the build's rule). */
const pattern = /^(?:[A-Za-z0-9_-]+\/){1,3}[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:svg|png)$/;

/**
 * The icon's name under img/lib/ when `image` names one as draw.io's styles do, else null: no leading `/` or `./`,
 * no `..`, query, fragment or escape, at most 256 characters.
 */
export function iconName(image: unknown): string | null {
  if (typeof image !== 'string' || !image.startsWith(prefix) || image.length > 256) return null;
  const name = image.slice(prefix.length);
  return pattern.test(name) ? name : null;
}

/** The inflated text of gzipped asset icons/`file`, from our own origin: at most `maxBytes` fetched, `maxChars` inflated. */
export type FetchIconAsset = (file: string, maxBytes: number, maxChars: number) => Promise<string>;

export const iconLimits = {
  /** The index (about 10 KB gzipped, 55 K characters) and a pack (at most ~100 KB gzipped, 130 K characters). */
  indexBytes: 256 * 1024,
  indexChars: 1024 * 1024,
  packBytes: 1024 * 1024,
  packChars: 2 * 1024 * 1024,
  /** Packs one diagram may load, and the characters of one icon's data. */
  packsPerDiagram: 40,
  iconChars: 512 * 1024,
};

interface IconIndex {
  packs: string[];
  icons: Record<string, number>;
}

let index: Promise<IconIndex> | null = null;
const packs = new Map<string, Promise<Record<string, unknown>>>();

function readIndex(fetchAsset: FetchIconAsset): Promise<IconIndex> {
  if (!index) {
    index = fetchAsset('index.json.gz', iconLimits.indexBytes, iconLimits.indexChars).then((text) => {
      const parsed = JSON.parse(text) as Partial<IconIndex>;
      if (!Array.isArray(parsed.packs) || typeof parsed.icons !== 'object' || parsed.icons === null) throw new Error('The icon index is not readable.');
      return { packs: parsed.packs, icons: parsed.icons };
    });
    index.catch(() => { index = null; });
  }
  return index;
}

function readPack(fetchAsset: FetchIconAsset, file: string): Promise<Record<string, unknown>> {
  let pack = packs.get(file);
  if (!pack) {
    pack = fetchAsset(file, iconLimits.packBytes, iconLimits.packChars).then((text) => JSON.parse(text) as Record<string, unknown>);
    pack.catch(() => packs.delete(file));
    packs.set(file, pack);
  }
  return pack;
}

/** The data URI drawn for icon `name` (SVG text or PNG base64 in its pack), or null if it is not what it should be. */
function dataUri(name: string, content: unknown): string | null {
  if (typeof content !== 'string' || content.length > iconLimits.iconChars) return null;
  if (name.endsWith('.svg')) return content.startsWith('<svg') ? `data:image/svg+xml,${encodeURIComponent(content)}` : null;
  return /^[A-Za-z0-9+/]+=*$/.test(content) ? `data:image/png;base64,${content}` : null;
}

/**
 * The data URI of each image among `images` (style values under img/lib/) that names an icon of ours and loads, by
 * that value. Never rejects.
 */
export async function readIcons(images: readonly string[], fetchAsset: FetchIconAsset): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const named = images.map((image) => [image, iconName(image)] as const).filter((n): n is readonly [string, string] => n[1] !== null);
  if (named.length === 0) return found;
  try {
    const { packs: files, icons } = await readIndex(fetchAsset);
    const needed = new Set<string>();
    for (const [, name] of named) {
      const at = Object.hasOwn(icons, name) ? icons[name] : undefined;
      const file = typeof at === 'number' ? files[at] : undefined;
      if (typeof file === 'string' && (needed.has(file) || needed.size < iconLimits.packsPerDiagram)) needed.add(file);
    }
    await Promise.all(Array.from(needed, (file) => readPack(fetchAsset, file).then((pack) => {
      for (const [image, name] of named) {
        const uri = Object.hasOwn(pack, name) ? dataUri(name, pack[name]) : null;
        if (uri !== null) found.set(image, uri);
      }
    }, () => undefined)));
  } catch {
    // No index here (an old build, or a page without the assets): the icons stay undrawn.
  }
  return found;
}

// Loads the draw.io icons a diagram names (loaded with `await import()` only when one does): the index of our own
// icons/ assets once, then only the packs that hold the named icons, each at most once per page and within bounds.
// An icon the index lacks is not looked for anywhere else; what fails to load stays undrawn.
import { fetchGzipped } from '../stencils/assets';
import { addIcon, hasIcon } from './names';

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

function readIndex(): Promise<IconIndex> {
  if (!index) {
    index = fetchGzipped('icons', 'index.json.gz', iconLimits.indexBytes, iconLimits.indexChars).then((text) => {
      const parsed = JSON.parse(text) as Partial<IconIndex>;
      if (!Array.isArray(parsed.packs) || typeof parsed.icons !== 'object' || parsed.icons === null) throw new Error('The icon index is not readable.');
      return { packs: parsed.packs, icons: parsed.icons };
    });
    index.catch(() => { index = null; });
  }
  return index;
}

function readPack(file: string): Promise<Record<string, unknown>> {
  let pack = packs.get(file);
  if (!pack) {
    pack = fetchGzipped('icons', file, iconLimits.packBytes, iconLimits.packChars).then((text) => JSON.parse(text) as Record<string, unknown>);
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

/** Loads every icon among `names` (names under img/lib/, as iconName answers them) not loaded yet. Never rejects. */
export async function ensureIcons(names: Iterable<string>): Promise<void> {
  const wanted = Array.from(names).filter((n) => !hasIcon(n));
  if (wanted.length === 0) return;
  try {
    const { packs: files, icons } = await readIndex();
    const needed = new Set<string>();
    for (const name of wanted) {
      const at = Object.hasOwn(icons, name) ? icons[name] : undefined;
      const file = typeof at === 'number' ? files[at] : undefined;
      if (typeof file === 'string' && (needed.has(file) || needed.size < iconLimits.packsPerDiagram)) needed.add(file);
    }
    await Promise.all(Array.from(needed, (file) => readPack(file).then((pack) => {
      for (const name of wanted) {
        const uri = Object.hasOwn(pack, name) ? dataUri(name, pack[name]) : null;
        if (uri !== null) addIcon(name, uri);
      }
    }, () => undefined)));
  } catch {
    // No index here (an old build, or a page without the assets): the icons stay undrawn.
  }
}

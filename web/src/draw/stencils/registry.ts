// Makes the stencils a diagram names drawable: loads the libraries that hold them and decodes embedded stencils,
// registering each with maxGraph's StencilShapeRegistry under the name draw.io gives it. What cannot be loaded or
// is refused stays unregistered, and the cell is drawn as the unknown-shape outline (../resolve.ts).
import { StencilShape, StencilShapeRegistry } from '@maxgraph/core';
import { parseXml } from '../../shared/mxfile';
import { libraries, gzippedAsset, type LibraryInfo } from './assets';
import { decodeEmbeddedStencil, isEmbeddedStencil } from './embedded';
import { stencilLimits } from './limits';
import { libraryOf, stencilName } from './names';
import { sanitizeShape } from './sanitize';

export interface LibraryShape {
  /** The name a style uses (`shape=<name>`). */
  name: string;
  width: number;
  height: number;
}

/** A library's shapes as read, each registered only when a diagram or the palette needs it. */
interface ReadLibrary {
  shapes: LibraryShape[];
  elements: Map<string, Element>;
}

const read = new Map<string, Promise<ReadLibrary>>();
const refused = new Set<string>();

/** The library id of each lowercase package name. */
async function packages(): Promise<Map<string, string>> {
  return new Map((await libraries()).map((l: LibraryInfo) => [l.package, l.id]));
}

/** Fetches and parses library `id` once per page; nothing is registered yet (a library holds up to ~700 shapes). */
function readLibrary(id: string): Promise<ReadLibrary> {
  let done = read.get(id);
  if (!done) {
    done = (async () => {
      const info = (await libraries()).find((l) => l.id === id);
      if (!info) throw new Error(`No stencil library ${id}.`);
      const root = parseXml(await gzippedAsset(info.file)).documentElement;
      const pkg = root.getAttribute('name') ?? '';
      const result: ReadLibrary = { shapes: [], elements: new Map() };
      for (const shape of Array.from(root.children)) {
        const name = shape.getAttribute('name');
        if (shape.nodeName !== 'shape' || name === null) continue;
        const key = stencilName(pkg, name);
        result.elements.set(key, shape);
        result.shapes.push({ name: key, width: Number(shape.getAttribute('w')) || 100, height: Number(shape.getAttribute('h')) || 100 });
      }
      return result;
    })();
    done.catch(() => read.delete(id));
    read.set(id, done);
  }
  return done;
}

/** Registers the read shape `key` of `library` (once). */
function register(library: ReadLibrary, key: string): void {
  const shape = library.elements.get(key);
  if (!shape || StencilShapeRegistry.get(key) !== null) return;
  sanitizeShape(shape, false);
  StencilShapeRegistry.add(key, new StencilShape(shape));
  library.elements.delete(key);
}

/** Loads library `id` (once per page) and registers all its shapes (the palette shows them); answers them in file order. */
export async function loadLibrary(id: string): Promise<LibraryShape[]> {
  const library = await readLibrary(id);
  for (const key of Array.from(library.elements.keys())) register(library, key);
  return library.shapes;
}

/** The embedded stencil `name` was refused (over a bound or not decodable). */
export const isRefused = (name: string): boolean => refused.has(name);

/**
 * Registers every stencil among `names` that is not drawable yet: embedded ones decoded, library ones loaded (at most
 * `stencilLimits.librariesPerDiagram` libraries). Never rejects: what fails stays unregistered.
 */
export async function ensureStencils(names: Iterable<string>, isKnown: (name: string) => boolean): Promise<void> {
  const wanted = Array.from(names).filter((n) => !isKnown(n) && !refused.has(n));
  if (wanted.length === 0) return;
  const work: Array<Promise<void>> = [];
  const embedded = wanted.filter(isEmbeddedStencil).slice(0, stencilLimits.embeddedPerPage);
  for (const name of embedded) {
    work.push(decodeEmbeddedStencil(name).then(
      (shape) => { StencilShapeRegistry.add(name, new StencilShape(shape)); },
      () => { refused.add(name); },
    ));
  }
  const library = wanted.filter((n) => !isEmbeddedStencil(n));
  if (library.length > 0) {
    try {
      const map = await packages();
      const ids = new Set<string>();
      for (const name of library) {
        const id = libraryOf(name, map);
        if (id !== null && ids.size < stencilLimits.librariesPerDiagram) ids.add(id);
      }
      // Only the shapes named are registered: building every stencil of a large library (AWS 4: ~700) costs more than reading it.
      for (const id of ids) work.push(readLibrary(id).then((l) => { for (const name of library) register(l, name.toLowerCase()); }, () => undefined));
    } catch {
      // No index here (an old build, or a page without the assets): the shapes are drawn as outlines.
    }
  }
  await Promise.all(work);
}

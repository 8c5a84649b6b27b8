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

const loaded = new Map<string, Promise<LibraryShape[]>>();
const refused = new Set<string>();

/** The library id of each lowercase package name. */
async function packages(): Promise<Map<string, string>> {
  return new Map((await libraries()).map((l: LibraryInfo) => [l.package, l.id]));
}

/** Loads library `id` (once per page) and registers its shapes; answers them in file order (the palette's order). */
export function loadLibrary(id: string): Promise<LibraryShape[]> {
  let done = loaded.get(id);
  if (!done) {
    done = (async () => {
      const info = (await libraries()).find((l) => l.id === id);
      if (!info) throw new Error(`No stencil library ${id}.`);
      const root = parseXml(await gzippedAsset(info.file)).documentElement;
      const pkg = root.getAttribute('name') ?? '';
      const shapes: LibraryShape[] = [];
      for (const shape of Array.from(root.children)) {
        const name = shape.getAttribute('name');
        if (shape.nodeName !== 'shape' || name === null) continue;
        sanitizeShape(shape, false);
        const key = stencilName(pkg, name);
        StencilShapeRegistry.add(key, new StencilShape(shape));
        shapes.push({ name: key, width: Number(shape.getAttribute('w')) || 100, height: Number(shape.getAttribute('h')) || 100 });
      }
      return shapes;
    })();
    done.catch(() => loaded.delete(id));
    loaded.set(id, done);
  }
  return done;
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
      for (const id of ids) work.push(loadLibrary(id).then(() => undefined, () => undefined));
    } catch {
      // No index here (an old build, or a page without the assets): the shapes are drawn as outlines.
    }
  }
  await Promise.all(work);
}

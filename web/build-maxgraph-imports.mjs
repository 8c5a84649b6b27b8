// An esbuild plugin that lets code splitting see which parts of maxGraph a page really loads first.
//
// esbuild assigns a file to a chunk by which entry points reach it through import statements, file by file. All of
// our code imports maxGraph through its index (`@maxgraph/core`), which imports every maxGraph module, so every
// maxGraph module that any chunk uses (the Outline of the on-demand outline panel, the image export, …) lands in
// the chunk the editor loads first. This plugin rewrites our `import { … } from '@maxgraph/core'` statements into
// imports of the modules that define each name, so a module only the on-demand parts use is loaded with them.
// Names the index does not export as values are types (removed by the TypeScript loader anyway); a value name the
// plugin cannot place fails the build.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const esm = join(process.cwd(), 'node_modules/@maxgraph/core/lib/esm');

/** The value names a module exports, as esbuild sees them (follows `export *`). */
async function exportsOf(file) {
  const result = await esbuild.build({
    entryPoints: [file], bundle: true, format: 'esm', write: false, metafile: true, logLevel: 'silent',
    outdir: '/nonexistent', platform: 'neutral', external: ['*.css'],
  });
  return Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.exports ?? [];
}

/** name → how to import it from its own module: { file, imported } (imported: 'default', '*' or the name). */
async function indexMap() {
  const index = join(esm, 'index.js');
  const source = await readFile(index, 'utf8');
  const map = new Map();
  const place = (name, file, imported) => { if (!map.has(name)) map.set(name, { file: join(dirname(index), file), imported }); };
  for (const match of source.matchAll(/export\s+\*\s+as\s+(\w+)\s+from\s+'([^']+)'/g)) place(match[1], match[2], '*');
  for (const match of source.matchAll(/export\s+\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    for (const part of match[1].split(',').map((p) => p.trim()).filter(Boolean)) {
      const [imported, name] = part.split(/\s+as\s+/).map((p) => p.trim());
      place(name ?? imported, match[2], imported);
    }
  }
  for (const match of source.matchAll(/export\s+\*\s+from\s+'([^']+)'/g)) {
    for (const name of await exportsOf(join(dirname(index), match[1]))) place(name, match[1], name);
  }
  const all = await exportsOf(index);
  const missing = all.filter((name) => !map.has(name));
  if (missing.length) throw new Error(`web/build-maxgraph-imports.mjs: cannot place maxGraph's exports ${missing.join(', ')}; check its lib/esm/index.js.`);
  return { map, values: new Set(all) };
}

export function maxgraphDirectImports() {
  let placed;
  return {
    name: 'maxgraph-direct-imports',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes("'@maxgraph/core'")) return undefined;
        placed ??= indexMap();
        const { map, values } = await placed;
        const rewritten = source.replace(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'@maxgraph\/core';?/g, (whole, typeOnly, names) => {
          if (typeOnly) return whole;
          const lines = [];
          for (const part of names.split(',').map((p) => p.trim()).filter(Boolean)) {
            if (part.startsWith('type ')) continue;
            const [name, local] = part.split(/\s+as\s+/).map((p) => p.trim());
            if (!values.has(name)) continue; // a type
            const { file, imported } = map.get(name);
            const path = JSON.stringify(file);
            const as = local ?? name;
            if (imported === '*') lines.push(`import * as ${as} from ${path};`);
            else if (imported === 'default') lines.push(`import ${as} from ${path};`);
            else lines.push(`import { ${imported} as ${as} } from ${path};`);
          }
          // Keep the line count, so that positions in errors and source maps still match the file.
          return lines.join(' ') + '\n'.repeat((whole.match(/\n/g) ?? []).length);
        });
        if (/from\s*'@maxgraph\/core'/.test(rewritten.replace(/import\s+type\s+\{[^}]*\}\s*from\s*'@maxgraph\/core';?/g, ''))) {
          throw new Error(`web/build-maxgraph-imports.mjs: ${args.path} imports @maxgraph/core in a form this plugin does not rewrite.`);
        }
        return { contents: rewritten, loader: 'ts' };
      });
    },
  };
}

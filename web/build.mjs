// Builds the browser bundles (run by Web.csproj during `dotnet build`, or `npm run build`). Type-checks first
// (tsc --noEmit), then bundles with esbuild:
//   dist/app/        the pages App serves (Connect, src/app/*.entry.ts): ES modules with code splitting, each entry
//                    next to the chunk-*.js files it and its `await import()`s load (content-hashed names);
//   dist/render/     Converter's PDF render page (one classic script, no chunks: Converter serves only its two files);
//   ../forge/static/ the Forge Custom UI resources forge/manifest.yml names (src/forge/*.entry.ts), each folder an
//                    index.html with its index.js, index.css and its own chunk-*.js, loading nothing else (Forge's
//                    CSP: no inline script, no eval, assets from the resource itself).
// No CDN: everything the pages need is in these files, except Atlassian's all.js which Connect pages must load.
// Then prints each page's first load (the entry, the chunks it imports statically, its CSS; gzip level 9) and fails
// when an editor page's first load exceeds `editorBudgetKiB`: rarely used parts belong behind `await import()`.
import * as esbuild from 'esbuild';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildStencils } from './build-stencils.mjs';
import { maxgraphDirectImports } from './build-maxgraph-imports.mjs';
import { buildIcons } from './build-icons.mjs';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });

/** The Forge resources: manifest resource key (its folder under forge/static) → entry and page title. */
const forgeResources = {
  viewer: { entry: 'src/forge/viewer.entry.ts', title: 'Diagram' },
  editor: { entry: 'src/forge/editor.entry.ts', title: 'Diagram editor' },
  panel: { entry: 'src/forge/panel.entry.ts', title: 'Diagrams' },
  admin: { entry: 'src/forge/admin.entry.ts', title: 'Secure Diagrams settings' },
};
const forgeStatic = '../forge/static';

/**
 * maxGraph keeps one `eval` (internal/utils.js doEval), reached only when a graph opts into evaluating style or
 * stencil expressions, which ours never do. Forge's CSP forbids eval, and no page should carry it: the build swaps it
 * for a function that refuses, and fails if maxGraph's source no longer has the line it replaces.
 */
const noEval = {
  name: 'no-eval',
  setup(build) {
    build.onLoad({ filter: /@maxgraph[\\/]core[\\/]lib[\\/]esm[\\/]internal[\\/]utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const line = 'return eval(expression);';
      if (!source.includes(line)) throw new Error(`web/build.mjs (no-eval): ${args.path} no longer contains "${line}"; check maxGraph's doEval.`);
      return { contents: source.replace(line, "throw new Error('Evaluating expressions is disabled in this build.');"), loader: 'js' };
    });
  },
};

/**
 * @forge/bridge's getContext needs only ensureLocale of @forge/i18n, whose index also loads its translator (and lodash):
 * resolve that one import to the module that defines ensureLocale, the same function, so the Forge pages do not carry
 * the rest (about 8 KiB gzipped). The build fails if the module is no longer there.
 */
const forgeI18nLocaleOnly = {
  name: 'forge-i18n-locale-only',
  setup(build) {
    build.onResolve({ filter: /^@forge\/i18n$/ }, async (args) => {
      if (!/@forge[\\/]bridge[\\/]out[\\/]view[\\/]getContext\.js$/.test(args.importer)) return undefined;
      const path = join(process.cwd(), 'node_modules/@forge/i18n/out/ensureLocale.js');
      const source = await readFile(path, 'utf8').catch(() => '');
      if (!source.includes('exports.ensureLocale')) throw new Error(`web/build.mjs (forge-i18n-locale-only): ${path} no longer defines ensureLocale.`);
      return { path };
    });
  },
};

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [noEval, forgeI18nLocaleOnly, maxgraphDirectImports()],
};

// Entry points: 'app/*' are the pages App serves; 'render' is Converter's PDF render page.
const entries = {};
for (const file of await readdir('src/app').catch(() => [])) {
  if (file.endsWith('.entry.ts')) entries[file.replace('.entry.ts', '')] = `src/app/${file}`;
}
await rm('dist', { recursive: true, force: true });
const connect = await esbuild.build({ ...common, entryPoints: entries, outdir: 'dist/app' });
await esbuild.build({ ...common, format: 'iife', splitting: false, entryPoints: { render: 'src/render/render.ts' }, outdir: 'dist/render' });
await copyFile('src/render/render.html', 'dist/render/render.html');

const forge = {};
for (const [name, resource] of Object.entries(forgeResources)) {
  const folder = join(forgeStatic, name);
  await rm(folder, { recursive: true, force: true });
  forge[name] = await esbuild.build({ ...common, entryPoints: { index: resource.entry }, outdir: folder });
}
const page = await readFile('src/forge/index.html', 'utf8');
for (const [name, resource] of Object.entries(forgeResources)) {
  await writeFile(join(forgeStatic, name, 'index.html'), page.replace('{{title}}', resource.title));
}

/**
 * The editor pages, whose first load must stay within the budget (KiB gzipped, the page's own files): 160 KiB (issue
 * 12). What the first drawing does not need loads after it (src/editor/later.ts, draw.io's code shapes by name).
 */
const editorBudgetKiB = 160;
const editorPages = new Set(['dist/app/macro-editor.js', 'dist/app/jira-editor.js', `${forgeStatic}/editor/index.js`]);

/** What a page loads before it runs: its entry, the chunks it imports statically (transitively) and its CSS. */
function firstLoad(metafile, entry) {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const output = metafile.outputs[file];
    if (output.cssBundle) files.add(output.cssBundle);
    for (const imported of output.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return [...files];
}

const gzipKiB = async (files) => {
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw: raw / 1024, gzipped: gzipped / 1024 };
};

const overBudget = [];
const report = async (label, files, entry) => {
  const size = await gzipKiB(files);
  const lazy = editorPages.has(entry) ? `, budget ${editorBudgetKiB} KiB` : '';
  console.log(`web: ${label} first load ${size.raw.toFixed(0)} KiB, ${size.gzipped.toFixed(1)} KiB gzipped (${files.length} files${lazy})`);
  if (editorPages.has(entry) && size.gzipped > editorBudgetKiB) overBudget.push(`${label}: ${size.gzipped.toFixed(1)} KiB`);
};
for (const name of Object.keys(entries)) {
  const entry = `dist/app/${name}.js`;
  if (name !== 'editor-dev') await report(entry, firstLoad(connect.metafile, entry), entry);
}
for (const name of Object.keys(forgeResources)) {
  const entry = `${forgeStatic}/${name}/index.js`;
  await report(`forge/static/${name}`, [join(forgeStatic, name, 'index.html'), ...firstLoad(forge[name].metafile, entry)], entry);
}
if (overBudget.length) {
  throw new Error(`web/build.mjs: an editor page's first load is over ${editorBudgetKiB} KiB gzipped (${overBudget.join('; ')}): load rarely used parts with await import().`);
}
// draw.io's stencil libraries, loaded on demand next to each bundle that draws diagrams (not counted above).
await buildStencils(['dist/app', 'dist/render', join(forgeStatic, 'viewer'), join(forgeStatic, 'editor')]);
await buildIcons(['dist/app', 'dist/render', join(forgeStatic, 'viewer'), join(forgeStatic, 'editor')]);
await writeFile(join('dist', '.build-stamp'), new Date().toISOString());

// Builds the browser bundles (run by Web.csproj during `dotnet build`, or `npm run build`). Type-checks first
// (tsc --noEmit), then bundles with esbuild:
//   dist/            the pages App serves (Connect, src/app/*.entry.ts) and Converter's PDF render page;
//   ../forge/static/ the Forge Custom UI resources forge/manifest.yml names (src/forge/*.entry.ts), each folder an
//                    index.html with its index.js and index.css, loading nothing else (Forge's CSP: no inline script,
//                    no eval, assets from the resource itself).
// No CDN: everything the pages need is in these files, except Atlassian's all.js which Connect pages must load.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildStencils } from './build-stencils.mjs';

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

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [noEval],
};

// Entry points: 'render' is Converter's PDF render page; 'app/*' are the pages App serves.
const entries = { 'render/render': 'src/render/render.ts' };
for (const file of await readdir('src/app').catch(() => [])) {
  if (file.endsWith('.entry.ts')) entries[`app/${file.replace('.entry.ts', '')}`] = `src/app/${file}`;
}
const connect = await esbuild.build({ ...common, entryPoints: entries, outdir: 'dist' });
await mkdir('dist/render', { recursive: true });
await copyFile('src/render/render.html', 'dist/render/render.html');

for (const name of Object.keys(forgeResources)) await rm(join(forgeStatic, name), { recursive: true, force: true });
await esbuild.build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(forgeResources).map(([name, r]) => [`${name}/index`, r.entry])),
  outdir: forgeStatic,
});
const page = await readFile('src/forge/index.html', 'utf8');
for (const [name, resource] of Object.entries(forgeResources)) {
  await writeFile(join(forgeStatic, name, 'index.html'), page.replace('{{title}}', resource.title));
}

for (const [file, info] of Object.entries(connect.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`web: ${file} ${(info.bytes / 1024).toFixed(0)} KiB`);
}
for (const name of Object.keys(forgeResources)) {
  const folder = join(forgeStatic, name);
  let raw = 0;
  let gzipped = 0;
  for (const file of await readdir(folder)) {
    if (file.endsWith('.LEGAL.txt')) continue;
    const bytes = await readFile(join(folder, file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`web: forge/static/${name} ${(raw / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped (index.html, index.js, index.css)`);
}
// draw.io's stencil libraries, loaded on demand next to each bundle that draws diagrams (not counted above).
await buildStencils(['dist/app', 'dist/render', join(forgeStatic, 'viewer'), join(forgeStatic, 'editor')]);
await writeFile(join('dist', '.build-stamp'), new Date().toISOString());

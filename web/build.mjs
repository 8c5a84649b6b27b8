// Builds the browser bundles into dist/ (run by Web.csproj during `dotnet build`, or `npm run build`).
// Type-checks first (tsc --noEmit), then bundles each entry with esbuild. No CDN: everything the pages
// need is in these files, except Atlassian's all.js which the host requires the app pages to load.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });

// Entry points: 'render' is Converter's PDF render page; 'app/*' are the pages App serves.
const entries = { 'render/render': 'src/render/render.ts' };
for (const file of await readdir('src/app').catch(() => [])) {
  if (file.endsWith('.entry.ts')) entries[`app/${file.replace('.entry.ts', '')}`] = `src/app/${file}`;
}

const result = await esbuild.build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

await mkdir('dist/render', { recursive: true });
await copyFile('src/render/render.html', 'dist/render/render.html');
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`web: ${file} ${(info.bytes / 1024).toFixed(0)} KiB`);
}
await writeFile(join('dist', '.build-stamp'), new Date().toISOString());

// Builds the probe resource into the folder given as the only argument: index.html and probe.js (src/probe.js with the
// real @forge/bridge bundled by esbuild, as the app's Custom UI bundles are). Usage: node build.mjs <out-dir>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out || process.argv.length > 3) {
  console.error('usage: node build.mjs <out-dir>');
  process.exit(2);
}

fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src', 'probe.js')],
  outfile: path.join(out, 'probe.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
fs.copyFileSync(path.join(here, 'src', 'index.html'), path.join(out, 'index.html'));
console.log(`probe built in ${out}`);

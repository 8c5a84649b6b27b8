// Runs the web unit tests (test/*.test.ts): bundles each file for Node with esbuild into a temporary folder, then
// runs them with node --test (TAP). `npm test`; App.Tests/Web/WebUnitTests runs it from `dotnet test`.
import * as esbuild from 'esbuild';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tests = (await readdir('test')).filter((f) => f.endsWith('.test.ts')).sort();
if (tests.length === 0) throw new Error('web/test has no *.test.ts');
const out = await mkdtemp(join(tmpdir(), 'web-tests-'));
try {
  await esbuild.build({
    entryPoints: tests.map((f) => join('test', f)),
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const files = tests.map((f) => join(out, f.replace(/\.ts$/, '.cjs')));
  const run = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  await rm(out, { recursive: true, force: true });
}

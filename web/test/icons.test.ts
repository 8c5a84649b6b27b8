// draw.io's bundled icons: which `image=` values name one (only draw.io's own img/lib/ form; nothing that could leave
// the folder or carry a query), reading only the packs that hold named icons, and the build's SVG check (web/build-icons.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { isIconPath } from '../src/draw/icons/names';
import { iconLimits, iconName, readIcons } from '../src/draw/icons/load';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { cleanSvg, iconPattern } from '../build-icons.mjs';

const accepted = [
  'img/lib/azure2/compute/Virtual_Machine.svg',
  'img/lib/clip_art/computers/Monitor_128x128.png',
  'img/lib/mscae/Azure_API_for_FHIR.svg',
  'img/lib/ibm/vpc/FloatingIP.svg',
  'img/lib/active_directory/database-server.svg',
  'img/lib/a/b/c/d.v2.svg',
];
const refused = [
  'img/lib/../../secret.svg',
  'img/lib/azure2/../compute/Virtual_Machine.svg',
  'img/lib/azure2/compute/..svg',
  'img/lib/azure2/compute/Virtual_Machine.svg?x=1',
  'img/lib/azure2/compute/Virtual_Machine.svg#a',
  'img/lib/azure2/compute/Virtual%5FMachine.svg',
  'img/lib/azure2\\compute\\Virtual_Machine.svg',
  'img/lib/Virtual_Machine.svg',
  'img/lib/a/b/c/d/e.svg',
  'img/lib/azure2/compute/Virtual Machine.svg',
  'img/lib/azure2/compute/Virtual_Machine.gif',
  'img/lib/azure2/compute/.svg',
  'img/lib/azure2//Virtual_Machine.svg',
  '/img/lib/azure2/compute/Virtual_Machine.svg',
  './img/lib/azure2/compute/Virtual_Machine.svg',
  'https://app.diagrams.net/img/lib/azure2/compute/Virtual_Machine.svg',
  '//example.com/img/lib/azure2/compute/Virtual_Machine.svg',
  'IMG/LIB/azure2/compute/Virtual_Machine.svg',
  `img/lib/${'a'.repeat(250)}/b.svg`,
];

test("an icon is named as draw.io's sidebars write it: img/lib/, folders and a file of safe characters", () => {
  for (const image of accepted) assert.equal(iconName(image), image.slice('img/lib/'.length), image);
  for (const image of refused) assert.equal(iconName(image), null, image);
  assert.equal(iconName(undefined), null);
  assert.equal(iconName(42), null);
});

test('the build and the browser agree on which names an icon may have', () => {
  for (const image of [...accepted, ...refused.filter((r) => r.startsWith('img/lib/') && r.length <= 256)]) {
    assert.equal((iconPattern as RegExp).test(image.slice('img/lib/'.length)), iconName(image) !== null, image);
  }
});

test('anything under img/lib/ is an icon path (never fetched), a remote or data image is not', () => {
  assert.equal(isIconPath('img/lib/../../secret.svg'), true);
  assert.equal(isIconPath('https://example.com/x.png'), false);
  assert.equal(isIconPath('data:image/png;base64,AAAA'), false);
});

test('only the packs holding named icons are read, each once; bad and unknown names fetch no pack', async () => {
  const index = { packs: ['a.x.0.json.gz', 'b.y.0.json.gz', 'c.z.0.json.gz'], icons: { 'a/x/One.svg': 0, 'b/y/Two.png': 1, 'c/z/Three.svg': 2 } };
  const packs: Record<string, object> = {
    'a.x.0.json.gz': { 'a/x/One.svg': '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>' },
    'b.y.0.json.gz': { 'b/y/Two.png': 'iVBORw0KGgo=' },
    'c.z.0.json.gz': { 'c/z/Three.svg': 'not an svg' },
  };
  const fetched: string[] = [];
  const fetchAsset = async (file: string, maxBytes: number, maxChars: number) => {
    fetched.push(file);
    assert.ok(maxBytes <= iconLimits.packBytes && maxChars <= iconLimits.packChars);
    const text = JSON.stringify(file === 'index.json.gz' ? index : packs[file]);
    assert.ok(gzipSync(text).length < maxBytes);
    return text;
  };
  const found = await readIcons(['img/lib/a/x/One.svg', 'img/lib/b/y/Two.png', 'img/lib/a/x/Missing.svg', 'img/lib/../a/x/One.svg', 'img/lib/c/z/Three.svg'], fetchAsset);
  assert.deepEqual([...found.keys()], ['img/lib/a/x/One.svg', 'img/lib/b/y/Two.png']);
  assert.equal(found.get('img/lib/a/x/One.svg'), `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')}`);
  assert.equal(found.get('img/lib/b/y/Two.png'), 'data:image/png;base64,iVBORw0KGgo=');
  assert.deepEqual(fetched.sort(), ['a.x.0.json.gz', 'b.y.0.json.gz', 'c.z.0.json.gz', 'index.json.gz']);
  fetched.length = 0;
  assert.equal((await readIcons(['img/lib/a/x/One.svg'], fetchAsset)).size, 1);
  assert.equal((await readIcons(['img/lib/../../x.svg', '/img/lib/a/x/One.svg'], fetchAsset)).size, 0);
  assert.deepEqual(fetched, [], 'the index and packs are read once per page; bad names fetch nothing');
});

test("the build keeps an icon's drawing and drops its comments, metadata and XML declaration", () => {
  const svg = '<?xml version="1.0"?>\n<!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    + '<metadata><rdf:RDF><cc:Work/></rdf:RDF></metadata><sodipodi:namedview id="v" pagecolor="#fff"/>'
    + "<defs><linearGradient id='g'><stop offset='0'/></linearGradient></defs><style><![CDATA[.a{fill:url(#g)}]]></style>"
    + '<use xlink:href="#p"/><path id="p" d="M0 0h10v10z" fill="url(#g)" class="a"/><image href="data:image/png;base64,iVBORw0KGgo="/></svg>';
  const clean = cleanSvg('a/b.svg', svg) as string;
  assert.ok(clean.startsWith('<svg '));
  assert.ok(clean.includes('<path id="p" d="M0 0h10v10z"'));
  for (const gone of ['<?xml', 'made by hand', 'metadata', 'rdf:RDF', 'sodipodi']) assert.ok(!clean.includes(gone), gone);
});

test('the build refuses an icon with a script, an event attribute, an outside reference or an unknown element', () => {
  const wrap = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
  const hostile = [
    wrap('<script>alert(1)</script>'),
    wrap('<SCRIPT>alert(1)</SCRIPT>'),
    wrap('<rect onload="alert(1)"/>'),
    wrap("<rect ONCLICK='alert(1)'/>"),
    wrap('<use href="https://example.com/x.svg#a"/>'),
    wrap('<use xlink:href="//example.com/x.svg#a"/>'),
    wrap('<image href="data:image/svg+xml,<svg/>"/>'),
    wrap('<a href="javascript:alert(1)"><rect/></a>'),
    wrap('<foreignObject><div/></foreignObject>'),
    wrap('<rect style="fill:url(https://example.com/x)"/>'),
    wrap('<rect fill="url(http://example.com/#g)"/>'),
    wrap('<style>@import url(https://example.com/x.css);</style>'),
    wrap('<style><![CDATA[rect{fill:url("https://example.com/x")}]]></style>'),
    wrap('<rect x=1/>'),
    '<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>',
    '<html><svg/></html>',
  ];
  for (const svg of hostile) assert.throws(() => cleanSvg('a/b.svg', svg), /web\/build-icons\.mjs: the icon a\/b\.svg/, svg);
});

// draw.io's bundled icons: which `image=` values name one (only draw.io's own img/lib/ form; nothing that could leave
// the folder or carry a query), the names a page uses, and the build's SVG check (web/build-icons.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iconName, iconsInModel, isIconPath } from '../src/draw/icons/names';
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

test('the icons a page uses: image= values in draw.io form only, entities decoded, bounded', () => {
  const xml = '<mxGraphModel><root>'
    + '<mxCell style="image;html=1;image=img/lib/azure2/compute/Virtual_Machine.svg;"/>'
    + '<mxCell style="shape=image;image=img/lib/clip_art/computers/Monitor_128x128.png;aspect=fixed"/>'
    + '<mxCell style="shape=image;image=img/lib/../../etc/passwd.svg"/>'
    + '<mxCell style="shape=image;image=https://example.com/img/lib/a/b.svg"/>'
    + '<mxCell style="shape=image;image=data:image/png,AAAA"/>'
    + '<mxCell style="shape=mxgraph.aws4.resourceIcon;resIcon=img/lib/a/b.svg"/>'
    + '<mxCell style="shape=image;image=img/lib/ibm/vpc/FloatingIP.svg&amp;x"/>'
    + '</root></mxGraphModel>';
  assert.deepEqual([...iconsInModel(xml)], ['azure2/compute/Virtual_Machine.svg', 'clip_art/computers/Monitor_128x128.png']);
  const many = Array.from({ length: 50 }, (_, i) => `<mxCell style="image=img/lib/a/i${i}.svg"/>`).join('');
  assert.equal(iconsInModel(many, 10).size, 10);
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

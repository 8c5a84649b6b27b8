// The adfExport function (src/): what a PDF/Word export shows for a Secure Diagram macro, and that it only ever asks
// Confluence (as the app, inside Forge) and nothing else. Run: node --test test/*.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fakeApi, png, payload, response } from './site-fake.mjs';

const require = createRequire(import.meta.url);
const { exportAdf } = require('../src/export.js');
const { makeSite } = require('../src/site.js');

const LIST = '/wiki/rest/api/content/98305/child/attachment?filename=Flow.png&expand=version';
const DOWNLOAD = '/wiki/rest/api/content/98305/child/attachment/att10001/download';
const FILE_ID = '7e1c2f0a-5b4d-4c3e-9a8b-1d2e3f405162';

const record = (overrides = {}) => ({
  id: 'att10001', type: 'attachment', title: 'Flow.png', version: { number: 3 },
  extensions: { mediaType: 'image/png', fileSize: 900, fileId: FILE_ID, collectionName: 'contentId-98305' },
  ...overrides,
});

/** A site with the Flow.png preview at version 3 (640x480), unless told otherwise. */
function site({ list = response(200, { results: [record()] }), download = response(200, png(640, 480)) } = {}) {
  const fake = fakeApi((url) => (url === LIST ? list : url === DOWNLOAD ? download : null));
  return { ...fake, site: makeSite(fake.api) };
}

const texts = (adf) => JSON.stringify(adf).match(/"text":"[^"]*"/g) ?? [];

test('the saved preview version is shown as the page attachment picture, with its pixel size', async () => {
  const { site: s, calls, elsewhere } = site();
  const adf = await exportAdf(payload({ diagramName: 'Flow', revision: '4', previewRevision: '3' }), s);
  assert.deepEqual(adf, {
    type: 'doc', version: 1, content: [
      { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { type: 'file', id: FILE_ID, collection: 'contentId-98305', width: 640, height: 480 } }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Diagram: Flow (revision 4)' }] },
    ],
  });
  assert.deepEqual(calls, [LIST, DOWNLOAD]);
  assert.deepEqual(elsewhere, [], 'nothing but Confluence as the app is called');
});

test('every export type gets the same view', async () => {
  for (const type of ['pdf', 'word', 'other']) {
    const { site: s } = site();
    const adf = await exportAdf(payload({ diagramName: 'Flow', previewRevision: '3' }, '98305', type), s);
    assert.equal(adf.content[0].type, 'mediaSingle', type);
  }
});

test('a macro saved before previews were versioned shows the current preview', async () => {
  const { site: s } = site();
  const adf = await exportAdf(payload({ diagramName: 'Flow' }), s);
  assert.equal(adf.content[0].content[0].attrs.id, FILE_ID);
  assert.deepEqual(texts(adf), ['"text":"Diagram: Flow"']);
});

test('the file name is escaped in the query and the page id is only ever digits', async () => {
  const name = 'Q&A plan #2 ü';
  const fake = fakeApi(() => response(200, { results: [] }));
  await exportAdf(payload({ diagramName: name }), makeSite(fake.api));
  assert.deepEqual(fake.calls, [`/wiki/rest/api/content/98305/child/attachment?filename=${encodeURIComponent(`${name}.png`)}&expand=version`]);

  const other = fakeApi(() => response(200, { results: [] }));
  const adf = await exportAdf(payload({ diagramName: 'Flow' }, '98305/../../other'), makeSite(other.api));
  assert.deepEqual(other.calls, [], 'a page id that is not a number is never sent');
  assert.match(JSON.stringify(adf), /the page could not be identified/);
});

test('an older page version keeps its own text instead of showing a newer picture', async () => {
  const { site: s, calls } = site();
  const adf = await exportAdf(payload({ diagramName: 'Flow', revision: '2', previewRevision: '2' }), s);
  assert.deepEqual(calls, [LIST], 'no download for a picture that cannot be named');
  assert.deepEqual(texts(adf), [
    '"text":"Diagram: Flow (revision 2)"',
    '"text":"(its picture is the attachment Flow.png, version 2, of this page; the attachment now holds version 3.)"',
  ]);
});

test('names the backend would refuse are never looked up', async () => {
  for (const diagramName of [undefined, '', ' Flow', 'Flow ', '../Flow', 'a/b', 'a\\b', 'Flow.png', 'Flow.SVG', 'x'.repeat(201), 'a\u0000b', 42]) {
    const fake = fakeApi(() => { throw new Error('no call expected'); });
    const adf = await exportAdf(payload({ diagramName }), makeSite(fake.api));
    assert.deepEqual(fake.calls, [], String(diagramName));
    assert.deepEqual(texts(adf), ['"text":"Secure Diagram: this macro holds no saved diagram yet."'], String(diagramName));
  }
  assert.deepEqual(texts(await exportAdf({}, makeSite(fakeApi(() => null).api))), ['"text":"Secure Diagram: this macro holds no saved diagram yet."']);
});

test('a malformed revision is ignored rather than trusted', async () => {
  const { site: s } = site();
  const adf = await exportAdf(payload({ diagramName: 'Flow', revision: '1e3', previewRevision: '-3' }), s);
  assert.equal(adf.content[0].type, 'mediaSingle');
  assert.deepEqual(texts(adf), ['"text":"Diagram: Flow"']);
});

test('whatever the site answers, the export gets text and never an error', async () => {
  const cases = {
    'no attachment': { list: response(200, { results: [] }), expect: 'the page has no such attachment' },
    'list refused': { list: response(503, { message: 'busy' }), expect: 'the picture could not be read for this export' },
    'list not JSON': { list: response(200, Buffer.from('<html>')), expect: 'the picture could not be read for this export' },
    'record with a path for an id': { list: response(200, { results: [record({ id: '../../att1' })] }), expect: 'the picture could not be read for this export' },
    'record without a file id': { list: response(200, { results: [record({ extensions: { fileSize: 9 } })] }), expect: 'the picture could not be read for this export' },
    'preview too large to be a saved one': { list: response(200, { results: [record({ extensions: { ...record().extensions, fileSize: 11 * 1024 * 1024 } })] }), expect: 'the picture is too large' },
    'download refused': { download: response(403, { message: 'no' }), expect: 'the picture could not be read for this export' },
    'download longer than any preview': { download: response(200, png(2, 2), { 'content-length': String(50 * 1024 * 1024) }), expect: 'the picture could not be read for this export' },
    'not a PNG': { download: response(200, Buffer.from('GIF89a............................')), expect: 'the attachment is not a PNG picture' },
  };
  for (const [name, { expect, ...answers }] of Object.entries(cases)) {
    const { site: s, elsewhere } = site(answers);
    const adf = await exportAdf(payload({ diagramName: 'Flow', previewRevision: '3' }), s);
    assert.equal(adf.type, 'doc', name);
    assert.ok(adf.content.every((node) => node.type === 'paragraph'), `${name}: text only`);
    assert.match(JSON.stringify(adf), new RegExp(`Flow\\.png, version 3, of this page; ${expect}`), name);
    assert.deepEqual(elsewhere, [], name);
  }
});

test('the deployed handler is the export, wired to Confluence through @forge/api', async () => {
  const { handler } = require('../src/index.js');
  assert.equal(typeof handler, 'function');
  const adf = await handler(payload({ diagramName: '../nope' }));
  assert.deepEqual(texts(adf), ['"text":"Secure Diagram: this macro holds no saved diagram yet."']);
});

// The storage protocol against the shared vectors (src/shared/storage-vectors.json), which the server is tested
// against too (App.Tests/Attachments/StorageVectorTests.cs), and the browser-only rules around it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vectors from '../src/shared/storage-vectors.json';
import { isJiraAttachmentId, jiraPropertyKey, jiraPropertyPrefix, mxfileType, nameProblem, previewName, previewType, revisionVersion } from '../src/app/storage';
import { confluenceDiagrams, confluenceLoad, confluenceSave } from '../src/app/confluence-storage';
import { jiraDelete, jiraList, jiraSave } from '../src/app/jira-storage';
import { FakeSite } from './fake-site';

const nameOf = (v: { name: string; repeat?: number }) => v.name.repeat(v.repeat ?? 1);
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' });
const mxfile = (label: string) => `<mxfile><diagram id="d" name="Page-1"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="${label}" vertex="1" parent="1"/></root></mxGraphModel></diagram></mxfile>`;

test('media types, the preview suffix and the property prefix are the vectors\'', () => {
  assert.equal(mxfileType, vectors.mediaTypes.diagram);
  assert.equal(previewType, vectors.mediaTypes.preview);
  assert.equal(previewName('x'), `x${vectors.previewSuffix}`);
  assert.equal(jiraPropertyPrefix, vectors.jiraPropertyPrefix);
});

for (const v of vectors.names) {
  test(`name: ${v.why} is ${v.valid ? 'valid' : 'refused'}`, async () => {
    const name = nameOf(v);
    assert.equal(nameProblem(name) === null, v.valid, `nameProblem(${JSON.stringify(name)}) = ${nameProblem(name)}`);
    if (v.valid) {
      assert.equal(await jiraPropertyKey(name), v.jiraPropertyKey);
      assert.equal(previewName(name), v.preview);
    }
  });
}

test('revisions name the attachment version the vectors say', () => {
  for (const v of vectors.revisions) assert.equal(revisionVersion(v.revision), v.version, `revision ${JSON.stringify(v.revision)}`);
});

test('Jira records are believed exactly as the vectors say', async () => {
  const site = new FakeSite({ product: 'jira', issueKey: 'DEMO-1' });
  for (const r of vectors.jiraRecords) site.properties.set(`DEMO-1 ${r.key}`, r.value);
  site.properties.set('DEMO-1 other-app.key', { name: 'Not ours', attachmentId: '1' });
  const listed = (await jiraList(site.host(), 'DEMO-1')).map((d) => d.name).sort();
  assert.deepEqual(listed, vectors.jiraRecords.filter((r) => r.accepted).map((r) => r.name).sort());
});

for (const save of vectors.saves) {
  test(`${save.product}: ${save.saves} saves of "${save.name}" upload the vectors' files and count revisions`, async () => {
    const site = new FakeSite(save.product === 'jira' ? { product: 'jira', issueKey: 'DEMO-1' } : { product: 'confluence', pageId: '100' });
    const host = site.host();
    for (let i = 0; i < save.saves; i++) {
      site.requests.length = 0;
      const result = save.product === 'jira'
        ? await jiraSave(host, 'DEMO-1', save.name, mxfile(`v${i + 1}`), png)
        : await confluenceSave(host, '100', save.name, mxfile(`v${i + 1}`), png);
      assert.equal(result.revision, save.revisions[i]);
      if ('previewRevisions' in save) assert.equal((result as { previewRevision?: number }).previewRevision, save.previewRevisions![i]);
      assert.deepEqual(site.requests.filter((r) => r.file).map((r) => ({ name: r.file!.name, mediaType: r.file!.type })), save.files);
    }
    if (save.product === 'jira') {
      const key = vectors.names.find((n) => n.name === save.name)!.jiraPropertyKey;
      const record = site.properties.get(`DEMO-1 ${key}`) as { name: string; version: number; attachmentId: string };
      assert.equal(record.name, save.name);
      assert.equal(record.version, save.revisions.at(-1));
      assert.deepEqual(site.files.map((f) => f.name).sort(), [save.name, previewName(save.name)], 'the replaced pair is deleted');
    }
  });
}

test('Confluence: the viewer reads the macro\'s revision by attachment id, and the latest for no revision', async () => {
  const site = new FakeSite({ product: 'confluence', pageId: '100' });
  const host = site.host();
  for (const label of ['one', 'two', 'three']) await confluenceSave(host, '100', 'Arch', mxfile(label), null);
  assert.match(await confluenceLoad(host, '100', 'Arch', '2'), /value="two"/);
  assert.match(await confluenceLoad(host, '100', 'Arch', ''), /value="three"/);
  assert.match(await confluenceLoad(host, '100', 'Arch', '0'), /value="three"/);
  const id = site.files.find((f) => f.name === 'Arch')!.id;
  assert.ok(site.requests.some((r) => r.path === `/rest/api/content/100/child/attachment/${id}/download?version=2`), JSON.stringify(site.requests));
});

// Regression: a record is an issue property anyone who may edit the issue can write. Pointing it at an attachment of
// another issue made the next user's delete (or replacing save) of that diagram delete the other issue's file.
test('Jira: deleting a diagram deletes only files on its own issue', async () => {
  const site = new FakeSite({ product: 'jira', issueKey: 'DEMO-1' });
  const foreign = site.add('DEMO-2', 'budget.xlsx', 'application/octet-stream', 'numbers');
  const key = await jiraPropertyKey('Planted');
  site.properties.set(`DEMO-1 ${key}`, { name: 'Planted', attachmentId: foreign.id, previewId: null, version: 1, updatedUtc: '' });

  await jiraDelete(site.host(), 'DEMO-1', 'Planted');

  assert.ok(site.files.includes(foreign), 'the other issue\'s attachment is still there');
  assert.equal(site.properties.has(`DEMO-1 ${key}`), false, 'the planted record is gone');
});

test('Jira: a save replacing a planted record leaves other issues\' files alone', async () => {
  const site = new FakeSite({ product: 'jira', issueKey: 'DEMO-1' });
  const foreign = site.add('DEMO-2', 'contract.pdf', 'application/pdf', '%PDF');
  site.properties.set(`DEMO-1 ${await jiraPropertyKey('Planted')}`, { name: 'Planted', attachmentId: foreign.id, previewId: foreign.id, version: 4, updatedUtc: '' });

  const saved = await jiraSave(site.host(), 'DEMO-1', 'Planted', mxfile('mine'), null);

  assert.equal(saved.revision, 5);
  assert.ok(site.files.includes(foreign));
});

test('Jira attachment ids are decimal numbers only', () => {
  for (const id of ['1', '10001', '1234567890123456789']) assert.ok(isJiraAttachmentId(id), id);
  for (const id of ['', 'att1', '1/2', '../1', '12345678901234567890', ' 1', 1]) assert.ok(!isJiraAttachmentId(id), String(id));
});

test('Confluence: the page\'s diagrams are its draw.io attachments (by type or *.drawio), never previews or other files', async () => {
  const site = new FakeSite({ product: 'confluence', pageId: '100' });
  const host = site.host();
  await confluenceSave(host, '100', 'Saved here', mxfile('a'), png);
  site.add('100', 'Network.drawio', 'application/octet-stream', mxfile('b'));
  site.add('100', 'notes.txt', 'text/plain', 'hello');
  site.add('100', 'bad/name', mxfileType, mxfile('c'));
  site.add('200', 'Other page', mxfileType, mxfile('d'));
  assert.deepEqual(await confluenceDiagrams(host, '100'), ['Network.drawio', 'Saved here']);
  assert.match(site.requests.at(-1)!.path, /child\/attachment\?expand=version&status=current&limit=200&start=0$/);
});

// The Forge adapter through the real @forge/bridge 7.2.0: each Host method makes exactly the callBridge calls, with the
// payloads, that docs/forge-bridge.md lists (a host stand-in answers those and nothing else).
import { calls, bridge } from './bridge-fake';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { forgeHost } from '../src/app/host/forge';
import { ticketUrl } from '../src/app/host/ticket';
import { ApiError } from '../src/app/host/host';
import { confluenceLoad, confluenceSave } from '../src/app/confluence-storage';
import { capabilities, runJob } from '../src/app/api';

const macroContext = { accountId: '557058:u', locale: 'en-US', cloudId: 'c0ffee-1', extension: { type: 'macro', content: { id: '100' }, config: { diagramName: 'Arch', revision: '2' } } };
const panelContext = { extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1', id: '10000' } } };
const modalContext = { extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1', id: '10000' }, modal: { issueKey: 'DEMO-1', name: 'Flow' } } };

type Payload = Record<string, unknown> & { fetchRequestInit?: { method?: string; body?: string | null; headers?: Array<[string, string]> } };
const of = (name: string) => calls.filter((c) => c.name === name).map((c) => c.payload as Payload);
const remoteAnswer = (status: number, body: unknown, headers: Record<string, string[]> = {}) => ({ success: true, payload: { status, headers, body } });

beforeEach(() => {
  calls.length = 0;
});

test('getContext: the product, page, issue and macro config come from the Forge context', async () => {
  bridge.answer = () => macroContext;
  const host = forgeHost();
  assert.deepEqual(await host.context(), { product: 'confluence', site: 'c0ffee-1', pageId: '100', issueKey: undefined, issueId: undefined, accountId: '557058:u', locale: 'en-US' });
  assert.deepEqual(await host.macroConfig(), { diagramName: 'Arch', revision: '2', previewRevision: undefined });
  assert.deepEqual(calls, [{ name: 'getContext', payload: undefined }], 'the context is asked for once');

  bridge.answer = () => panelContext;
  assert.equal((await forgeHost().context()).issueKey, 'DEMO-1');
  bridge.answer = () => modalContext;
  assert.deepEqual(await forgeHost().editorTarget(), { issueKey: 'DEMO-1', name: 'Flow' });
  bridge.answer = () => ({ extension: { type: 'jira:issuePanel', modal: { issueKey: '../x' } } });
  await assert.rejects(forgeHost().editorTarget(), /without an issue/);
});

test('fetchProduct: the viewer lists the attachment and downloads the revision, Confluence paths under /wiki', async () => {
  bridge.answer = (name, payload) => {
    if (name === 'getContext') return macroContext;
    const { restPath } = payload as { restPath: string };
    return restPath.includes('/download')
      ? { status: 200, statusText: 'OK', headers: { 'content-type': 'application/vnd.jgraph.mxfile' }, isAttachment: true, body: Buffer.from('<mxfile>two</mxfile>').toString('base64') }
      : { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ results: [{ id: 'att7', title: 'Arch', version: { number: 3 } }] }) };
  };
  const xml = await confluenceLoad(forgeHost(), '100', 'Arch', '2');
  assert.equal(xml, '<mxfile>two</mxfile>');
  const [list, download] = of('fetchProduct');
  assert.equal(list.product, 'confluence');
  assert.equal(list.restPath, '/wiki/rest/api/content/100/child/attachment?filename=Arch&expand=version&status=current');
  assert.equal(list.isMultipartFormData, false);
  assert.equal(list.fetchRequestInit!.method, 'GET');
  assert.equal(list.fetchRequestInit!.body, null);
  assert.ok(list.fetchRequestInit!.headers!.some(([k, v]) => k === 'x-atlassian-token' && v === 'no-check'));
  assert.equal(download.restPath, '/wiki/rest/api/content/100/child/attachment/att7/download?version=2');
});

test('fetchProduct: an upload is the form as JSON, the file a data URL with its name and type', async () => {
  let version = 0;
  bridge.answer = (name) =>
    name === 'getContext' ? macroContext : { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ results: [{ id: 'att7', title: 'x', version: { number: ++version } }] }) };
  const saved = await confluenceSave(forgeHost(), '100', 'Arch', '<mxfile/>', new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' }));
  assert.deepEqual(saved, { name: 'Arch', revision: 2, previewRevision: 1 });
  const [preview, diagram] = of('fetchProduct');
  assert.equal(diagram.restPath, '/wiki/rest/api/content/100/child/attachment?status=current');
  assert.equal(diagram.isMultipartFormData, true);
  assert.equal(diagram.fetchRequestInit!.method, 'PUT');
  assert.deepEqual(JSON.parse(diagram.fetchRequestInit!.body!), {
    file: `data:application/vnd.jgraph.mxfile;base64,${Buffer.from('<mxfile/>').toString('base64')}`,
    __fileName: 'Arch',
    __fileType: 'application/vnd.jgraph.mxfile',
    minorEdit: 'true',
    comment: 'Diagram saved',
  });
  assert.ok(diagram.fetchRequestInit!.headers!.some(([k, v]) => k === 'content-type' && v === 'text/plain;charset=UTF-8'), JSON.stringify(diagram.fetchRequestInit!.headers));
  assert.equal(JSON.parse(preview.fetchRequestInit!.body!).__fileName, 'Arch.png');
});

test('fetchProduct: an error status is a HostRequestError with that status (404 on current tries the draft)', async () => {
  bridge.answer = (name) => (name === 'getContext' ? macroContext : { status: 404, statusText: 'Not Found', headers: {}, body: 'no' });
  await assert.rejects(confluenceLoad(forgeHost(), '100', 'Arch'), /no diagram named "Arch"/);
  assert.deepEqual(of('fetchProduct').map((p) => p.restPath), [
    '/wiki/rest/api/content/100/child/attachment?filename=Arch&expand=version&status=current',
    '/wiki/rest/api/content/100/child/attachment?filename=Arch&expand=version&status=draft',
  ]);
});

test('invoke: our backend under /forge, the answer\'s body and headers; error statuses become ApiError', async () => {
  bridge.answer = (name, payload) => {
    if (name === 'getContext') return panelContext;
    const { path, method } = payload as { path: string; method: string };
    if (path === '/forge/api/capabilities') return remoteAnswer(200, { lockdown: true, features: {} });
    if (method === 'PUT') return remoteAnswer(200, { version: 2 }, { ETag: ['"2"'] });
    return remoteAnswer(403, { title: 'Lockdown', detail: 'This site is in lockdown.', code: 'lockdown' });
  };
  const host = forgeHost();
  assert.equal((await capabilities(host)).lockdown, true);
  const put = await host.backend('/api/settings', { method: 'PUT', json: '{"lockdown":true}', headers: { 'If-Match': '"1"' } });
  assert.equal(put.header('etag'), '"2"');
  await assert.rejects(host.backend('/api/jobs/audit'), (e: unknown) => e instanceof ApiError && e.status === 403 && e.problem.code === 'lockdown');
  await assert.rejects(host.backend('/api/settings', { method: 'PUT', json: '{not json' }), (e: unknown) => e instanceof ApiError && e.status === 400);
  assert.deepEqual(of('invoke'), [
    { path: '/forge/api/capabilities', method: 'GET', headers: {}, body: undefined, invokeType: 'ui-remote-fetch' },
    { path: '/forge/api/settings', method: 'PUT', headers: { 'If-Match': '"1"', 'Content-Type': 'application/json' }, body: { lockdown: true }, invokeType: 'ui-remote-fetch' },
    { path: '/forge/api/jobs/audit', method: 'GET', headers: {}, body: undefined, invokeType: 'ui-remote-fetch' },
  ]);

  bridge.answer = (name) => (name === 'getContext' ? panelContext : { success: false, error: { message: 'remote unreachable' } });
  await assert.rejects(forgeHost().backend('/api/capabilities'), (e: unknown) => e instanceof ApiError && e.status === 0 && e.problem.detail === 'remote unreachable');
});

test('jobs: a ticket through invoke, then the input posted straight to the ticket\'s URL with it', async () => {
  bridge.answer = (name) => (name === 'getContext' ? macroContext : remoteAnswer(200, { ticket: 'v1.abc.def', url: 'https://diagrams.example.com/jobs/ticketed/plantuml', expiresInSeconds: 60 }));
  const posted: Array<{ url: string; init: RequestInit }> = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    posted.push({ url, init });
    return new Response('<svg/>', { status: 200, headers: { 'Content-Type': 'image/svg+xml' } });
  }) as typeof fetch;
  try {
    const svg = await runJob(forgeHost(), 'plantuml', new Blob(['@startuml\n@enduml'], { type: 'text/plain' }), { format: 'svg' });
    assert.equal(await svg.text(), '<svg/>');
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(of('invoke'), [{ path: '/forge/api/jobs/tickets', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { kind: 'plantuml' }, invokeType: 'ui-remote-fetch' }]);
  assert.equal(posted.length, 1);
  assert.equal(posted[0].url, 'https://diagrams.example.com/jobs/ticketed/plantuml?format=svg');
  assert.deepEqual(posted[0].init.headers, { 'Content-Type': 'text/plain', Authorization: 'Ticket v1.abc.def' });
  assert.equal(posted[0].init.credentials, 'omit');
});

test('the ticket\'s URL must be https (http only on loopback) and end in /jobs/ticketed/{kind}', () => {
  assert.equal(ticketUrl('https://eu.diagrams.example.com/base/jobs/ticketed/pdf', 'pdf'), 'https://eu.diagrams.example.com/base/jobs/ticketed/pdf');
  assert.equal(ticketUrl('http://127.0.0.1:5000/jobs/ticketed/pdf', 'pdf'), 'http://127.0.0.1:5000/jobs/ticketed/pdf');
  for (const bad of ['http://diagrams.example.com/jobs/ticketed/pdf', 'https://diagrams.example.com/jobs/ticketed/visio', 'https://u:p@diagrams.example.com/jobs/ticketed/pdf',
    'https://diagrams.example.com/jobs/ticketed/pdf?x=1', 'javascript:alert(1)//jobs/ticketed/pdf', '/jobs/ticketed/pdf', 42, undefined]) {
    assert.throws(() => ticketUrl(bad, 'pdf'), ApiError, String(bad));
  }
});

test('submit, close and openModal carry the macro config, the editor\'s result and the modal\'s context', async () => {
  bridge.answer = (name) => (name === 'getContext' ? panelContext : true);
  const host = forgeHost();
  await host.submitMacro({ diagramName: 'Arch', revision: '3', previewRevision: '3' });
  await host.close({ saved: 'Arch' });
  await host.close();
  let closed = 0;
  await host.openEditor({ issueKey: 'DEMO-1', name: null }, () => closed++);
  assert.deepEqual(of('submit'), [{ config: { diagramName: 'Arch', revision: '3', previewRevision: '3' } }]);
  assert.deepEqual(of('close'), [{ saved: 'Arch' }, undefined]);
  const [modal] = of('openModal');
  assert.deepEqual({ ...modal, onClose: typeof modal.onClose }, {
    resource: 'editor', onClose: 'function', size: 'max', context: { issueKey: 'DEMO-1', name: null },
    closeOnEscape: false, closeOnOverlayClick: false, title: 'Diagram editor', icon: '',
  });
  (modal.onClose as (payload: unknown) => void)({ saved: 'Arch' });
  assert.equal(closed, 1);

  bridge.answer = () => false;
  await assert.rejects(forgeHost().submitMacro({ diagramName: 'Arch', revision: '1' }), /not submittable/);
});

test('openModal shows the viewer full size with the diagram as the modal context, which the viewer reads back', async () => {
  bridge.answer = (name) => (name === 'getContext' ? macroContext : true);
  const host = forgeHost();
  assert.equal(await host.fullViewTarget(), null, 'the macro view itself is no full view');
  await host.openFullView({ pageId: '100', diagramName: 'Arch', revision: '2' });
  const [modal] = of('openModal');
  assert.deepEqual({ ...modal, onClose: typeof modal.onClose }, {
    resource: 'viewer', onClose: 'function', size: 'max', context: { fullView: { pageId: '100', diagramName: 'Arch', revision: '2' } },
    closeOnEscape: true, closeOnOverlayClick: true, title: 'Arch', icon: '',
  });

  bridge.answer = () => ({ extension: { ...macroContext.extension, modal: { fullView: { pageId: '100', diagramName: 'Arch', revision: '2' } } } });
  assert.deepEqual(await forgeHost().fullViewTarget(), { pageId: '100', diagramName: 'Arch', revision: '2' });
  bridge.answer = () => ({ extension: { ...macroContext.extension, modal: { fullView: { diagramName: 42 } } } });
  await assert.rejects(forgeHost().fullViewTarget(), /without a diagram/);
});

test('navigate: the full view\'s Edit leaves for the page\'s editor in the same tab', async () => {
  bridge.answer = (name) => (name === 'getContext' ? macroContext : null);
  await forgeHost().editPage('100');
  assert.deepEqual(of('navigate'), [{ target: 'contentEdit', contentId: '100', type: 'same-tab' }]);
});

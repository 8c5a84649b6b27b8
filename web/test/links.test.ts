// The rules for links and data on shapes (shared/link-rules, editor/data-rules): which links are kept and followed,
// draw.io's page links, and which property names Edit data accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkProblem, maxLinkChars, pageLink, pageLinkId } from '../src/shared/link-rules';
import { maxNameChars, propertyNameProblem } from '../src/editor/data-rules';

test('links: http(s), mailto and page links are kept; javascript:, data:, file: and relative addresses are refused', () => {
  for (const ok of ['https://example.com/a?b=1#c', 'http://intranet.local/x', 'mailto:team@example.com', 'data:page/id,WVXzPFL2b05tTFR0NIl-']) {
    assert.equal(linkProblem(ok), null, ok);
  }
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:x', '/relative', 'example.com', 'data:page/id,']) {
    assert.notEqual(linkProblem(bad), null, bad);
  }
  assert.match(linkProblem(`https://example.com/${'a'.repeat(maxLinkChars)}`)!, /at most/);
});

test('page links: draw.io\'s data:page/id,<id> names a page of the file', () => {
  assert.equal(pageLinkId(pageLink('76xZlu7qyclzCOkfQ9TL')), '76xZlu7qyclzCOkfQ9TL');
  assert.equal(pageLinkId('https://example.com'), null);
  assert.equal(pageLinkId('data:page/id,a b'), null);
});

test('property names: XML attribute names, not draw.io\'s own, not twice, bounded', () => {
  assert.equal(propertyNameProblem('owner', []), null);
  assert.equal(propertyNameProblem('cost_centre.v2-x', []), null);
  assert.equal(propertyNameProblem('tooltip', []), null, 'link and tooltip are ordinary properties in draw.io\'s Edit data');
  for (const reserved of ['label', 'id', 'placeholders']) assert.match(propertyNameProblem(reserved, [])!, /reserved/);
  for (const bad of ['1st', 'a b', 'x:y', 'a"b', '<a>', '']) assert.notEqual(propertyNameProblem(bad, []), null, bad);
  assert.match(propertyNameProblem('owner', ['owner'])!, /already/);
  assert.match(propertyNameProblem('a'.repeat(maxNameChars + 1), [])!, /at most/);
});

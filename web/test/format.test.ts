// The format panel's pure rules: validated colours, numbers and dash patterns, mixed selections, draw.io's fontStyle
// bits, waypoint and label-position keys, and which links a label may hold (hostile URLs refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  common, parseBounded, parseColour, parseDashPattern, plainToHtml, readLabelPosition, readWaypoints, waypointStyles, withFontBit,
  writeLabelPosition, writeWaypoints,
} from '../src/editor/format/values';
import { safeLinkUrl } from '../src/editor/format/link-url';
import { withStyle } from '../src/editor/styles';

test('colours are #rrggbb (lower case, #rgb expanded) or none; anything else is refused', () => {
  assert.equal(parseColour(' #FF8800 '), '#ff8800');
  assert.equal(parseColour('#f80'), '#ff8800');
  assert.equal(parseColour('NONE'), 'none');
  for (const bad of ['', 'red', '#ff880', '#ff88001', 'ff8800', 'url(x)', '#ff8800;fillColor=#000', 'expression(alert(1))']) {
    assert.equal(parseColour(bad), null, bad);
  }
});

test('numbers are bounded; text that is not a number is refused', () => {
  assert.equal(parseBounded('4', 0, 100), 4);
  assert.equal(parseBounded('1e9', 0, 100), null);
  assert.equal(parseBounded('250', 0, 100), 100);
  assert.equal(parseBounded('-3', 0, 100), 0);
  assert.equal(parseBounded('2.555', 0, 100), 2.56);
  for (const bad of ['', 'abc', '4;dashed=1', 'NaN', 'Infinity']) assert.equal(parseBounded(bad, 0, 100), null, bad);
});

test('dash patterns are up to 8 bounded numbers', () => {
  assert.equal(parseDashPattern(' 8  8 '), '8 8');
  assert.equal(parseDashPattern('1 4'), '1 4');
  assert.equal(parseDashPattern('1 2 3 4 5 6 7 8 9'), null);
  assert.equal(parseDashPattern('8;rounded=1'), null);
  assert.equal(parseDashPattern('5000 1'), null);
});

test('a mixed selection shows blank; a shared value shows', () => {
  assert.equal(common(['#ff0000', '#ff0000']), '#ff0000');
  assert.equal(common(['#ff0000', '#00ff00']), '');
  assert.equal(common([]), '');
});

test('bold, italic and underline are bits 1, 2 and 4 of fontStyle; the other bits stay', () => {
  assert.equal(withFontBit(undefined, 1, true), 1);
  assert.equal(withFontBit(6, 1, true), 7);
  assert.equal(withFontBit(7, 2, false), 5);
  assert.equal(withFontBit('4', 4, false), 0);
});

test('waypoint styles write draw.io\'s keys and read back', () => {
  assert.deepEqual(withStyle({ edgeStyle: 'orthogonalEdgeStyle', curved: 1 } as never, writeWaypoints('straight')), {});
  assert.deepEqual(withStyle({} as never, writeWaypoints('curved')), { edgeStyle: 'orthogonalEdgeStyle', curved: 1 });
  assert.deepEqual(withStyle({} as never, writeWaypoints('entityRelation')), { edgeStyle: 'entityRelationEdgeStyle' });
  assert.deepEqual(withStyle({} as never, writeWaypoints('elbowVertical')), { edgeStyle: 'elbowEdgeStyle', elbow: 'vertical' });
  for (const kind of waypointStyles) assert.equal(readWaypoints(withStyle({} as never, writeWaypoints(kind)) as never), kind);
  assert.equal(readWaypoints({ edgeStyle: 'none' }), 'straight');
  assert.equal(readWaypoints({ edgeStyle: 'segmentEdgeStyle' }), '');
});

test('label positions write draw.io\'s four keys', () => {
  assert.deepEqual(writeLabelPosition('bottom'), { labelPosition: 'center', verticalLabelPosition: 'bottom', align: 'center', verticalAlign: 'top' });
  assert.equal(readLabelPosition(writeLabelPosition('topRight')), 'topRight');
  assert.equal(readLabelPosition({}), 'center');
});

test('links: http, https and mailto only; hostile URLs are refused', () => {
  for (const good of ['https://example.com', 'http://example.com:8080/a?b=c#d', 'mailto:someone@example.com', 'HTTPS://EXAMPLE.COM/']) {
    assert.equal(safeLinkUrl(good), good, good);
  }
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', '/relative', 'example.com',
    'https://example.com/"onmouseover="alert(1)', 'https://user@evil.example', 'https:\\\\evil.example', 'http://',
    'mailto:', 'file:///etc/passwd', `https://example.com/${'a'.repeat(3000)}`, 'https://exa\u0000mple.com']) {
    assert.equal(safeLinkUrl(bad), null, JSON.stringify(bad));
  }
});

test('Formatted text on: a plain label is escaped and its line breaks become <br>', () => {
  assert.equal(plainToHtml('a < b & "c"\nline 2'), 'a &lt; b &amp; &quot;c&quot;<br>line 2');
  assert.equal(plainToHtml('<b>not bold</b>'), '&lt;b&gt;not bold&lt;/b&gt;');
});

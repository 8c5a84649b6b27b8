// draw.io's stencil names (how a style names a library shape, which library holds it, which names a page uses) and
// the bounds on embedded stencil(...) styles that Node can check without a DOM (size, base64, deflate bomb, depth).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { libraryOf, namesInModel, stencilName } from '../src/draw/stencils/names';
import { decodeEmbeddedStencil } from '../src/draw/stencils/embedded';
import { stencilLimits } from '../src/draw/stencils/limits';
import { checkShape, StencilError } from '../src/draw/stencils/sanitize';

test('a library shape is named as draw.io registers it: package and name lowercased, spaces as underscores', () => {
  assert.equal(stencilName('mxgraph.aws4', 'IoT Thing'), 'mxgraph.aws4.iot_thing');
  assert.equal(stencilName('mxGraph.pid.pumps_-_iso', 'Pump (Liquid)'), 'mxgraph.pid.pumps_-_iso.pump_(liquid)');
  assert.equal(stencilName('', 'Box'), 'box');
});

test('the library of a name is the longest package prefix, also when the shape name holds dots', () => {
  const packages = new Map([['mxgraph.cisco', 'cisco-x'], ['mxgraph.cisco.routers', 'cisco.routers'], ['mxgraph.aws4', 'aws4']]);
  assert.equal(libraryOf('mxgraph.cisco.routers.router', packages), 'cisco.routers');
  assert.equal(libraryOf('mxgraph.aws4.2.5g_thing', packages), 'aws4');
  assert.equal(libraryOf('mxGraph.AWS4.lightbulb', packages), 'aws4');
  assert.equal(libraryOf('mxgraph.nosuch.thing', packages), null);
  assert.equal(libraryOf('umlActor', packages), null);
});

test('the names a page uses: shape and icon keys, first = only, entities decoded, bounded', () => {
  const xml = '<mxGraphModel><root><mxCell style="shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.iot_thing;fillColor=#fff"/>'
    + '<mxCell style="ellipse;shape=stencil(abc=);"/><mxCell style="rounded=1"/><mxCell style="shape=a&amp;b"/></root></mxGraphModel>';
  assert.deepEqual([...namesInModel(xml)], ['mxgraph.aws4.resourceIcon', 'mxgraph.aws4.iot_thing', 'stencil(abc=)', 'a&b']);
  const many = Array.from({ length: 50 }, (_, i) => `<mxCell style="shape=s${i}"/>`).join('');
  assert.equal(namesInModel(many, 10).size, 10);
});

const embedded = (xml: string, uriEncode = true) => `stencil(${deflateRawSync(Buffer.from(uriEncode ? encodeURIComponent(xml) : xml)).toString('base64')})`;

test('an embedded stencil over the size bound is refused before it is decoded', async () => {
  const name = `stencil(${'A'.repeat(stencilLimits.embeddedBase64Chars + 4)})`;
  await assert.rejects(decodeEmbeddedStencil(name), (e: unknown) => e instanceof StencilError && /at most/.test(e.message));
});

test('an embedded stencil that is not base64 is refused', async () => {
  await assert.rejects(decodeEmbeddedStencil('stencil(not*base64!)'), StencilError);
});

test('a deflate bomb is refused once it inflates past the bound, without inflating it all', async () => {
  const bomb = embedded(`<shape>${' '.repeat(64 * 1024 * 1024)}</shape>`, false);
  assert.ok(bomb.length < stencilLimits.embeddedBase64Chars, 'the bomb itself is small');
  const started = Date.now();
  await assert.rejects(decodeEmbeddedStencil(bomb), (e: unknown) => e instanceof StencilError && /inflates to more than/.test(e.message));
  assert.ok(Date.now() - started < 5000, 'refused quickly');
});

/** A minimal element tree (Node has no DOM): what checkShape reads. */
function tree(depth: number, width = 1): Element {
  const node = (level: number): { children: unknown[]; all: unknown[] } => {
    const children = level < depth ? Array.from({ length: width }, () => node(level + 1)) : [];
    const all = children.flatMap((c) => [c, ...(c as { all: unknown[] }).all]);
    return Object.assign({ children, all }, { getElementsByTagName: () => all });
  };
  return node(1) as unknown as Element;
}

test('a stencil nesting deeper than the bound, or with too many elements, is refused', () => {
  assert.doesNotThrow(() => checkShape(tree(stencilLimits.embeddedDepth)));
  assert.throws(() => checkShape(tree(stencilLimits.embeddedDepth + 1)), /nests deeper/);
  assert.throws(() => checkShape(tree(3, 200)), /elements; at most/);
});

// Geometry of issue 13's third list of code shapes (draw/shapes/outlines.ts) and the GCP hexagon's icon names (stencils/names.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandOutline, boltPolyline, hexagonOutline, isoCubeFaces, obtuseTriangleOutline, wallUOutline } from '../src/draw/shapes/outlines';
import { iconStencilName, namesInModel, stencilNamesOf } from '../src/draw/stencils/names';

test('gcp2.hexIcon: a flat-topped hexagon touching all four sides of the box', () => {
  assert.deepEqual(hexagonOutline(40, 36), [[10, 0], [30, 0], [40, 18], [30, 36], [10, 36], [0, 18]]);
});

test('comm_link_edge: a zigzag across the middle of the longest segment, no deeper than a quarter of it', () => {
  assert.deepEqual(boltPolyline([[0, 0], [100, 0]], 10), [[0, 0], [60, 10], [40, -10], [100, 0]]);
  assert.deepEqual(boltPolyline([[0, 0], [0, 10], [20, 10]], 10), [[0, 0], [0, 10], [15, 15], [5, 5], [20, 10]]);
  assert.deepEqual(boltPolyline([[5, 5], [5, 5]], 10), [[5, 5], [5, 5]]);
});

test('comm_link_edge: the band is one side then the other back, t apart', () => {
  assert.deepEqual(bandOutline([[0, 0], [10, 0]], 4), [[0, 2], [10, 2], [10, -2], [0, -2]]);
});

test('basic.obtuse_triangle: apex top left, base from dx along the bottom; the angle at dx is obtuse', () => {
  const [apex, right, at] = obtuseTriangleOutline(100, 50, 0.3);
  assert.deepEqual([apex, right, at], [[0, 0], [100, 50], [30, 50]]);
  assert.ok((apex[0] - at[0]) * (right[0] - at[0]) + (apex[1] - at[1]) * (right[1] - at[1]) < 0);
  assert.deepEqual(obtuseTriangleOutline(100, 50, 2)[2], [100, 50]);
});

test('floorplan.wallU: open at the bottom, walls no thicker than half the width', () => {
  assert.deepEqual(wallUOutline(100, 50, 10), [[0, 0], [100, 0], [100, 50], [90, 50], [90, 10], [10, 10], [10, 50], [0, 50]]);
  assert.equal(wallUOutline(10, 50, 30)[3][0], 5);
});

test('infographic.shadedCube: the top face as deep as isoAngle makes half the width, the side faces meet at the middle', () => {
  const { top, left, right } = isoCubeFaces(120, 300, 15);
  const dy = 60 * Math.tan(Math.PI / 12);
  assert.deepEqual(top, [[0, dy], [60, 0], [120, dy], [60, 2 * dy]]);
  assert.deepEqual(left[2], [60, 300]);
  assert.deepEqual(right[3], [60, 300]);
  assert.equal(isoCubeFaces(120, 30, 60).top[0][1], 10, 'capped at a third of the height');
});

test('gcp2.hexIcon names its product icon without the library; other icon keys are left as written', () => {
  assert.equal(iconStencilName('mxgraph.gcp2.hexIcon', 'compute_engine'), 'mxgraph.gcp2.compute_engine');
  assert.equal(iconStencilName('mxgraph.gcp2.hexIcon', 'mxgraph.gcp2.bigquery'), 'mxgraph.gcp2.bigquery');
  assert.equal(iconStencilName('mxgraph.aws4.productIcon', 'lambda'), 'lambda');
  assert.deepEqual(stencilNamesOf({ shape: 'mxgraph.gcp2.hexIcon', prIcon: 'cloud_sql', fillColor: '#5184F3' }), ['mxgraph.gcp2.hexIcon', 'mxgraph.gcp2.cloud_sql']);
  const xml = '<mxCell style="dashed=0;fillColor=#5184F3;shape=mxgraph.gcp2.hexIcon;prIcon=app_engine;part=1"/><mxCell style="prIcon=app_engine"/>';
  assert.deepEqual([...namesInModel(xml)], ['mxgraph.gcp2.hexIcon', 'mxgraph.gcp2.app_engine', 'app_engine']);
});

// Outlines of draw.io's code shapes from their style keys (draw/shapes/outlines.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrowOutline, calloutArrowOutline, cardOutline, extent, lifelinePoint, offsetPolylines, partialSides, stepOutline, twoWayArrowOutline } from '../src/draw/shapes/outlines';

test('size keys: a fraction of the length below 1 unless fixedSize, absolute otherwise, capped', () => {
  assert.equal(extent(0.2, 100, false), 20);
  assert.equal(extent(0.2, 100, true), 0.2);
  assert.equal(extent(30, 100, false), 30);
  assert.equal(extent(80, 100, false, 50), 50);
});

test('arrows2.arrow: shaft inset by dy of the half height, head of length dx, tail notch', () => {
  assert.deepEqual(arrowOutline(100, 40, 30, 0.5, 10), [[0, 10], [70, 10], [70, 0], [100, 20], [70, 40], [70, 30], [0, 30], [10, 20]]);
});

test('arrows2.twoWayArrow: heads at both ends, never longer than half the width', () => {
  const pts = twoWayArrowOutline(50, 20, 40, 0.6);
  assert.deepEqual(pts[0], [0, 10]);
  assert.deepEqual(pts[1], [25, 0]);
  assert.deepEqual(pts[5], [50, 10]);
});

test('arrows2.calloutArrow: a box of width notch, then the shaft and the head', () => {
  const pts = calloutArrowOutline(120, 60, 20, 10, 60, 10);
  assert.deepEqual(pts.slice(0, 6), [[0, 0], [60, 0], [60, 20], [100, 20], [100, 10], [120, 30]]);
});

test('step and card outlines', () => {
  assert.deepEqual(stepOutline(100, 40, 20), [[0, 0], [80, 0], [100, 20], [80, 40], [0, 40], [20, 20]]);
  assert.deepEqual(cardOutline(100, 40, 15), [[15, 0], [100, 0], [100, 40], [0, 40], [0, 15]]);
});

test('partialRectangle: the sides whose key is 1, joined where they meet', () => {
  assert.deepEqual(partialSides(10, 5, true, true, true, true), [[[0, 0], [10, 0], [10, 5], [0, 5], [0, 0]]]);
  assert.deepEqual(partialSides(10, 5, true, false, true, true), [[[10, 5], [0, 5], [0, 0], [10, 0]]]);
  assert.deepEqual(partialSides(10, 5, false, true, false, true), [[[10, 0], [10, 5]], [[0, 5], [0, 0]]]);
  assert.deepEqual(partialSides(10, 5, false, false, false, false), []);
});

test('link: two polylines at ±d either side of the edge', () => {
  const [a, b] = offsetPolylines([[0, 0], [10, 0]], 2);
  assert.deepEqual(a, [[0, 2], [10, 2]]);
  assert.deepEqual(b, [[0, -2], [10, -2]]);
});

test('lifelinePerimeter: below the head a message meets the line at its own height; beside the head, the head\'s side', () => {
  const bounds = { x: 100, y: 0, width: 100, height: 300 };
  assert.deepEqual(lifelinePoint(bounds, 40, { x: 400, y: 120 }), { x: 150, y: 120 });
  assert.deepEqual(lifelinePoint(bounds, 40, { x: 0, y: 20 }), { x: 100, y: 20 });
  assert.deepEqual(lifelinePoint(bounds, 40, { x: 400, y: 900 }), { x: 150, y: 300 });
});

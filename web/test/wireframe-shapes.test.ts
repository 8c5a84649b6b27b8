// Geometry of the wireframe code shapes from their style keys (draw/shapes/wireframe-geometry.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMark, filledSlots, gridCells, gridSize, ratingSlots, starOutline } from '../src/draw/shapes/wireframe-geometry';

test('iconGrid gridSize: "cols,rows", each at least 1, 1,1 when unreadable', () => {
  assert.deepEqual(gridSize('1,1'), [1, 1]);
  assert.deepEqual(gridSize('3, 2'), [3, 2]);
  assert.deepEqual(gridSize('4'), [4, 1]);
  assert.deepEqual(gridSize(''), [1, 1]);
  assert.deepEqual(gridSize('0,-2'), [1, 1]);
  assert.deepEqual(gridSize('x,y'), [1, 1]);
  assert.deepEqual(gridSize('1000,2'), [100, 2]);
});

test('iconGrid cells: one cell is the whole box; more are split with gaps of a fifth of a cell, row by row', () => {
  assert.deepEqual(gridCells(200, 150, 1, 1), [[0, 0, 200, 150]]);
  const cells = gridCells(320, 100, 3, 2);
  assert.equal(cells.length, 6);
  // a cell would be min(320/3, 100/2) = 50 without gaps: the gap is 10
  assert.deepEqual(cells[0], [0, 0, 100, 45]);
  assert.deepEqual(cells[1], [110, 0, 100, 45]);
  assert.deepEqual(cells[2], [220, 0, 100, 45]);
  assert.deepEqual(cells[3], [0, 55, 100, 45]);
  const last = cells[5]!;
  assert.equal(last[0] + last[2], 320);
  assert.equal(last[1] + last[3], 100);
});

test('rating slots: ratingScale squares of the height spread across the width, the first at the left and the last at the right', () => {
  const slots = ratingSlots(77.5, 10, 5);
  assert.equal(slots.length, 5);
  assert.deepEqual(slots[0], [0, 0, 10, 10]);
  assert.deepEqual(slots[4], [67.5, 0, 10, 10]);
  assert.equal(slots[2]![0], 33.75);
  // a narrow box shrinks them to fit, centred vertically
  assert.deepEqual(ratingSlots(30, 20, 3), [[0, 5, 10, 10], [10, 5, 10, 10], [20, 5, 10, 10]]);
  assert.deepEqual(ratingSlots(40, 10, 1), [[0, 0, 10, 10]]);
});

test('rating grade: how many slots are filled, between 0 and the scale', () => {
  assert.equal(filledSlots(4, 5), 4);
  assert.equal(filledSlots(3.7, 5), 3);
  assert.equal(filledSlots(9, 5), 5);
  assert.equal(filledSlots(-1, 5), 0);
});

test('star: ten points alternating outer and inner, inside the box, its tip at the top centre', () => {
  const pts = starOutline([10, 20, 40, 40]);
  assert.equal(pts.length, 10);
  assert.ok(Math.abs(pts[0]![0] - 30) < 1e-9 && Math.abs(pts[0]![1] - 20) < 1e-9);
  for (const [px, py] of pts) assert.ok(px >= 10 - 1e-9 && px <= 50 + 1e-9 && py >= 20 - 1e-9 && py <= 60 + 1e-9, `${px},${py} is in the box`);
  const d = (i: number) => Math.hypot(pts[i]![0] - 30, pts[i]![1] - 41);
  assert.ok(d(1) < d(0) / 2 && d(3) < d(2) / 2, 'the inner points are nearer the centre');
});

test('check mark: down from the left, then up higher to the right, inside the box', () => {
  const [a, b, c] = checkMark([0, 0, 14, 14]);
  assert.ok(b![1] > a![1] && c![1] < a![1], 'down, then up past the start');
  assert.ok(a![0] < b![0] && b![0] < c![0]);
  for (const [px, py] of [a!, b!, c!]) assert.ok(px > 0 && px < 14 && py > 0 && py < 14);
});

// The pure geometry of draw.io's line jumps (src/draw/line-jumps.ts) and the page style reader (src/draw/page-style.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jumpDistances, jumpLimits, pathWithJumps, segmentCrossing, type PathOp } from '../src/draw/line-jumps';
import { readPageStyle } from '../src/draw/page-style';

const p = (x: number, y: number) => ({ x, y });
/** The path with its numbers rounded to 1/1000 (and -0 as 0), to compare with exact values. */
const rounded = (ops: PathOp[]) => ops.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(3)) + 0 : v])));

test('segments that cross meet at the fraction along the first', () => {
  assert.equal(segmentCrossing(p(0, 0), p(100, 0), p(25, -10), p(25, 10)), 0.25);
  assert.equal(segmentCrossing(p(0, 0), p(10, 10), p(0, 10), p(10, 0)), 0.5);
});

test('parallel, apart, or only touching at an end: no crossing', () => {
  assert.equal(segmentCrossing(p(0, 0), p(100, 0), p(0, 5), p(100, 5)), null, 'parallel');
  assert.equal(segmentCrossing(p(0, 0), p(100, 0), p(150, -10), p(150, 10)), null, 'beyond the end');
  assert.equal(segmentCrossing(p(0, 0), p(100, 0), p(100, 0), p(100, 50)), null, 'a shared end point');
  assert.equal(segmentCrossing(p(0, 0), p(100, 0), p(50, 0), p(50, 50)), null, 'the other starts on this one');
});

test('jumps sit at each crossing, sorted, and leave out those with no room', () => {
  const line = [p(0, 0), p(100, 0)];
  const others = [[p(60, -10), p(60, 10)], [p(20, -10), p(20, 10)], [p(23, -10), p(23, 10)], [p(2, -10), p(2, 10)]];
  assert.deepEqual(jumpDistances(line, others, 6), [[20, 60]], '23 is too close to 20, 2 too close to the start');
});

test('each segment of a bent edge has its own jumps, and their number is bounded', () => {
  assert.deepEqual(jumpDistances([p(0, 0), p(100, 0), p(100, 100)], [[p(50, -5), p(150, 50)]], 6).map((d) => d.map(Math.round)), [[59], [23]]);
  const many = Array.from({ length: jumpLimits.maxJumpsPerEdge + 50 }, (_, i) => [p(10 + i * 10, -5), p(10 + i * 10, 5)]);
  const long = [p(0, 0), p(10 * (jumpLimits.maxJumpsPerEdge + 60), 0)];
  assert.equal(jumpDistances(long, many, 6)[0].length, jumpLimits.maxJumpsPerEdge);
});

test('an arc jump is a half circle bulging upwards, whichever way the edge runs', () => {
  const right = pathWithJumps([p(0, 0), p(100, 0)], [[50]], 'arc', 10, 0);
  assert.deepEqual(rounded(right), [
    { op: 'M', x: 0, y: 0 },
    { op: 'L', x: 45, y: 0 },
    { op: 'C', x1: 45, y1: -6.667, x2: 55, y2: -6.667, x: 55, y: 0 },
    { op: 'L', x: 100, y: 0 },
  ]);
  const left = pathWithJumps([p(100, 0), p(0, 0)], [[50]], 'arc', 10, 0);
  const curve = left.find((o) => o.op === 'C');
  assert.ok(curve && curve.op === 'C' && curve.y1 < 0, 'right to left also bulges up');
});

test('gap, sharp and line jumps', () => {
  const ops = (style: 'gap' | 'sharp' | 'line') => pathWithJumps([p(0, 0), p(100, 0)], [[50]], style, 10, 0).map((o) => o.op).join('');
  assert.equal(ops('gap'), 'MLML', 'a gap breaks the line');
  assert.equal(ops('sharp'), 'MLLLL');
  assert.equal(ops('line'), 'MLLLLL');
});

test('rounded corners curve at the bends', () => {
  const ops = pathWithJumps([p(0, 0), p(100, 0), p(100, 100)], [[], []], 'arc', 6, 10);
  assert.deepEqual(ops[1], { op: 'L', x: 90, y: 0 });
  assert.deepEqual(ops[2], { op: 'Q', x1: 100, y1: 0, x: 100, y: 10 });
});

test('the page style: a plain background colour and shadow=1; anything else is ignored', () => {
  assert.deepEqual(readPageStyle({ background: '#FFE6CC', shadow: '1' }), { background: '#FFE6CC', shadow: true });
  assert.deepEqual(readPageStyle({ background: 'none' }), { background: null, shadow: false });
  assert.deepEqual(readPageStyle({ background: 'url(https://example.invalid/x.png)' }), { background: null, shadow: false });
  assert.deepEqual(readPageStyle({ background: 'red; position: fixed' }), { background: null, shadow: false });
  assert.deepEqual(readPageStyle({}), { background: null, shadow: false });
});

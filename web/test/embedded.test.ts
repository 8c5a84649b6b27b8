// The draw.io diagram embedded in a PNG's text chunks, in each form draw.io has written (editor/embedded.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { diagramFromPng } from '../src/editor/embedded';

const xml = '<mxfile><diagram id="d" name="Page 1"><mxGraphModel><root><mxCell id="0"/></root></mxGraphModel></diagram></mxfile>';
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  return out; // the CRC (last 4 bytes) is not checked by the reader
}

function png(...chunks: Uint8Array[]): Uint8Array {
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', new Uint8Array(13)), ...chunks, chunk('IDAT', new Uint8Array(4)), chunk('IEND', new Uint8Array(0))];
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

test('tEXt "mxfile", URL-encoded (today\'s draw.io)', async () => {
  assert.equal(await diagramFromPng(png(chunk('tEXt', latin1(`mxfile\0${encodeURIComponent(xml)}`)))), xml);
});

test('zTXt "mxGraphModel", raw deflate with + for spaces (older draw.io), and as a zlib stream', async () => {
  const encoded = encodeURIComponent(xml).replace(/%20/g, '+');
  for (const deflated of [deflateRawSync(Buffer.from(encoded)), deflateSync(Buffer.from(encoded))]) {
    assert.equal(await diagramFromPng(png(chunk('zTXt', concat(latin1('mxGraphModel\0\0'), deflated)))), xml);
  }
});

test('iTXt "mxfile", plain and compressed', async () => {
  const plain = concat(latin1('mxfile\0\0\0en\0\0'), new TextEncoder().encode(xml));
  assert.equal(await diagramFromPng(png(chunk('iTXt', plain))), xml);
  const compressed = concat(latin1('mxfile\0\x01\0\0\0'), deflateSync(Buffer.from(xml)));
  assert.equal(await diagramFromPng(png(chunk('iTXt', compressed))), xml);
});

test('other text chunks are skipped; a PNG without the diagram, a cut one and a non-PNG are refused', async () => {
  assert.equal(await diagramFromPng(png(chunk('tEXt', latin1('Software\0Paint')), chunk('tEXt', latin1(`mxfile\0${xml}`)))), xml);
  await assert.rejects(diagramFromPng(png()), /no embedded draw.io diagram/);
  await assert.rejects(diagramFromPng(png(chunk('tEXt', latin1(`mxfile\0${xml}`))).slice(0, 40)), /cut off/);
  await assert.rejects(diagramFromPng(latin1('GIF89a')), /not a PNG/);
});

test('a zTXt chunk inflating past the limit is refused', async () => {
  const bomb = deflateRawSync(Buffer.alloc(21 * 1024 * 1024, 0x41));
  await assert.rejects(diagramFromPng(png(chunk('zTXt', concat(latin1('mxGraphModel\0\0'), bomb)))), /inflates to more than/);
});

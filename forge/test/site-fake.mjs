// A stand-in for @forge/api: Atlassian's real `route` (so paths are escaped as on Forge) and an asApp() whose
// requestConfluence answers from a table and records every call. Anything else the code might use to reach the
// network (fetch, invokeRemote, asUser) is recorded too, so a test can prove it was never called.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const { route } = require('@forge/api');

export function fakeApi(answers) {
  const calls = [];
  const elsewhere = [];
  const requestConfluence = async (path, init) => {
    const url = path.value;
    calls.push(url);
    const answer = answers(url, init);
    if (!answer) return response(404, { message: 'no such resource' });
    return answer;
  };
  const record = (name) => (...args) => { elsewhere.push(name); throw new Error(`${name} must not be called`); };
  return {
    api: { route, asApp: () => ({ requestConfluence }), asUser: record('asUser'), fetch: record('fetch'), invokeRemote: record('invokeRemote') },
    calls,
    elsewhere,
  };
}

export function response(status, body, headers = {}) {
  const bytes = body instanceof Uint8Array ? body : Buffer.from(JSON.stringify(body));
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    json: async () => JSON.parse(Buffer.from(bytes).toString('utf8')),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
}

/** A real (tiny, all-white) PNG of the given size: signature, IHDR, IDAT, IEND with correct CRCs. */
export function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The adfExport payload Confluence sends for one macro. */
export function payload(config, pageId = '98305', exportType = 'pdf') {
  return { exportType, context: { extension: { type: 'macro', config, content: { id: pageId, type: 'page' } } } };
}

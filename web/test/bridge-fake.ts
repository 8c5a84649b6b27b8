// Imported first by the Forge adapter's tests: a window.__bridge that records every callBridge(name, payload) and
// answers through a handler the test sets, plus the two browser pieces @forge/bridge uses that Node lacks (FileReader,
// and Request resolving '' against the page's URL as a browser does).
export interface BridgeCall {
  name: string;
  payload: unknown;
}

export const calls: BridgeCall[] = [];
export const bridge: { answer: (name: string, payload: unknown) => unknown } = { answer: () => undefined };

(globalThis as unknown as { __bridge: unknown }).__bridge = {
  callBridge: async (name: string, payload?: unknown) => {
    calls.push({ name, payload });
    return bridge.answer(name, payload);
  },
};

class NodeFileReader {
  result: string | null = null;
  onloadend: (() => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  readAsDataURL(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = `data:${blob.type};base64,${Buffer.from(buffer).toString('base64')}`;
        this.onloadend?.();
      },
      (e: unknown) => this.onerror?.(e),
    );
  }
}
(globalThis as unknown as { FileReader: unknown }).FileReader = NodeFileReader;

const NodeRequest = globalThis.Request;
globalThis.Request = class extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'https://forge-resource.example/') : input, init);
  }
} as typeof Request;

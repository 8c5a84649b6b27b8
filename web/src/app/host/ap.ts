// The subset of Atlassian Connect's all.js (REFERENCE §3) the Connect host adapter (connect.ts) uses, typed
// and promise-based. In a real site all.js comes from Atlassian's CDN; in the sandbox HostSim serves a shim with the
// same surface. Pages never import this file: they take a Host.
import { HostRequestError } from './host';

export interface HostResponse<T> {
  body: T;
  xhr: { status: number; getResponseHeader(name: string): string | null };
}

export interface HostRequest {
  /** Relative to the product's context path (Confluence: after /wiki). */
  url: string;
  type?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  data?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  binaryAttachment?: boolean;
}

interface ConnectAp {
  context: { getToken(callback?: (token: string) => void): Promise<string>; getContext(callback?: (c: unknown) => void): Promise<unknown> };
  request(options: HostRequest): Promise<HostResponse<unknown>>;
  resize(width?: string, height?: string): void;
  sizeToParent?(): void;
  confluence?: {
    getMacroData(callback: (data: Record<string, string> | undefined) => void): void;
    saveMacro(params: Record<string, string>, body?: string): void;
    closeMacroEditor(): void;
  };
  dialog?: {
    create(options: { key: string; customData?: unknown; size?: string; chrome?: boolean }): unknown;
    close(data?: unknown): void;
    getCustomData(callback: (data: unknown) => void): void;
  };
  events?: { on(name: string, callback: (data: unknown) => void): void };
  navigator?: { go(target: string, context?: Record<string, string>): void };
}

declare global {
  interface Window {
    AP?: ConnectAp;
  }
}

/** all.js loads asynchronously; wait (bounded) until AP exists. */
export async function ap(): Promise<ConnectAp> {
  for (let i = 0; i < 200 && !window.AP; i++) await new Promise((r) => setTimeout(r, 25));
  if (!window.AP) throw new Error('The Atlassian host script (all.js) did not load; open this page from Confluence or Jira.');
  return window.AP;
}

export async function contextToken(): Promise<string> {
  return (await ap()).context.getToken();
}

/** A REST call to the site as the current user (the host adds its XSRF header and session). */
export async function hostRequest<T = string>(request: HostRequest): Promise<HostResponse<T>> {
  try {
    return (await (await ap()).request(request)) as HostResponse<T>;
  } catch (failure) {
    const xhr = (failure as { xhr?: { status?: number; responseText?: string } })?.xhr;
    const status = xhr?.status ?? 0;
    throw new HostRequestError(status, `${request.type ?? 'GET'} ${request.url} failed (${status || 'no answer'}): ${(xhr?.responseText ?? '').slice(0, 200)}`);
  }
}

export async function getMacroData(): Promise<Record<string, string>> {
  const host = await ap();
  if (!host.confluence) return {};
  return new Promise((resolve) => host.confluence!.getMacroData((data) => resolve(data ?? {})));
}

export async function resizeTo(height: number): Promise<void> {
  (await ap()).resize('100%', `${Math.ceil(height)}px`);
}

/** The parameters our page shell puts on <body data-params>. */
export function pageParams(): Record<string, string> {
  try {
    return JSON.parse(document.body.dataset.params ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

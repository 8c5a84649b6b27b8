// The one place where the pages meet their host. Two implementations: Connect over AP (connect.ts) and Forge
// over @forge/bridge (forge.ts). Page code takes a Host and never asks which one it has.

export type Product = 'confluence' | 'jira';

export interface HostContext {
  product: Product;
  /** The site (Connect: its base URL; Forge: its cloud id), to key what this browser keeps per site. */
  site?: string;
  /** Confluence: the page the macro is on. */
  pageId?: string;
  /** Jira: the issue of the panel (the key, and the id when the host gives it). */
  issueKey?: string;
  issueId?: string;
  /** Informational; no page sends these anywhere. */
  accountId?: string;
  locale?: string;
}

/** The Confluence macro's saved parameters (Forge: its config), all strings as the host keeps them. */
export interface MacroConfig {
  diagramName?: string;
  revision?: string;
  previewRevision?: string;
}

/** What the Jira issue panel opens the editor with: the issue, and the diagram (null for a new one). */
export interface EditorTarget {
  issueKey: string;
  name: string | null;
}

/** A Confluence diagram shown read-only in the host's full-size dialog (the viewer's "Full screen"). */
export interface FullViewTarget {
  pageId: string;
  diagramName: string;
  revision?: string;
}

export interface ProductRequest {
  /** The REST path as Connect's AP.request takes it: Confluence paths without /wiki, e.g. /rest/api/content/1. */
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A JSON body, serialized. */
  json?: string;
  /** A multipart body: the file as the part `file`, plus text parts. */
  form?: { file: File; fields?: Record<string, string> };
}

export interface BackendRequest {
  method?: 'GET' | 'PUT' | 'POST';
  /** A JSON body as text (Connect sends it as it is, so the API names what is wrong with it). */
  json?: string;
  headers?: Record<string, string>;
}

export interface BackendAnswer<T> {
  body: T;
  header(name: string): string | null;
}

export type JobKind = 'pdf' | 'visio' | 'gliffy' | 'plantuml';

export interface Host {
  context(): Promise<HostContext>;
  /** The macro's saved config (viewer), or the config of the macro being edited (macro editor; {} for a new one). */
  macroConfig(): Promise<MacroConfig>;
  /** The Jira editor: what the panel opened it with. */
  editorTarget(): Promise<EditorTarget>;
  /** A REST call to the product as the current user; resolves to the answer's text, throws HostRequestError. */
  productRequest(request: ProductRequest): Promise<string>;
  /** A GET of binary content (an attachment) as the current user; throws HostRequestError. */
  productDownload(path: string): Promise<ArrayBuffer>;
  /** Our backend's `/api/...` (settings, capabilities, audit); a JSON answer; throws ApiError. */
  backend<T>(path: string, request?: BackendRequest): Promise<BackendAnswer<T>>;
  /** A heavy job at the site's region: the input as the raw body, options as the query; throws ApiError. */
  job(kind: JobKind, input: Blob, query: string, headers: Record<string, string>): Promise<Blob>;
  /** Saves the config on the macro and closes the macro editor. */
  submitMacro(config: MacroConfig): Promise<void>;
  /** Closes the editor this page is (macro editor, Jira editor), handing `result` to whoever opened it. */
  close(result?: { saved: string }): Promise<void>;
  /** The Jira panel opens the editor; `onClosed` runs when it has closed. */
  openEditor(target: EditorTarget, onClosed: () => void): Promise<void>;
  /** Shows a diagram in the host's full-size dialog (Connect) or modal (Forge): an app iframe may not go full screen itself. */
  openFullView(target: FullViewTarget): Promise<void>;
  /** In that dialog: the diagram it was opened with; null on every other page. */
  fullViewTarget(): Promise<FullViewTarget | null>;
  /** Leaves for the product's editor of this Confluence page (from the full view's Edit). */
  editPage(pageId: string): Promise<void>;
  /** The page's content is `height` px tall (Connect resizes its iframe; Forge sizes the iframe itself). */
  resize(height: number): void;
}

/** The product answered a request as the user with an error status (0: no answer). */
export class HostRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Our backend refused or failed: its ProblemDetails. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** `line`: the source line a converter names (PlantUML's syntax error). */
    readonly problem: { title?: string; detail?: string; code?: string; errors?: Record<string, string[]>; line?: number },
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
  }
}

/** The ProblemDetails of a failed fetch (or its status text when the body is not JSON). */
export async function problemOf(response: Response): Promise<ApiError> {
  try {
    return new ApiError(response.status, await response.json());
  } catch {
    return new ApiError(response.status, { title: response.statusText || `Request failed (${response.status})` });
  }
}

export const issueKeyPattern = /^[A-Z][A-Z0-9_]*-[0-9]+$/;

/** What a dialog was opened with, when it has the shape of a FullViewTarget (the page checks the values themselves). */
export function asFullViewTarget(data: unknown): FullViewTarget | null {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.pageId !== 'string' || typeof d.diagramName !== 'string') return null;
  return { pageId: d.pageId, diagramName: d.diagramName, revision: typeof d.revision === 'string' && d.revision ? d.revision : undefined };
}

export function text(body: unknown): string {
  if (typeof body === 'string') return body;
  return new TextDecoder().decode(body as ArrayBuffer);
}

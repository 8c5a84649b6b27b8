// Calls to our own /api with the page's context token (context-qsh; never the iframe's full-qsh token).
import { contextToken } from './ap';

export interface Capabilities {
  lockdown: boolean;
  region: string | null;
  /** The regions this server offers (its configuration), whatever this site chose. */
  regions: string[];
  features: Record<'pdfExport' | 'visioImport' | 'gliffyImport' | 'plantuml' | 'serverSave', boolean>;
  saveVia: string;
  reason: string | null;
  unavailable: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string; errors?: Record<string, string[]> },
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
  }
}

export async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `JWT ${await contextToken()}`);
  const response = await fetch(path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) {
    let problem: ApiError['problem'] = {};
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText };
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function capabilities(): Promise<Capabilities> {
  return (await api('/api/capabilities')).json();
}

/** A heavy job at the site's region: input as the raw body, options as the query (DESIGN: /api/jobs/{kind}). */
export async function runJob(kind: 'pdf' | 'visio' | 'gliffy' | 'plantuml', input: Blob | string, options: Record<string, string> = {}, fileName?: string): Promise<Blob> {
  const query = new URLSearchParams(options).toString();
  const headers: Record<string, string> = { 'Content-Type': input instanceof Blob && input.type ? input.type : 'application/octet-stream' };
  if (fileName) headers['X-File-Name'] = fileName;
  const response = await api(`/api/jobs/${kind}${query ? `?${query}` : ''}`, { method: 'POST', body: input, headers });
  return response.blob();
}

// Our own backend, through the host adapter: capabilities (which server features this site allows now) and the
// heavy jobs (DESIGN: /api/jobs/{kind}; raw input as the body, options as the query).
import type { Host, JobKind } from './host/host';

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

export async function capabilities(host: Host): Promise<Capabilities> {
  return (await host.backend<Capabilities>('/api/capabilities')).body;
}

export async function runJob(host: Host, kind: JobKind, input: Blob | string, options: Record<string, string> = {}, fileName?: string): Promise<Blob> {
  const body = typeof input === 'string' ? new Blob([input]) : input;
  const headers: Record<string, string> = { 'Content-Type': body.type || 'application/octet-stream' };
  if (fileName) headers['X-File-Name'] = fileName;
  return host.job(kind, body, new URLSearchParams(options).toString(), headers);
}

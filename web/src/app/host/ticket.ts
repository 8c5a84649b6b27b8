// Where a job ticket may send the job: the URL in the ticket's answer (App's own base URL + /jobs/ticketed/{kind}),
// accepted only as https (or http on a loopback host, the sandbox) ending in that route, without credentials or query.
import { ApiError, type JobKind } from './host';

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function ticketUrl(value: unknown, kind: JobKind): string {
  let url: URL | null = null;
  try {
    url = typeof value === 'string' ? new URL(value) : null;
  } catch {
    url = null;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback.has(url.hostname));
  if (!url || !secure || url.username || url.password || url.search || url.hash || !url.pathname.endsWith(`/jobs/ticketed/${kind}`)) {
    throw new ApiError(502, { title: 'Unusable job ticket', detail: `The app's ticket does not name an https URL ending in /jobs/ticketed/${kind}.` });
  }
  return url.href;
}

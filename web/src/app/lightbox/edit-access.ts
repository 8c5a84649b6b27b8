// Whether the full view offers Edit: Confluence's own answer for the current user, the page's content with the
// `operations` expansion (GET /rest/api/content/{id}?expand=operations, as the user through the host) listing `update`.
// No answer, or an answer without it, means no Edit button (the product would refuse the edit anyway).
import type { Host } from '../host/host';

export async function mayEditPage(host: Host, pageId: string): Promise<boolean> {
  try {
    const text = await host.productRequest({ path: `/rest/api/content/${encodeURIComponent(pageId)}?expand=operations` });
    if (text.length > 256 * 1024) return false;
    const operations = (JSON.parse(text) as { operations?: unknown }).operations;
    return Array.isArray(operations) && operations.some((o) => (o as { operation?: unknown } | null)?.operation === 'update');
  } catch {
    return false;
  }
}

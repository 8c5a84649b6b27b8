// Which links a shape may keep (draw.io's `link` attribute): http(s), mailto, and draw.io's page links
// `data:page/id,<page id>` to another page of the same file. Anything else (javascript:, data:, file:) is refused.
// Pure rules, shared by the editor's Edit link and the views that follow links.

export const maxLinkChars = 2048;
export const maxTooltipChars = 4000;
const pageLinkPrefix = 'data:page/id,';

/** Why a link may not be kept on a shape (null: it may). */
export function linkProblem(link: string): string | null {
  if (link.length > maxLinkChars) return `The link has ${link.length} characters; at most ${maxLinkChars} are allowed.`;
  if (pageLinkId(link) !== null) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'Enter a full address starting with https://, http:// or mailto:.';
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return `Links starting with ${url.protocol} are not allowed: only https://, http:// and mailto: links (or a page of this diagram).`;
  return null;
}

/** The page a draw.io page link points to (`data:page/id,<id>`), else null. */
export function pageLinkId(link: string): string | null {
  if (!link.startsWith(pageLinkPrefix)) return null;
  const id = link.slice(pageLinkPrefix.length);
  return id.length > 0 && id.length <= 200 && !/[\s<>"]/.test(id) ? id : null;
}

export const pageLink = (pageId: string): string => `${pageLinkPrefix}${pageId}`;

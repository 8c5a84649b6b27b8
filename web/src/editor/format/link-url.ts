// Which links an HTML label may hold (the label editor's link button and the sanitiser both ask): absolute http,
// https and mailto URLs only, so no javascript:, data:, relative or protocol-relative link reaches a label.

const maxUrlChars = 2048;

export function safeLinkUrl(text: string): string | null {
  const url = text.trim();
  if (url.length === 0 || url.length > maxUrlChars || /[\u0000-\u0020\u007f<>"'`\\]/.test(url)) return null;
  if (/^mailto:[^@/]+@[^@/]+$/i.test(url)) return url;
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?([/?#]|$)/i.test(url) ? url : null;
}

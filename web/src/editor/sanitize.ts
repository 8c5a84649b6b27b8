// HTML labels (html=1) are HTML. Whatever reaches the label editor or the canvas passes through
// this allow-list: formatting elements and the block elements draw.io labels use (headings, paragraphs,
// lists, quotes; they render as blocks), links to http, https and mailto URLs only (opened in a new tab, without
// the opener), style limited to colour, size, weight and alignment. Parsing
// uses DOMParser, whose documents run no script and load no images.

import { safeLinkUrl } from './format/link-url';

const allowedTags = new Set(['A', 'B', 'I', 'U', 'S', 'STRIKE', 'SUB', 'SUP', 'BR', 'DIV', 'SPAN', 'FONT', 'P',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'HR']);
/** The block elements a label may have: each ends a line in a plain-text rendering. */
export const blockTags = ['div', 'p', 'h[1-6]', 'li', 'blockquote', 'pre'];
/** Dropped with their content; any other unknown element is unwrapped (its text kept). */
const droppedTags = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'SVG', 'MATH', 'TEMPLATE',
  'NOSCRIPT', 'LINK', 'META', 'BASE', 'FORM', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'VIDEO', 'AUDIO', 'CANVAS', 'FRAME', 'FRAMESET']);

const colour = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.\s,%]+\)|[a-z]{3,20})$/i;
const styleRules: Record<string, RegExp> = {
  color: colour,
  'background-color': colour,
  'font-size': /^\d{1,3}(\.\d+)?(px|pt|em|rem|%)$|^(small|medium|large|x-large|xx-large|smaller|larger)$/i,
  'font-weight': /^(normal|bold|bolder|lighter|[1-9]00)$/i,
  'text-align': /^(left|right|center|justify)$/i,
};

const cache = new Map<string, string>();

export function sanitizeHtml(html: string): string {
  const hit = cache.get(html);
  if (hit !== undefined) return hit;
  const source = parseInert(html);
  const out = document.implementation.createHTMLDocument('');
  const target = out.createElement('div');
  copyChildren(source, target, out);
  const result = target.innerHTML;
  if (cache.size > 500) cache.clear();
  cache.set(html, result);
  return result;
}

function copyChildren(from: Node, to: Node, doc: Document): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode(node.textContent ?? ''));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      const tag = element.tagName.toUpperCase();
      if (droppedTags.has(tag)) continue;
      if (!allowedTags.has(tag)) {
        copyChildren(element, to, doc);
        continue;
      }
      const copy = doc.createElement(tag.toLowerCase());
      const style = safeStyle(element.getAttribute('style'));
      if (style) copy.setAttribute('style', style);
      if (tag === 'FONT') {
        const color = element.getAttribute('color');
        if (color && colour.test(color)) copy.setAttribute('color', color);
        const size = element.getAttribute('size');
        if (size && /^[+-]?[1-7]$/.test(size)) copy.setAttribute('size', size);
      }
      if (tag === 'A') {
        const href = safeLinkUrl(element.getAttribute('href') ?? '');
        if (href === null) {
          copyChildren(element, to, doc); // a link to anything else keeps only its text
          continue;
        }
        copy.setAttribute('href', href);
        copy.setAttribute('target', '_blank');
        copy.setAttribute('rel', 'noopener noreferrer');
      }
      to.appendChild(copy);
      copyChildren(element, copy, doc);
    }
  }
}

function safeStyle(style: string | null): string {
  if (!style) return '';
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (styleRules[name]?.test(value)) kept.push(`${name}: ${value}`);
  }
  return kept.join('; ');
}

/** Plain text of an HTML label (the SVG export's fallback text). */
export function htmlToText(html: string): string {
  return parseInert(html).textContent ?? '';
}

/**
 * Parses without running anything. Event-handler attributes are renamed inside tags first: Chrome
 * reports (and blocks) them under the page's CSP even in a DOMParser document, which would fill the
 * console; the allow-list below drops them either way.
 */
function parseInert(html: string): HTMLElement {
  const defused = html.replace(/<[^>]*>/g, (tag) => tag.replace(/([\s/"'])on[a-z]+\s*=/gi, '$1data-blocked='));
  return new DOMParser().parseFromString(`<body>${defused}</body>`, 'text/html').body;
}

// HTML labels (html=1) are HTML. Whatever reaches the label editor or the canvas passes through
// this allow-list: formatting elements and the block elements draw.io labels use (headings, paragraphs,
// lists, quotes, rules, tables; they render as blocks), links to http, https and mailto URLs only (opened in a new
// tab, without the opener), a few bounded attributes (table border, spans and padding, alignment, a rule's size),
// and style limited to colour, size, weight, alignment, margins, padding, borders and line height: no value may
// hold a url, an expression or anything but plain keywords, lengths and colours. Parsing uses DOMParser, whose
// documents run no script and load no images.

import { safeLinkUrl } from './format/link-url';

const allowedTags = new Set(['A', 'B', 'I', 'U', 'S', 'STRIKE', 'SUB', 'SUP', 'BR', 'DIV', 'SPAN', 'FONT', 'P',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'HR', 'STRONG', 'EM',
  'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH']);
/** The block elements a label may have: each ends a line in a plain-text rendering. */
export const blockTags = ['div', 'p', 'h[1-6]', 'li', 'blockquote', 'pre', 'tr'];
/** Dropped with their content; any other unknown element is unwrapped (its text kept). */
const droppedTags = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'SVG', 'MATH', 'TEMPLATE',
  'NOSCRIPT', 'LINK', 'META', 'BASE', 'FORM', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'VIDEO', 'AUDIO', 'CANVAS', 'FRAME', 'FRAMESET']);

const colour = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.\s,%]+\)|[a-z]{3,20})$/i;
const length = '(0|\\d{1,4}(\\.\\d{1,3})?(px|pt|em|rem|%)|auto)';
/** One to four lengths, as margin and padding take them. */
const lengths = new RegExp(`^${length}(\\s+${length}){0,3}$`, 'i');
const oneLength = new RegExp(`^${length}$`, 'i');
const borderStyle = /^(none|hidden|solid|dashed|dotted|double|groove|ridge|inset|outset)$/i;
const borderWidth = /^(\d{1,2}(\.\d{1,2})?px|thin|medium|thick)$/i;
/** A border shorthand: width, style and colour words in any order. */
const border = {
  test: (value: string) => {
    const parts = value.split(/\s+/);
    return parts.length <= 3 && parts.every((p) => borderStyle.test(p) || borderWidth.test(p) || colour.test(p));
  },
};
const styleRules: Record<string, { test(value: string): boolean }> = {
  color: colour,
  'background-color': colour,
  'font-size': /^\d{1,3}(\.\d+)?(px|pt|em|rem|%)$|^(small|medium|large|x-large|xx-large|smaller|larger)$/i,
  'font-weight': /^(normal|bold|bolder|lighter|[1-9]00)$/i,
  'font-style': /^(normal|italic|oblique)$/i,
  'text-decoration': /^(none|underline|line-through|overline)(\s+(underline|line-through|overline))*$/i,
  'text-align': /^(left|right|center|justify)$/i,
  'vertical-align': /^(top|middle|bottom|baseline)$/i,
  'line-height': /^(normal|\d{1,2}(\.\d{1,3})?(px|pt|em|%)?)$/i,
  'white-space': /^(normal|nowrap|pre|pre-wrap|pre-line)$/i,
  'border-collapse': /^(collapse|separate)$/i,
  width: oneLength,
  height: oneLength,
  'border-style': borderStyle,
  'border-width': borderWidth,
  'border-color': colour,
  border,
  'border-top': border,
  'border-right': border,
  'border-bottom': border,
  'border-left': border,
};
for (const side of ['', '-top', '-right', '-bottom', '-left']) {
  styleRules[`margin${side}`] = side ? oneLength : lengths;
  styleRules[`padding${side}`] = side ? oneLength : lengths;
}

/** Attributes kept on some elements, each with the values it may have. */
const number = (max: number) => ({ test: (v: string) => /^\d{1,4}$/.test(v) && Number(v) <= max });
const alignment = /^(left|right|center|justify)$/i;
const attributeRules: Record<string, Record<string, { test(value: string): boolean }>> = {
  TABLE: { border: number(20), cellpadding: number(50), cellspacing: number(50), align: /^(left|right|center)$/i, width: /^\d{1,4}%?$/ },
  TD: { colspan: number(100), rowspan: number(100), align: alignment, valign: /^(top|middle|bottom|baseline)$/i, width: /^\d{1,4}%?$/ },
  HR: { size: number(20), width: /^\d{1,4}%?$/, noshade: /^(|noshade)$/i },
  DIV: { align: alignment },
  P: { align: alignment },
  FONT: { color: colour, size: /^[+-]?[1-7]$/, face: /^[\w\s,'"-]{1,100}$/ },
};
attributeRules.TH = attributeRules.TD;
for (const h of ['H1', 'H2', 'H3', 'H4', 'H5', 'H6']) attributeRules[h] = { align: alignment };

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
      for (const [name, rule] of Object.entries(attributeRules[tag] ?? {})) {
        const value = element.getAttribute(name);
        if (value !== null && value.length <= 100 && rule.test(value.trim())) copy.setAttribute(name, value.trim());
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
    const value = declaration.slice(colon + 1).trim().replace(/\s*!important$/i, '');
    if (value.length <= 100 && Object.hasOwn(styleRules, name) && styleRules[name].test(value)) kept.push(`${name}: ${value}`);
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

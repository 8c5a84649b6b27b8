// The format panel's pure rules (no DOM): what a typed value may be, how several cells' values show as one
// (or blank when they differ), draw.io's fontStyle bits, and the waypoint styles as draw.io writes them.

export type Values = Record<string, unknown>;

/** A colour as draw.io writes it: #rrggbb (lower case; #rgb is expanded) or none; anything else is refused (null). */
export function parseColour(text: string): string | null {
  const value = text.trim().toLowerCase();
  if (value === 'none') return 'none';
  if (/^#[0-9a-f]{6}$/.test(value)) return value;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : null;
}

/** A number within [min, max] (rounded to 2 decimals), or null for text that is not a number. */
export function parseBounded(text: string, min: number, max: number): number | null {
  if (!/^\s*-?\d+(\.\d+)?\s*$/.test(text)) return null;
  return Math.round(Math.min(max, Math.max(min, Number(text))) * 100) / 100;
}

/** draw.io's dashPattern: up to 8 numbers (0-1000) separated by spaces, e.g. "8 8" or "1 4". */
export function parseDashPattern(text: string): string | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length > 8 || parts.some((p) => parseBounded(p, 0, 1000) === null || Number(p) > 1000)) return null; // refused, not clamped
  return parts.join(' ');
}

/** The value every cell shares, or '' when they differ (a mixed selection shows blank). */
export function common(values: string[]): string {
  return values.length && values.every((v) => v === values[0]) ? values[0] : '';
}

export const fontBits = { bold: 1, italic: 2, underline: 4 } as const;

/** fontStyle with one bit set or cleared, the others kept. */
export function withFontBit(fontStyle: unknown, bit: number, on: boolean): number {
  const current = Number(fontStyle) || 0;
  return on ? current | bit : current & ~bit;
}

export const waypointStyles = ['straight', 'orthogonal', 'curved', 'entityRelation', 'elbowHorizontal', 'elbowVertical'] as const;
export type WaypointStyle = (typeof waypointStyles)[number];

/** The waypoint style a connector's keys say ('' for one the panel does not offer, e.g. segmentEdgeStyle). */
export function readWaypoints(style: Values): WaypointStyle | '' {
  const edgeStyle = style.edgeStyle === undefined || style.edgeStyle === 'none' ? '' : String(style.edgeStyle);
  if (edgeStyle === '') return 'straight';
  if (edgeStyle === 'orthogonalEdgeStyle') return Number(style.curved) === 1 ? 'curved' : 'orthogonal';
  if (edgeStyle === 'entityRelationEdgeStyle') return 'entityRelation';
  if (edgeStyle === 'elbowEdgeStyle') return style.elbow === 'vertical' ? 'elbowVertical' : 'elbowHorizontal';
  return '';
}

/** The keys draw.io's waypoint menu writes (undefined removes a key). */
export function writeWaypoints(kind: WaypointStyle): Values {
  const base: Values = { edgeStyle: undefined, curved: undefined, elbow: undefined, noEdgeStyle: undefined };
  switch (kind) {
    case 'straight': return base;
    case 'orthogonal': return { ...base, edgeStyle: 'orthogonalEdgeStyle' };
    case 'curved': return { ...base, edgeStyle: 'orthogonalEdgeStyle', curved: 1 };
    case 'entityRelation': return { ...base, edgeStyle: 'entityRelationEdgeStyle' };
    case 'elbowHorizontal': return { ...base, edgeStyle: 'elbowEdgeStyle', elbow: 'horizontal' };
    case 'elbowVertical': return { ...base, edgeStyle: 'elbowEdgeStyle', elbow: 'vertical' };
  }
}

/** draw.io's nine label positions: where the label sits (labelPosition, verticalLabelPosition) and how it aligns there. */
const positions: Record<string, [string, string, string, string]> = {
  topLeft: ['left', 'top', 'right', 'bottom'],
  top: ['center', 'top', 'center', 'bottom'],
  topRight: ['right', 'top', 'left', 'bottom'],
  left: ['left', 'middle', 'right', 'middle'],
  center: ['center', 'middle', 'center', 'middle'],
  right: ['right', 'middle', 'left', 'middle'],
  bottomLeft: ['left', 'bottom', 'right', 'top'],
  bottom: ['center', 'bottom', 'center', 'top'],
  bottomRight: ['right', 'bottom', 'left', 'top'],
};
export const labelPositions = Object.keys(positions);

export function readLabelPosition(style: Values): string {
  const h = String(style.labelPosition ?? 'center');
  const v = String(style.verticalLabelPosition ?? 'middle');
  return Object.keys(positions).find((k) => positions[k][0] === h && positions[k][1] === v) ?? '';
}

export function writeLabelPosition(position: string): Values {
  const [labelPosition, verticalLabelPosition, align, verticalAlign] = positions[position] ?? positions.center;
  return { labelPosition, verticalLabelPosition, align, verticalAlign };
}

/** A plain label as HTML: its text escaped, each line break a <br>. */
export function plainToHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c).replace(/\r?\n/g, '<br>');
}

const blocks = new Set(['DIV', 'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'UL', 'OL', 'TABLE', 'BLOCKQUOTE', 'PRE']);

/** An HTML label's text: a <br> or the end of a block is a line break; parsed inertly (DOMParser: nothing loads or runs). */
export function htmlToPlain(html: string): string {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  let out = '';
  const walk = (node: Node, depth: number) => {
    if (depth > 100) return;
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
    else if (node.nodeName === 'BR') out += '\n';
    else {
      for (const child of Array.from(node.childNodes)) walk(child, depth + 1);
      if (blocks.has(node.nodeName) && out !== '' && !out.endsWith('\n')) out += '\n';
    }
  };
  for (const child of Array.from(body.childNodes)) walk(child, 0);
  return out.replace(/\n$/, '');
}

// draw.io style strings <-> maxGraph CellStyle objects. draw.io writes `name;key=value;...`:
// bare names are named styles (kept as baseStyleNames), pairs are kept whatever their key, so a
// file from draw.io keeps its unknown keys when we write it back.
import type { CellStyle } from '@maxgraph/core';

type StyleRecord = Record<string, unknown>;

/** maxGraph spells a few keys differently from draw.io. */
const toMaxGraph: Record<string, string> = { autosize: 'autoSize' };
const toDrawio: Record<string, string> = { autoSize: 'autosize' };

export function parseStyle(text: string): CellStyle {
  const style: StyleRecord = {};
  if (text.startsWith(';')) style.ignoreDefaultStyle = true;
  for (const part of text.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      ((style.baseStyleNames ??= []) as string[]).push(part);
      continue;
    }
    const key = part.slice(0, eq);
    style[toMaxGraph[key] ?? key] = toValue(part.slice(eq + 1));
  }
  return style as CellStyle;
}

/** Numbers become numbers (maxGraph compares e.g. `rounded` as a number), the rest stay text. */
function toValue(raw: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16 ? Number(raw) : raw;
}

export function writeStyle(style: CellStyle | null | undefined): string {
  if (!style) return '';
  const record = style as StyleRecord;
  const parts: string[] = [];
  for (const name of (record.baseStyleNames as string[] | undefined) ?? []) parts.push(name);
  for (const [key, value] of Object.entries(record)) {
    if (key === 'baseStyleNames' || key === 'ignoreDefaultStyle' || value === undefined || value === null) continue;
    const text = value === true ? '1' : value === false ? '0' : String(value);
    parts.push(`${toDrawio[key] ?? key}=${text.replace(/;/g, '')}`);
  }
  const body = parts.length ? `${parts.join(';')};` : '';
  return record.ignoreDefaultStyle ? `;${body}` : body;
}

/** A copy of the cell's style with the given keys set (undefined removes the key). */
export function withStyle(style: CellStyle | null | undefined, changes: StyleRecord): CellStyle {
  const next: StyleRecord = { ...(style as StyleRecord | undefined) };
  if (Array.isArray(next.baseStyleNames)) next.baseStyleNames = [...next.baseStyleNames];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as CellStyle;
}

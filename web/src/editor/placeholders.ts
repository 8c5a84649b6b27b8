// draw.io placeholders: when a cell's <UserObject>/<object> wrapper has placeholders="1" (or its style
// placeholders=1), %name% in its label shows the value of the wrapper attribute `name`, looked up on the
// cell and then on its ancestors; %id% is the cell's id and %%name% stays a literal %name%. Only the label
// on screen (and in image exports) changes: the cell's value, and so the saved XML, keeps the %name% text.
// A name found nowhere is left as written (draw.io's page/file variables are not offered).
import type { Cell } from '@maxgraph/core';
import { wrapperKey, type WrapperData } from '../shared/cells';

/** draw.io's pattern: %date{…}% or a name without %, ^, braces, spaces, quotes, '=' or ';'. */
const placeholder = /%(date\{.*?\}|[^%^{} "'=;]+)%/g;

const wrapperOf = (cell: Cell): WrapperData | undefined => (cell as unknown as Record<string, unknown>)[wrapperKey] as WrapperData | undefined;

export function usesPlaceholders(cell: Cell): boolean {
  const wrapper = wrapperOf(cell);
  if (wrapper && wrapper.attributes.placeholder !== undefined) return false; // draw.io: a `placeholder` attribute switches it off
  return wrapper?.attributes.placeholders === '1' || String((cell.style as Record<string, unknown> | undefined)?.placeholders ?? '') === '1';
}

export function replacePlaceholders(cell: Cell, label: string): string {
  if (!label.includes('%') || !usesPlaceholders(cell)) return label;
  let last = 0;
  let result = '';
  for (const match of label.matchAll(placeholder)) {
    const [whole, name] = match;
    const index = match.index ?? 0;
    let value: string | null = null;
    if (whole === '%label%' || whole === '%tooltip%') value = null;
    else if (index > last && label.charAt(index - 1) === '%') value = whole.slice(1); // %%name% → %name%
    else if (name === 'id') value = cell.getId();
    else if (!name.includes('{')) value = lookup(cell, name);
    result += label.slice(last, index) + (value ?? whole);
    last = index + whole.length;
  }
  return result + label.slice(last);
}

/** The attribute on the cell's wrapper, else on the nearest ancestor's wrapper that has it. */
function lookup(cell: Cell, name: string): string | null {
  for (let current: Cell | null = cell; current; current = current.getParent()) {
    const attributes = wrapperOf(current)?.attributes;
    if (attributes && Object.hasOwn(attributes, name)) return attributes[name];
  }
  return null;
}

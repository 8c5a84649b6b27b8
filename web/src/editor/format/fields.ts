// The format panel's fields: one input (or a colour's text box and swatch) bound to draw.io style keys. A field reads
// the text it shows for one cell's style and turns what the user entered into the keys to write (null: refused).
import { el } from '../dom';
import { fontBits, htmlToPlain, parseBounded, parseColour, parseDashPattern, plainToHtml, withFontBit, type Values } from './values';

export type Kinds = 'all' | 'vertex' | 'edge';

export interface Field {
  id: string;
  label: string;
  kinds: Kinds;
  element: HTMLElement;
  /** What the field shows for one cell's style. */
  read(style: Values): string;
  /** Shows a value ('' is blank: a mixed selection). */
  show(value: string): void;
  /** The keys to write on one cell for what is entered, or null when the entry is not valid. */
  write(style: Values): Values | null;
  onChange(listener: () => void): void;
  /** The cell's new label when the field also changes it (Formatted text), given its style before and the keys written. */
  relabel?(value: unknown, before: Values, written: Values): unknown;
}

const testid = (id: string) => `style-${id}`;
const text = (style: Values, key: string, fallback: string) => (style[key] === undefined || style[key] === null ? fallback : String(style[key]));

export function colourField(key: string, label: string, kinds: Kinds, fallback: string): Field {
  const input = el('input', { type: 'text', className: 'de-fmt-colour', maxLength: 7, spellcheck: false, placeholder: 'none', 'aria-label': label, 'data-testid': testid(key) });
  const swatch = el('input', { type: 'color', className: 'de-fmt-swatch', 'aria-label': `${label} picker`, 'data-testid': `${testid(key)}-picker` });
  const element = el('span', { className: 'de-fmt-pair' }, [swatch, input]);
  const paint = () => {
    const colour = parseColour(input.value);
    swatch.value = colour && colour !== 'none' ? colour : '#ffffff';
    input.setAttribute('aria-invalid', String(input.value !== '' && colour === null));
  };
  const listeners: Array<() => void> = [];
  input.addEventListener('change', () => { paint(); listeners.forEach((l) => l()); });
  swatch.addEventListener('change', () => { input.value = swatch.value; paint(); listeners.forEach((l) => l()); });
  return {
    id: key, label, kinds, element,
    read: (style) => parseColour(text(style, key, fallback)) ?? text(style, key, fallback),
    show: (value) => { input.value = value; paint(); },
    write: () => { const colour = parseColour(input.value); return colour ? { [key]: colour } : null; },
    onChange: (l) => listeners.push(l),
  };
}

export function numberField(key: string, label: string, kinds: Kinds, min: number, max: number, fallback: number, step = 1): Field {
  const input = el('input', { type: 'number', min, max, step, 'aria-label': label, 'data-testid': testid(key) });
  return {
    id: key, label, kinds, element: input,
    read: (style) => String(parseBounded(text(style, key, String(fallback)), -1e9, 1e9) ?? fallback),
    show: (value) => { input.value = value; },
    write: () => { const n = parseBounded(input.value, min, max); return n === null ? null : { [key]: n }; },
    onChange: (l) => input.addEventListener('change', l),
  };
}

/** A 0/1 key; a mixed selection shows the box indeterminate. */
export function flagField(key: string, label: string, kinds: Kinds, fallback = 0): Field {
  return checkbox(key, label, kinds, (style) => Number(text(style, key, String(fallback))) === 1, (on) => ({ [key]: on ? 1 : 0 }));
}

/** Bold, italic or underline: one bit of draw.io's fontStyle (the other bits are kept per cell). */
export function fontBitField(name: keyof typeof fontBits, label: string): Field {
  const bit = fontBits[name];
  return checkbox(name, label, 'all', (style) => ((Number(style.fontStyle) || 0) & bit) === bit,
    (on, style) => ({ fontStyle: withFontBit(style.fontStyle, bit, on) }));
}

/**
 * draw.io's Formatted text (html=1): on, the label becomes HTML (its text escaped, line breaks as <br>); off, the
 * HTML's text (a <br> or block end a line break). A label already in the chosen form is left as it is.
 */
export function formattedTextField(): Field {
  const isHtml = (style: Values) => text(style, 'html', '0') === '1';
  return {
    ...checkbox('html', 'Formatted text', 'all', isHtml, (on) => ({ html: on ? 1 : 0 })),
    relabel: (value, before, written) => {
      const on = written.html === 1;
      if (on === isHtml(before) || typeof value !== 'string') return value;
      return on ? plainToHtml(value) : htmlToPlain(value);
    },
  };
}

function checkbox(id: string, label: string, kinds: Kinds, isOn: (style: Values) => boolean, write: (on: boolean, style: Values) => Values): Field {
  const input = el('input', { type: 'checkbox', 'aria-label': label, 'data-testid': testid(id) });
  return {
    id, label, kinds, element: input,
    read: (style) => (isOn(style) ? '1' : '0'),
    show: (value) => { input.indeterminate = value === ''; input.checked = value === '1'; },
    write: (style) => write(input.checked, style),
    onChange: (l) => input.addEventListener('change', l),
  };
}

/** A list of values; read/write map a choice to keys (by default the choice is the key's value, '' removes the key). */
export function choiceField(id: string, label: string, kinds: Kinds, options: Array<[string, string]>,
  read: (style: Values) => string, write: (choice: string) => Values): Field {
  const blank = el('option', { value: '', textContent: '', hidden: true });
  const select = el('select', { 'aria-label': label, 'data-testid': testid(id) }, [blank, ...options.map(([value, name]) => el('option', { value, textContent: name }))]);
  return {
    id, label, kinds, element: select,
    read,
    show: (value) => {
      // A value the list does not have (a font family of the file's) is offered as it is.
      if (value && !options.some(([v]) => v === value)) select.append(el('option', { value, textContent: value }));
      select.value = value;
    },
    write: () => (select.value === '' ? null : write(select.value)),
    onChange: (l) => select.addEventListener('change', l),
  };
}

export function keyChoice(key: string, label: string, kinds: Kinds, options: Array<[string, string]>, fallback: string): Field {
  return choiceField(key, label, kinds, options, (style) => text(style, key, fallback), (choice) => ({ [key]: choice }));
}

/** dashPattern (with dashed=1 it sets the dashes; empty removes it, back to draw.io's default dash). */
export function dashPatternField(): Field {
  const input = el('input', { type: 'text', maxLength: 60, spellcheck: false, placeholder: 'e.g. 8 8', 'aria-label': 'Dash pattern', 'data-testid': testid('dashPattern') });
  return {
    id: 'dashPattern', label: 'Dash pattern', kinds: 'all', element: input,
    read: (style) => text(style, 'dashPattern', ''),
    show: (value) => { input.value = value; },
    write: () => {
      if (input.value.trim() === '') return { dashPattern: undefined };
      const pattern = parseDashPattern(input.value);
      return pattern === null ? null : { dashed: 1, dashPattern: pattern };
    },
    onChange: (l) => input.addEventListener('change', l),
  };
}

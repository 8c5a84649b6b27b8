// The style panel: edits the selection's draw.io style keys (one undoable change per edit).
import { InternalEvent, type Cell, type Graph } from '@maxgraph/core';
import { el } from './dom';
import { withStyle } from './styles';

type Values = Record<string, unknown>;

interface Control {
  key: string;
  label: string;
  appliesTo: 'all' | 'vertex' | 'edge';
  input: HTMLInputElement | HTMLSelectElement;
  read(style: Values): void;
  write(): Values;
}

const arrows = ['none', 'classic', 'block', 'open', 'oval', 'diamond', 'diamondThin'];
const edgeStyles: Array<[string, string]> = [
  ['orthogonalEdgeStyle', 'Orthogonal'], ['', 'Straight'], ['elbowEdgeStyle', 'Elbow'],
  ['entityRelationEdgeStyle', 'Entity relation'], ['segmentEdgeStyle', 'Segment'],
];

export function createStylePanel(graph: Graph): HTMLElement {
  const root = el('aside', { className: 'de-style', 'data-testid': 'style-panel' });
  const heading = el('h3', { className: 'de-style-title', textContent: 'Style' });
  const empty = el('p', { className: 'de-style-empty', textContent: 'Select a shape or connector to change its style.' });
  const form = el('div', { className: 'de-style-form' });
  root.append(heading, empty, form);

  const controls: Control[] = [
    colour('fillColor', 'Fill', 'vertex', '#ffffff'),
    colour('strokeColor', 'Line', 'all', '#000000'),
    number('strokeWidth', 'Line width', 'all', 0, 20, 1, 1),
    flag('dashed', 'Dashed', 'all'),
    number('fontSize', 'Font size', 'all', 6, 96, 1, 12),
    colour('fontColor', 'Font colour', 'all', '#000000'),
    bold(),
    choice('align', 'Text align', 'all', [['left', 'Left'], ['center', 'Center'], ['right', 'Right']], 'center'),
    choice('startArrow', 'Start arrow', 'edge', arrows.map((a) => [a, a]), 'none'),
    choice('endArrow', 'End arrow', 'edge', arrows.map((a) => [a, a]), 'classic'),
    choice('edgeStyle', 'Edge style', 'edge', edgeStyles, ''),
    flag('rounded', 'Rounded', 'all'),
    number('opacity', 'Opacity %', 'all', 0, 100, 5, 100),
  ];
  const rows = new Map<Control, HTMLElement>();
  for (const control of controls) {
    const row = el('label', { className: 'de-style-row' }, [el('span', { textContent: control.label }), control.input]);
    rows.set(control, row);
    form.appendChild(row);
    control.input.addEventListener('change', () => apply(control));
  }

  function apply(control: Control): void {
    const cells = graph.getSelectionCells().filter((c) => applies(control, c));
    if (!cells.length) return;
    const changes = control.write();
    graph.batchUpdate(() => {
      for (const cell of cells) graph.getDataModel().setStyle(cell, withStyle(cell.style, changes));
    });
  }

  function refresh(): void {
    const cells = graph.getSelectionCells();
    empty.hidden = cells.length > 0;
    form.hidden = cells.length === 0;
    if (!cells.length) return;
    const first = cells[0];
    const style = graph.getCellStyle(first) as Values;
    for (const control of controls) {
      const visible = cells.some((c) => applies(control, c));
      rows.get(control)!.hidden = !visible;
      if (visible) control.read({ ...style, ...(first.style as Values) });
    }
  }

  graph.getSelectionModel().addListener(InternalEvent.CHANGE, refresh);
  graph.getDataModel().addListener(InternalEvent.CHANGE, refresh);
  refresh();
  return root;
}

function applies(control: Control, cell: Cell): boolean {
  return control.appliesTo === 'all' || (control.appliesTo === 'edge' ? cell.isEdge() : cell.isVertex());
}

const testid = (key: string) => `style-${key}`;

function colour(key: string, label: string, appliesTo: Control['appliesTo'], fallback: string): Control {
  const input = el('input', { type: 'color', 'data-testid': testid(key) });
  return {
    key, label, appliesTo, input,
    read: (s) => { input.value = /^#[0-9a-f]{6}$/i.test(String(s[key])) ? String(s[key]).toLowerCase() : expand(String(s[key] ?? ''), fallback); },
    write: () => ({ [key]: input.value }),
  };
}

function expand(value: string, fallback: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase() : fallback;
}

function number(key: string, label: string, appliesTo: Control['appliesTo'], min: number, max: number, step: number, fallback: number): Control {
  const input = el('input', { type: 'number', min, max, step, 'data-testid': testid(key) });
  return {
    key, label, appliesTo, input,
    read: (s) => { input.value = String(Number.isFinite(Number(s[key])) && s[key] !== undefined ? Number(s[key]) : fallback); },
    write: () => ({ [key]: Math.min(max, Math.max(min, Number(input.value) || 0)) }),
  };
}

function flag(key: string, label: string, appliesTo: Control['appliesTo']): Control {
  const input = el('input', { type: 'checkbox', 'data-testid': testid(key) });
  return {
    key, label, appliesTo, input,
    read: (s) => { input.checked = Number(s[key]) === 1 || s[key] === true; },
    write: () => ({ [key]: input.checked ? 1 : 0 }),
  };
}

function choice(key: string, label: string, appliesTo: Control['appliesTo'], options: Array<[string, string]>, fallback: string): Control {
  const input = el('select', { 'data-testid': testid(key) }, options.map(([value, text]) => el('option', { value, textContent: text })));
  return {
    key, label, appliesTo, input,
    read: (s) => { input.value = s[key] === undefined ? fallback : String(s[key]); },
    // An empty choice (straight edge) removes the key, as draw.io writes it.
    write: () => ({ [key]: input.value === '' ? undefined : input.value }),
  };
}

/** Bold is bit 1 of draw.io's fontStyle (2 italic, 4 underline are kept). */
function bold(): Control {
  const input = el('input', { type: 'checkbox', 'data-testid': testid('bold') });
  let fontStyle = 0;
  return {
    key: 'fontStyle', label: 'Bold', appliesTo: 'all', input,
    read: (s) => { fontStyle = Number(s.fontStyle) || 0; input.checked = (fontStyle & 1) === 1; },
    write: () => ({ fontStyle: input.checked ? fontStyle | 1 : fontStyle & ~1 }),
  };
}

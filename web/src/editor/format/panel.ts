// The format panel (right of the canvas), as in draw.io: Style, Connector and Text sections for what is selected,
// showing the selection's values (blank where the selected cells differ). Each change writes draw.io's own keys to
// every selected cell it applies to, as one undoable step; "Edit style" opens the raw style string.
import { InternalEvent, type Cell, type Graph } from '@maxgraph/core';
import { el } from '../dom';
import { openEditStyleDialog } from '../edit-style';
import { withStyle } from '../styles';
import type { Field, Kinds } from './fields';
import { formatSections } from './sections';
import { common, type Values } from './values';
import './format.css';

/**
 * Fills `root`, the panel's empty <aside class="de-style"> that the editor lays out from the start, for `graph`
 * (the editor loads this module once it is ready); `host` holds its dialogs.
 */
export function fillFormatPanel(root: HTMLElement, graph: Graph, host: HTMLElement): void {
  const empty = el('p', { className: 'de-style-empty', textContent: 'Select a shape or connector to change its style.' });
  const editStyle = el('button', { type: 'button', className: 'de-btn de-fmt-edit', textContent: 'Edit style', title: 'Edit the raw style string (Ctrl+E)', 'data-testid': 'format-edit-style' });
  const form = el('div', { className: 'de-style-form' });
  root.append(el('h3', { className: 'de-style-title', textContent: 'Format' }), empty, form);

  const shown: Array<{ section: HTMLElement; fields: Array<{ field: Field; row: HTMLElement }> }> = [];
  for (const { title, fields } of formatSections()) {
    const section = el('section', { className: 'de-fmt-section', 'data-testid': `format-${title.toLowerCase()}` }, [el('h4', { textContent: title })]);
    const rows = fields.map((field) => {
      const row = el('label', { className: 'de-style-row' }, [el('span', { textContent: field.label }), field.element]);
      field.onChange(() => apply(field));
      section.append(row);
      return { field, row };
    });
    shown.push({ section, fields: rows });
    form.append(section);
  }
  form.append(editStyle);
  editStyle.addEventListener('click', () => openEditStyleDialog(host, graph));

  const styleOf = (cell: Cell): Values => ({ ...(graph.getCellStyle(cell) as Values), ...(cell.style as Values) });
  const targets = (field: Field) => graph.getSelectionCells().filter((cell) => applies(field.kinds, cell));

  function apply(field: Field): void {
    const cells = targets(field);
    const changes = cells.map((cell) => field.write(styleOf(cell)));
    if (!cells.length || changes.some((c) => c === null)) {
      refresh(); // a refused entry shows the cells' values again
      return;
    }
    graph.batchUpdate(() => {
      cells.forEach((cell, i) => {
        const before = styleOf(cell);
        graph.getDataModel().setStyle(cell, withStyle(cell.style, changes[i]!));
        if (field.relabel) {
          const value = field.relabel(cell.value, before, changes[i]!);
          if (value !== cell.value) graph.getDataModel().setValue(cell, value);
        }
      });
    });
  }

  function refresh(): void {
    const cells = graph.getSelectionCells();
    empty.hidden = cells.length > 0;
    form.hidden = cells.length === 0;
    if (!cells.length) return;
    const styles = new Map(cells.map((cell) => [cell, styleOf(cell)]));
    for (const { section, fields } of shown) {
      let any = false;
      for (const { field, row } of fields) {
        const on = cells.filter((cell) => applies(field.kinds, cell));
        row.hidden = on.length === 0;
        if (on.length) field.show(common(on.map((cell) => field.read(styles.get(cell)!))));
        any ||= on.length > 0;
      }
      section.hidden = !any;
    }
  }

  graph.getSelectionModel().addListener(InternalEvent.CHANGE, refresh);
  graph.getDataModel().addListener(InternalEvent.CHANGE, refresh);
  refresh();
}

function applies(kinds: Kinds, cell: Cell): boolean {
  return kinds === 'all' || (kinds === 'edge' ? cell.isEdge() : cell.isVertex());
}

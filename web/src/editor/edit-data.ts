// draw.io's "Edit link" (Alt+Shift+L), "Edit tooltip" and "Edit data" (Ctrl+M) dialogs. Links may only be http(s),
// mailto or a page of this diagram (shared/link-rules); Edit data shows the id read-only and lets the user add, change
// and remove properties, named as XML attributes (label, id and placeholders are draw.io's own: placeholders is
// its checkbox), values bounded. Saved on the cell's <UserObject> (cell-data), one undoable step per dialog.
import type { Cell, Graph } from '@maxgraph/core';
import { linkProblem, maxTooltipChars, pageLink, pageLinkId } from '../shared/link-rules';
import { maxNameChars, maxProperties, maxValueChars, propertyNameProblem } from './data-rules';
import { cellData, setCellAttribute, updateCellData } from './cell-data';
import { el } from './dom';
import './edit-data.css';

export interface PageRef {
  id: string;
  name: string;
}

function dialog(host: HTMLElement, title: string, testId: string, body: Node[], apply: () => string | null): void {
  const error = el('p', { className: 'de-dialog-error', role: 'alert', 'data-testid': `${testId}-error` });
  const ok = el('button', { type: 'button', className: 'de-btn de-btn-primary', textContent: 'Apply', 'data-testid': `${testId}-apply` });
  const cancel = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': `${testId}-cancel` });
  const box = el('div', { className: 'de-dialog de-data-dialog', role: 'dialog', 'aria-label': title, 'data-testid': `${testId}-dialog` }, [
    el('h3', { textContent: title }), ...body, error, el('div', { className: 'de-dialog-buttons' }, [cancel, ok]),
  ]);
  const backdrop = el('div', { className: 'de-backdrop' }, [box]);
  host.appendChild(backdrop);
  const close = () => backdrop.remove();
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') close(); });
  ok.addEventListener('click', () => {
    const problem = apply();
    if (problem) error.textContent = problem;
    else close();
  });
  box.querySelector<HTMLElement>('input, textarea, select')?.focus();
}

/** Edit link: a URL, or a page of this diagram; empty removes the link. Applies to every selected cell. */
export function openEditLinkDialog(host: HTMLElement, graph: Graph, pages: PageRef[]): void {
  const cells = graph.getSelectionCells();
  if (!cells.length) return;
  const current = cellData(cells[0]).link ?? '';
  const input = el('input', { type: 'url', className: 'de-data-input', placeholder: 'https://…', 'aria-label': 'Link', 'data-testid': 'edit-link-input' });
  input.value = pageLinkId(current) === null ? current : '';
  const body: Node[] = [input];
  const select = el('select', { className: 'de-data-input', 'aria-label': 'Or a page of this diagram', 'data-testid': 'edit-link-page' });
  if (pages.length > 1) {
    select.append(el('option', { value: '', textContent: '(no page: the address above)' }));
    for (const page of pages) select.append(el('option', { value: page.id, textContent: page.name, selected: pageLinkId(current) === page.id }));
    body.push(el('label', { className: 'de-data-label', textContent: 'Or link to a page of this diagram' }), select);
  }
  dialog(host, 'Edit link', 'edit-link', body, () => {
    const link = select.value ? pageLink(select.value) : input.value.trim();
    const problem = link ? linkProblem(link) : null;
    if (problem) return problem;
    setCellAttribute(graph, cells, 'link', link);
    return null;
  });
}

/** Edit tooltip: plain text shown on hover; empty removes it. Applies to every selected cell. */
export function openEditTooltipDialog(host: HTMLElement, graph: Graph): void {
  const cells = graph.getSelectionCells();
  if (!cells.length) return;
  const text = el('textarea', { className: 'de-data-text', 'aria-label': 'Tooltip', 'data-testid': 'edit-tooltip-text' });
  text.value = cellData(cells[0]).tooltip ?? '';
  dialog(host, 'Edit tooltip', 'edit-tooltip', [text], () => {
    if (text.value.length > maxTooltipChars) return `The tooltip has ${text.value.length} characters; at most ${maxTooltipChars} are allowed.`;
    setCellAttribute(graph, cells, 'tooltip', text.value.trim() ? text.value : '');
    return null;
  });
}

/** Edit data of one cell (the first selected): id read-only, properties, draw.io's placeholders checkbox. */
export function openEditDataDialog(host: HTMLElement, graph: Graph): void {
  const cell: Cell | undefined = graph.getSelectionCells()[0];
  if (!cell) return;
  const data = cellData(cell);
  const rows = el('div', { className: 'de-data-rows', 'data-testid': 'edit-data-rows' });
  const values = new Map<string, HTMLTextAreaElement>();
  const addRow = (name: string, value: string) => {
    const field = el('textarea', { className: 'de-data-value', rows: 1, 'aria-label': name, 'data-testid': `edit-data-value-${name}` });
    field.value = value;
    const remove = el('button', { type: 'button', className: 'de-btn de-data-remove', textContent: '×', title: `Remove ${name}`, 'aria-label': `Remove ${name}`, 'data-testid': `edit-data-remove-${name}` });
    const row = el('div', { className: 'de-data-row' }, [el('label', { className: 'de-data-name', textContent: name }), field, remove]);
    remove.addEventListener('click', () => {
      values.delete(name);
      row.remove();
    });
    values.set(name, field);
    rows.appendChild(row);
  };
  for (const [name, value] of Object.entries(data)) if (name !== 'placeholders') addRow(name, value);
  const placeholders = el('input', { type: 'checkbox', checked: data.placeholders === '1', 'data-testid': 'edit-data-placeholders' });
  const newName = el('input', { type: 'text', className: 'de-data-input', placeholder: 'Property name', 'aria-label': 'New property name', maxLength: maxNameChars + 1, 'data-testid': 'edit-data-new-name' });
  const add = el('button', { type: 'button', className: 'de-btn', textContent: 'Add property', 'data-testid': 'edit-data-add' });
  const addProblem = el('p', { className: 'de-dialog-error', role: 'alert', 'data-testid': 'edit-data-name-error' });
  const addProperty = () => {
    const name = newName.value.trim();
    const problem = values.size >= maxProperties ? `A shape keeps at most ${maxProperties} properties.` : propertyNameProblem(name, [...values.keys()]);
    addProblem.textContent = problem ?? '';
    if (problem) return;
    addRow(name, '');
    newName.value = '';
    values.get(name)?.focus();
  };
  add.addEventListener('click', addProperty);
  newName.addEventListener('keydown', (evt) => { if (evt.key === 'Enter') { evt.preventDefault(); addProperty(); } });
  const id = el('input', { type: 'text', className: 'de-data-input', readOnly: true, value: cell.getId() ?? '', 'aria-label': 'ID', 'data-testid': 'edit-data-id' });
  const body = [
    el('div', { className: 'de-data-row' }, [el('label', { className: 'de-data-name', textContent: 'ID' }), id]),
    rows,
    el('div', { className: 'de-data-row' }, [newName, add]),
    addProblem,
    el('label', { className: 'de-data-check' }, [placeholders, ' Placeholders (%name% in the label shows the property)']),
  ];
  dialog(host, 'Edit data', 'edit-data', body, () => {
    const next: Record<string, string> = {};
    for (const [name, field] of values) {
      if (field.value.length > maxValueChars) return `The value of "${name}" has ${field.value.length} characters; at most ${maxValueChars} are allowed.`;
      if (name === 'link' && field.value.trim()) {
        const problem = linkProblem(field.value.trim());
        if (problem) return problem;
      }
      next[name] = name === 'link' ? field.value.trim() : field.value;
    }
    if (placeholders.checked) next.placeholders = '1';
    updateCellData(graph, [cell], () => next);
    return null;
  });
}

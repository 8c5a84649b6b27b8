// The entries of the context menu and of the toolbar's Arrange menu (context-menu.ts wires them; this file is loaded
// on the first right-click or Arrange press).
import { Clipboard, type Cell, type Graph } from '@maxgraph/core';
import type { Actions } from './actions';
import type { Arrange } from './arrange';
import { showMenu, type MenuEntry } from './menu';

export function showContextMenu(root: HTMLElement, graph: Graph, actions: Actions, arrange: Arrange, editStyle: () => void, cell: Cell | null, x: number, y: number, more: MenuEntry[] = []): void {
  showMenu(root, cell ? selectionEntries(graph, actions, arrange, editStyle, more) : blankEntries(actions), x, y, 'context-menu');
}

export function showArrangeMenu(root: HTMLElement, graph: Graph, arrange: Arrange, x: number, y: number): void {
  showMenu(root, arrangeEntries(graph, arrange), x, y, 'arrange-menu');
}

/** `more`: entries other features add for the selection, after Edit style. */
function selectionEntries(graph: Graph, actions: Actions, arrange: Arrange, editStyle: () => void, more: MenuEntry[]): MenuEntry[] {
  const cells = graph.getSelectionCells();
  const single = cells.length === 1 ? cells[0] : null;
  const locked = cells.length > 0 && arrange.isLocked(cells[0]);
  return [
    { id: 'cut', label: 'Cut', keys: 'Ctrl+X', run: actions.cut, disabled: graph.getDeletableCells(cells).length === 0 },
    { id: 'copy', label: 'Copy', keys: 'Ctrl+C', run: actions.copy },
    { id: 'paste', label: 'Paste', keys: 'Ctrl+V', run: actions.paste, disabled: Clipboard.isEmpty() },
    { id: 'duplicate', label: 'Duplicate', keys: 'Ctrl+D', run: actions.duplicate, disabled: graph.getMovableCells(cells).length === 0 },
    { id: 'delete', label: 'Delete', keys: 'Delete', run: actions.remove, disabled: graph.getDeletableCells(cells).length === 0 },
    'separator',
    { id: 'edit-label', label: 'Edit label', keys: 'F2', run: actions.editLabel, disabled: !single || !graph.isCellEditable(single) },
    { id: 'edit-style', label: 'Edit style…', keys: 'Ctrl+E', run: editStyle },
    ...more,
    'separator',
    { id: 'to-front', label: 'To front', keys: 'Ctrl+Shift+F', run: arrange.toFront },
    { id: 'to-back', label: 'To back', keys: 'Ctrl+Shift+B', run: arrange.toBack },
    'separator',
    { id: 'group', label: 'Group', keys: 'Ctrl+G', run: actions.group, disabled: cells.length < 2 },
    { id: 'ungroup', label: 'Ungroup', keys: 'Ctrl+Shift+U', run: actions.ungroup, disabled: !cells.some((c) => c.getChildCount() > 0 && !graph.isSwimlane(c)) },
    'separator',
    { id: 'lock', label: locked ? 'Unlock' : 'Lock', keys: 'Ctrl+L', run: arrange.toggleLock },
    ...(cells.filter((c) => c.isVertex()).length > 1 ? ['separator' as const, ...alignEntries(graph, arrange)] : []),
  ];
}

function blankEntries(actions: Actions): MenuEntry[] {
  return [
    { id: 'paste', label: 'Paste', keys: 'Ctrl+V', run: actions.paste, disabled: Clipboard.isEmpty() },
    { id: 'select-all', label: 'Select all', keys: 'Ctrl+A', run: actions.selectAll },
  ];
}

function arrangeEntries(graph: Graph, arrange: Arrange): MenuEntry[] {
  const cells = graph.getSelectionCells();
  const locked = cells.length > 0 && arrange.isLocked(cells[0]);
  return [
    { id: 'to-front', label: 'To front', keys: 'Ctrl+Shift+F', run: arrange.toFront, disabled: !cells.length },
    { id: 'to-back', label: 'To back', keys: 'Ctrl+Shift+B', run: arrange.toBack, disabled: !cells.length },
    { id: 'lock', label: locked ? 'Unlock' : 'Lock', keys: 'Ctrl+L', run: arrange.toggleLock, disabled: !cells.length },
    'separator',
    ...alignEntries(graph, arrange),
  ];
}

function alignEntries(graph: Graph, arrange: Arrange): MenuEntry[] {
  const vertices = graph.getSelectionCells().filter((c) => c.isVertex()).length;
  const two = vertices < 2;
  return [
    { heading: 'Align' },
    { id: 'align-left', label: 'Left', run: () => arrange.align('left'), disabled: two },
    { id: 'align-center', label: 'Center', run: () => arrange.align('center'), disabled: two },
    { id: 'align-right', label: 'Right', run: () => arrange.align('right'), disabled: two },
    { id: 'align-top', label: 'Top', run: () => arrange.align('top'), disabled: two },
    { id: 'align-middle', label: 'Middle', run: () => arrange.align('middle'), disabled: two },
    { id: 'align-bottom', label: 'Bottom', run: () => arrange.align('bottom'), disabled: two },
    { heading: 'Distribute' },
    { id: 'distribute-horizontal', label: 'Horizontally', run: () => arrange.distribute(true), disabled: vertices < 3 },
    { id: 'distribute-vertical', label: 'Vertically', run: () => arrange.distribute(false), disabled: vertices < 3 },
    { heading: 'Same size as the first selected' },
    { id: 'same-width', label: 'Width', run: () => arrange.sameSize('width'), disabled: two },
    { id: 'same-height', label: 'Height', run: () => arrange.sameSize('height'), disabled: two },
    { id: 'same-size', label: 'Width and height', run: () => arrange.sameSize('both'), disabled: two },
  ];
}

// The editor's commands, shared by the toolbar and the keyboard shortcuts.
import { Cell, Clipboard, Geometry, type Graph, type UndoManager } from '@maxgraph/core';
import { parseStyle } from './styles';
import { zoomToFit } from './viewport';

export interface Actions {
  undo(): void;
  redo(): void;
  remove(): void;
  group(): void;
  ungroup(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  duplicate(): void;
  selectAll(): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomFit(): void;
  zoomActual(): void;
  nudge(dx: number, dy: number): void;
  editLabel(): void;
}

export function createActions(graph: Graph, undoManager: () => UndoManager): Actions {
  const selection = () => graph.getSelectionCells();
  return {
    undo: () => { graph.stopEditing(false); undoManager().undo(); },
    redo: () => { graph.stopEditing(false); undoManager().redo(); },
    remove: () => {
      const cells = graph.getDeletableCells(selection());
      if (cells.length) graph.removeCells(cells, true);
    },
    group: () => {
      const cells = selection().filter((c) => c.getParent() === selection()[0].getParent());
      if (cells.length < 2) return;
      const group = new Cell('', new Geometry(), parseStyle('group'));
      group.setVertex(true);
      group.setConnectable(false);
      graph.setSelectionCell(graph.groupCells(group, 0, cells));
    },
    ungroup: () => {
      const groups = selection().filter((c) => c.getChildCount() > 0 && !graph.isSwimlane(c));
      if (groups.length) graph.setSelectionCells(graph.ungroupCells(groups));
    },
    // maxGraph's cut defaults to no cells (not the selection), so both get the selection explicitly.
    copy: () => { if (selection().length) Clipboard.copy(graph, selection()); },
    cut: () => {
      const cells = graph.getDeletableCells(selection());
      if (cells.length) Clipboard.cut(graph, cells);
    },
    paste: () => {
      if (Clipboard.isEmpty()) return;
      const cells = Clipboard.paste(graph);
      if (cells?.length) graph.scrollCellToVisible(cells[0]);
    },
    duplicate: () => {
      const cells = graph.getMovableCells(selection());
      if (!cells.length) return;
      const s = graph.getGridSize();
      graph.setSelectionCells(graph.moveCells(cells, s, s, true));
    },
    selectAll: () => graph.selectAll(graph.getDefaultParent(), true),
    zoomIn: () => graph.zoomIn(),
    zoomOut: () => graph.zoomOut(),
    zoomFit: () => zoomToFit(graph),
    zoomActual: () => graph.zoomActual(),
    nudge: (dx, dy) => {
      const cells = graph.getMovableCells(selection()).filter((c) => !c.isEdge() || !c.getTerminal(true));
      if (cells.length) graph.moveCells(cells, dx, dy);
    },
    editLabel: () => {
      const cell = graph.getSelectionCell();
      if (cell && graph.isCellEditable(cell)) graph.startEditingAtCell(cell);
    },
  };
}

/** Keyboard shortcuts; keys typed into inputs, dialogs and the label editor are left alone. */
export function bindKeys(graph: Graph, actions: Actions, save: () => void): (evt: KeyboardEvent) => void {
  return (evt: KeyboardEvent) => {
    const target = evt.target as HTMLElement | null;
    if (graph.isEditing() || target?.closest('input, textarea, select, [contenteditable="true"], .de-dialog')) return;
    const mod = evt.ctrlKey || evt.metaKey;
    const key = evt.key.toLowerCase();
    const step = evt.shiftKey ? 1 : graph.getGridSize();
    const run = (fn: () => void) => { evt.preventDefault(); fn(); };
    if (mod) {
      if (key === 'z') run(evt.shiftKey ? actions.redo : actions.undo);
      else if (key === 'y') run(actions.redo);
      else if (key === 'c') run(actions.copy);
      else if (key === 'x') run(actions.cut);
      else if (key === 'v') return; // not prevented: drop-paste.ts takes the paste event (draw.io XML) or pastes the shapes
      else if (key === 'd') run(actions.duplicate);
      else if (key === 'a') run(actions.selectAll);
      else if (key === 'g' && !evt.shiftKey) run(actions.group);
      else if (key === 'u' && evt.shiftKey) run(actions.ungroup);
      else if (key === 's') run(save);
      else if (key === '=' || key === '+') run(actions.zoomIn);
      else if (key === '-') run(actions.zoomOut);
      return;
    }
    if (evt.altKey) return;
    if (key === 'delete' || key === 'backspace') run(actions.remove);
    else if (key === 'f2') run(actions.editLabel);
    else if (key === '+' || key === '=') run(actions.zoomIn);
    else if (key === '-') run(actions.zoomOut);
    else if (key === 'arrowleft') run(() => actions.nudge(-step, 0));
    else if (key === 'arrowright') run(() => actions.nudge(step, 0));
    else if (key === 'arrowup') run(() => actions.nudge(0, -step));
    else if (key === 'arrowdown') run(() => actions.nudge(0, step));
    else if (key === 'escape') graph.clearSelection();
  };
}

// The context menu (right-click; maxGraph's popup handler first selects the shape under the pointer), the toolbar's
// Arrange menu, and draw.io's shortcuts for them: Ctrl+Shift+F / Ctrl+Shift+B to front / back, Ctrl+L lock/unlock,
// Ctrl+E edit style (drawio's EditorUi.js key bindings; align, distribute and same size have none there).
// The menus' entries, the menu itself and Edit style are loaded on first use (context-menu-entries.ts, edit-style.ts).
import { InternalEvent, type Cell, type Graph, type PopupMenuHandler, type SelectionHandler } from '@maxgraph/core';
import type { Actions } from './actions';
import type { Arrange } from './arrange';
import { installLocking } from './locking';
import { typingIn } from './keys';
import type { MenuEntry } from './menu';
import { toolbarGroup } from './toolbar';

export interface ContextMenus {
  /** The toolbar's Arrange button. */
  arrangeButton: HTMLElement;
  destroy(): void;
}

/** `more`: entries other features add for the selection, after Edit style. */
export function wireContextMenus(graph: Graph, root: HTMLElement, actions: Actions, more: () => MenuEntry[] = () => []): ContextMenus {
  installLocking(graph);
  // The menus' entries and Arrange come with the editor's later chunk (later.ts).
  let arrangeOf: Arrange | undefined;
  const later = async () => {
    const m = await import('./later');
    arrangeOf ??= m.createArrange(graph);
    return { entries: m.contextMenuEntries, arrange: arrangeOf };
  };
  const editStyle = () => void import('./later').then((m) => m.openEditStyleDialog(root, graph));
  const popup = graph.getPlugin<PopupMenuHandler>('PopupMenuHandler');
  if (popup) {
    // The shape a click would select: a selected group stays selected, an unselected group's child selects the group.
    const selectionHandler = graph.getPlugin<SelectionHandler>('SelectionHandler');
    popup.getCellForPopupEvent = (me) => {
      const cell = me.getCell();
      for (let c = cell; c && (c.isVertex() || c.isEdge()); c = c.getParent()) if (graph.isCellSelected(c)) return c;
      return cell && selectionHandler ? selectionHandler.getInitialCellForEvent(me) : cell;
    };
    popup.popup = (_x: number, _y: number, cell: Cell | null, evt: MouseEvent) => {
      void later().then(({ entries, arrange }) => entries.showContextMenu(root, graph, actions, arrange, editStyle, cell, evt.clientX, evt.clientY, more()));
    };
  }
  InternalEvent.disableContextMenu(graph.getContainer()); // the browser's own menu would cover ours

  const arrangeButton = toolbarGroup([{ id: 'arrange', label: 'Arrange ▾', ariaLabel: 'Arrange', title: 'Align, distribute, order, same size, lock', run: () => {
    const box = arrangeButton.getBoundingClientRect();
    void later().then(({ entries, arrange }) => entries.showArrangeMenu(root, graph, arrange, box.left, box.bottom + 2));
  } }]);

  const onKey = (evt: KeyboardEvent) => {
    if (!(evt.ctrlKey || evt.metaKey) || evt.altKey || typingIn(graph, evt.target)) return;
    const key = evt.key.toLowerCase();
    const run = (fn: () => void) => { evt.preventDefault(); fn(); };
    const arranged = (pick: (arrange: Arrange) => () => void) => run(() => void later().then(({ arrange }) => pick(arrange)()));
    if (evt.shiftKey && key === 'f') arranged((a) => a.toFront);
    else if (evt.shiftKey && key === 'b') arranged((a) => a.toBack);
    else if (!evt.shiftKey && key === 'l') arranged((a) => a.toggleLock);
    else if (!evt.shiftKey && key === 'e') run(editStyle);
  };
  document.addEventListener('keydown', onKey);
  return { arrangeButton, destroy: () => document.removeEventListener('keydown', onKey) };
}

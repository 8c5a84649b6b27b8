// Links, tooltips and data in the editor: the context menu's entries and draw.io's shortcuts (Alt+Shift+L edit link,
// Ctrl+M edit data), whose dialogs (edit-data.ts) load on first use, and the shapes' tooltips on hover.
import type { Graph } from '@maxgraph/core';
import type { PageRef } from './edit-data';
import { typingIn } from './keys';
import type { MenuEntry } from './menu';

export interface DataEditing {
  /** The context menu's entries for the selection. */
  entries(): MenuEntry[];
  destroy(): void;
}

export function wireDataEditing(graph: Graph, root: HTMLElement, pages: () => PageRef[]): DataEditing {
  const run = (work: (dialogs: typeof import('./edit-data')) => void) => () => {
    if (graph.getSelectionCount() > 0) void import('./later').then((m) => work(m.dataDialogs));
  };
  const editLink = run((d) => d.openEditLinkDialog(root, graph, pages()));
  const editTooltip = run((d) => d.openEditTooltipDialog(root, graph));
  const editData = run((d) => d.openEditDataDialog(root, graph));
  const onKey = (evt: KeyboardEvent) => {
    if (typingIn(graph, evt.target)) return;
    const key = evt.key.toLowerCase();
    if (evt.altKey && evt.shiftKey && !evt.ctrlKey && !evt.metaKey && (key === 'l' || evt.code === 'KeyL')) {
      evt.preventDefault();
      editLink();
    } else if ((evt.ctrlKey || evt.metaKey) && !evt.altKey && !evt.shiftKey && key === 'm') {
      evt.preventDefault();
      editData();
    }
  };
  document.addEventListener('keydown', onKey);
  // Links and tooltips on hover come with the editor's later chunk.
  let destroyed = false;
  let unwireTooltips = () => {};
  void import('./later').then((m) => { if (!destroyed) unwireTooltips = m.wireLinksAndTooltips(graph); });
  return {
    entries: () => {
      const single = graph.getSelectionCount() === 1;
      return [
        { id: 'edit-link', label: 'Edit link…', keys: 'Alt+Shift+L', run: editLink },
        { id: 'edit-tooltip', label: 'Edit tooltip…', run: editTooltip },
        { id: 'edit-data', label: 'Edit data…', keys: 'Ctrl+M', run: editData, disabled: !single },
      ];
    },
    destroy: () => {
      destroyed = true;
      document.removeEventListener('keydown', onKey);
      unwireTooltips();
    },
  };
}

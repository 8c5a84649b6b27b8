// The rule every keyboard shortcut and paste handler follows: keys typed into inputs, dialogs, menus and the label
// editor belong to them, not to the canvas (the same rule as actions.ts bindKeys).
import type { Graph } from '@maxgraph/core';

export function typingIn(graph: Graph, target: EventTarget | null): boolean {
  return graph.isEditing() || (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"], .de-dialog, .de-menu') !== null);
}

// The rule every keyboard shortcut and paste handler follows: keys typed into inputs, dialogs, menus and the label
// editor belong to them, not to the canvas (the same rule as actions.ts bindKeys).
import type { Graph } from '@maxgraph/core';

export function typingIn(graph: Graph, target: EventTarget | null): boolean {
  return graph.isEditing() || (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"], .de-dialog, .de-menu') !== null);
}

/**
 * A press on the canvas takes the keyboard focus (into the editor's iframe too): maxGraph prevents the default of its
 * mouse-downs, which would otherwise leave the focus where it was, and the shortcuts would not reach the editor.
 */
export function focusCanvasOnPress(graph: Graph): void {
  const canvas = graph.getContainer();
  canvas.tabIndex = -1;
  canvas.addEventListener('pointerdown', (evt) => {
    const target = evt.target instanceof Element ? evt.target : null;
    if (target?.closest('[contenteditable="true"]') || document.activeElement === canvas) return;
    canvas.focus({ preventScroll: true });
  }, true);
}

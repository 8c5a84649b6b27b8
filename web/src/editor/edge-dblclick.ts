// A double-click on a connector's middle: the first click selects the connector and puts its segment (or bend) handle
// under the pointer, so the second click lands on another element and the browser sends no dblclick at all. This pairs
// the two clicks itself and edits the connector's label, as draw.io does.
import type { Cell, Graph, InternalMouseEvent } from '@maxgraph/core';

const interval = 500; // ms, as maxGraph's own double-tap
const tolerance = 8; // px

export function editConnectorLabelOnDoubleClick(graph: Graph): void {
  let down: { x: number; y: number; handle: boolean } | null = null;
  let last: { cell: Cell; time: number; x: number; y: number } | null = null;
  const near = (a: { x: number; y: number }, evt: MouseEvent) => Math.abs(a.x - evt.clientX) < tolerance && Math.abs(a.y - evt.clientY) < tolerance;
  graph.addMouseListener({
    mouseDown: (_sender: unknown, me: InternalMouseEvent) => {
      const evt = me.getEvent();
      down = { x: evt.clientX, y: evt.clientY, handle: onHandle(graph, evt) }; // on mouse up the handler may have redrawn its handles
    },
    mouseMove: () => undefined,
    mouseUp: (_sender: unknown, me: InternalMouseEvent) => {
      const evt = me.getEvent();
      const cell = me.getState()?.cell ?? me.getCell();
      const pressed = down;
      down = null;
      const click = pressed !== null && near(pressed, evt); // a drag of the handle is no click
      if (!cell?.isEdge() || !click) {
        last = null;
        return;
      }
      const now = Date.now();
      if (last?.cell === cell && now - last.time < interval && near(last, evt) && pressed?.handle) {
        last = null;
        // After maxGraph has finished with this mouse up; a fresh event, as the handle consumed this one.
        const dblclick = new MouseEvent('dblclick', { clientX: evt.clientX, clientY: evt.clientY });
        setTimeout(() => graph.dblClick(dblclick, cell));
        return;
      }
      last = { cell, time: now, x: evt.clientX, y: evt.clientY };
    },
  });
}

/** The event is on a handle: handles live in the overlay pane, the connector itself in the draw pane. */
function onHandle(graph: Graph, evt: MouseEvent): boolean {
  return evt.target instanceof Node && graph.getView().getOverlayPane().contains(evt.target);
}

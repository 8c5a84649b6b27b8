// The outline (minimap): maxGraph's Outline, showing the whole page and the canvas's viewport as a rectangle; dragging
// in it pans the canvas. Its graph draws by draw.io's rules too (safe labels, data-URI images only, nothing fetched).
// Loaded on demand.
import { Outline, type Graph } from '@maxgraph/core';
import { drawLikeDrawio } from '../shared/graph';
import { el } from './dom';

class SafeOutline extends Outline {
  createGraph(container: HTMLElement): ReturnType<Outline['createGraph']> {
    const graph = super.createGraph(container);
    drawLikeDrawio(graph as Graph);
    return graph;
  }
}

export interface OutlinePanel {
  element: HTMLElement;
  close(): void;
}

export function openOutline(host: HTMLElement, graph: Graph): OutlinePanel {
  const view = el('div', { className: 'de-outline-view', 'data-testid': 'outline-view' });
  const panel = el('section', { className: 'de-panel de-outline', 'aria-label': 'Outline', 'data-testid': 'outline-panel' }, [view]);
  host.appendChild(panel);
  const outline = new SafeOutline(graph, view);
  return {
    element: panel,
    close: () => {
      outline.destroy();
      panel.remove();
    },
  };
}

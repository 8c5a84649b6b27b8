// The lightbox's layers menu: one checkbox per layer of the page shown, hiding or showing it for this view only (the
// file is not changed and nothing is saved). Shown when the page has more than one layer.
import type { Cell, Graph } from '@maxgraph/core';

export interface LayersMenu {
  button: HTMLButtonElement;
  /** The page now drawn in `graph`: its layers, all as the file has them. */
  show(graph: Graph): void;
}

export function layersMenu(host: HTMLElement): LayersMenu {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Layers ▾';
  button.dataset.testid = 'lightbox-layers';
  button.setAttribute('aria-haspopup', 'true');
  button.setAttribute('aria-expanded', 'false');
  const panel = document.createElement('div');
  panel.className = 'layers-menu';
  panel.dataset.testid = 'lightbox-layers-menu';
  panel.hidden = true;
  host.appendChild(panel);
  const toggle = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      const box = button.getBoundingClientRect();
      panel.style.left = `${Math.max(4, Math.min(box.left, window.innerWidth - panel.offsetWidth - 4))}px`;
      panel.style.top = `${box.bottom + 2}px`;
    }
  };
  button.addEventListener('click', () => toggle(panel.hidden));
  document.addEventListener('mousedown', (evt) => { if (!panel.hidden && !panel.contains(evt.target as Node) && evt.target !== button) toggle(false); });
  document.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') toggle(false); });

  return {
    button,
    show(graph) {
      toggle(false);
      panel.replaceChildren();
      const layers: Cell[] = graph.getDataModel().getRoot()?.getChildren() ?? [];
      button.hidden = layers.length < 2;
      // draw.io lists the top layer first.
      for (const [i, layer] of [...layers.entries()].reverse()) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = layer.isVisible();
        box.dataset.testid = `lightbox-layer-${i}`;
        box.addEventListener('change', () => graph.getDataModel().setVisible(layer, box.checked));
        const label = document.createElement('label');
        const name = typeof layer.value === 'string' && layer.value ? layer.value : i === 0 ? 'Background' : `Layer ${i}`;
        label.append(box, ` ${name.slice(0, 200)}`);
        panel.appendChild(label);
      }
    },
  };
}

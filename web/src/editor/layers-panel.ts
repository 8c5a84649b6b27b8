// The Layers panel (toolbar button, Ctrl+Shift+L): the page's layers, top first as in draw.io. A click on a name makes
// it the current layer (where new shapes go), a double-click renames it; each row shows/hides, locks/unlocks, moves
// the layer up or down, selects its shapes (showing the layer first when it is hidden, so its shapes stay reachable),
// takes the selection onto it, or deletes it (asking first when it has shapes; the last layer stays). Loaded on demand.
import { InternalEvent, type Cell, type Graph } from '@maxgraph/core';
import { el } from './dom';
import { createLayers, isLayerLocked, isShown, layerName, layersOf } from './layers';

export interface LayersPanel {
  element: HTMLElement;
  close(): void;
}

export function openLayersPanel(host: HTMLElement, graph: Graph, setStatus: (text: string) => void, onClose: () => void): LayersPanel {
  const layers = createLayers(graph);
  const list = el('div', { className: 'de-layers-list', role: 'list' });
  const add = el('button', { type: 'button', className: 'de-btn', textContent: '+ Add layer', 'data-testid': 'layer-add' });
  const closeButton = el('button', { type: 'button', className: 'de-panel-close', title: 'Close (Ctrl+Shift+L)', textContent: '×', 'data-testid': 'layers-close' });
  const panel = el('section', { className: 'de-panel de-layers', 'aria-label': 'Layers', 'data-testid': 'layers-panel' }, [
    el('div', { className: 'de-panel-head' }, [el('span', { className: 'de-panel-title', textContent: 'Layers' }), closeButton]),
    list,
    el('div', { className: 'de-panel-foot' }, [add]),
  ]);
  let confirming: Cell | null = null;

  const render = () => {
    const all = layersOf(graph);
    const current = layers.current();
    list.replaceChildren(...all.map((layer, index) => row(layer, index, all.length, layer === current)).reverse());
  };

  const row = (layer: Cell, index: number, count: number, current: boolean): HTMLElement => {
    const name = layerName(layer);
    const shapes = layer.getChildCount();
    const button = (id: string, label: string, title: string, run: () => void, options: { pressed?: boolean; disabled?: boolean } = {}) => {
      const b = el('button', { type: 'button', className: 'de-layer-btn', textContent: label, title, 'aria-label': title, disabled: options.disabled === true, 'data-testid': `layer-${id}-${index}` });
      if (options.pressed !== undefined) b.setAttribute('aria-pressed', String(options.pressed));
      b.addEventListener('click', (evt) => { evt.stopPropagation(); run(); });
      return b;
    };
    const label = el('span', { className: 'de-layer-name', textContent: name, title: `${name}: ${shapes} shape${shapes === 1 ? '' : 's'}. Click: add new shapes here; double-click: rename`, 'data-testid': `layer-name-${index}` });
    label.addEventListener('click', (evt) => {
      if (evt.detail >= 2) rename(label, layer);
      else { layers.setCurrent(layer); render(); }
    });
    const item = el('div', {
      className: `de-layer${current ? ' de-layer-current' : ''}${isShown(layer) ? '' : ' de-layer-hidden'}`, role: 'listitem',
      'aria-current': current ? 'true' : undefined, 'data-testid': `layer-${index}`,
    }, [
      button('visible', isShown(layer) ? '◉' : '○', isShown(layer) ? `Hide ${name}` : `Show ${name}`, () => layers.setVisible(layer, !isShown(layer)), { pressed: isShown(layer) }),
      button('lock', isLayerLocked(layer) ? '▣' : '□', isLayerLocked(layer) ? `Unlock ${name}` : `Lock ${name}`, () => layers.setLocked(layer, !isLayerLocked(layer)), { pressed: isLayerLocked(layer) }),
      label,
      button('up', '▲', 'Move up', () => layers.move(layer, 1), { disabled: index === count - 1 }),
      button('down', '▼', 'Move down', () => layers.move(layer, -1), { disabled: index === 0 }),
      button('select', '⬚', `Select the shapes of ${name}`, () => selectShapes(layer), { disabled: shapes === 0 }),
      button('move-here', '⇥', `Move the selection to ${name}`, () => moveHere(layer)),
      button('delete', '✕', count <= 1 ? 'The last layer cannot be deleted' : `Delete ${name}`, () => remove(layer), { disabled: count <= 1 }),
    ]);
    if (confirming === layer) item.appendChild(confirm(layer, index, name, shapes));
    return item;
  };

  const selectShapes = (layer: Cell) => {
    const shown = layers.reveal([...layer.getChildren()]);
    graph.setSelectionCells(layer.getChildren().filter((c) => c.isVertex() || c.isEdge()));
    const first = graph.getSelectionCell();
    if (first) graph.scrollCellToVisible(first);
    if (shown.length) setStatus(`${shown.join(', ')} was hidden: it is shown now, so its shapes can be selected.`);
  };

  const moveHere = (layer: Cell) => {
    const moved = layers.moveSelection(layer);
    setStatus(moved ? `Moved ${moved} shape${moved === 1 ? '' : 's'} to ${layerName(layer)}.` : 'Select shapes on another layer first.');
  };

  const remove = (layer: Cell) => {
    if (layer.getChildCount() === 0) layers.remove(layer);
    else { confirming = layer; render(); }
  };

  const confirm = (layer: Cell, index: number, name: string, shapes: number): HTMLElement => {
    const yes = el('button', { type: 'button', className: 'de-btn de-btn-danger', textContent: 'Delete', 'data-testid': `layer-delete-confirm-${index}` });
    const no = el('button', { type: 'button', className: 'de-btn', textContent: 'Cancel', 'data-testid': `layer-delete-cancel-${index}` });
    yes.addEventListener('click', () => { confirming = null; layers.remove(layer); });
    no.addEventListener('click', () => { confirming = null; render(); });
    return el('div', { className: 'de-layer-confirm', role: 'alertdialog', 'aria-label': `Delete ${name}?` },
      [el('span', { textContent: `Delete "${name}" and its ${shapes} shape${shapes === 1 ? '' : 's'}?` }), yes, no]);
  };

  const rename = (label: HTMLElement, layer: Cell) => {
    const input = el('input', { type: 'text', value: layerName(layer), maxLength: 200, className: 'de-layer-input', 'data-testid': 'layer-rename' });
    label.replaceWith(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      if (commit) layers.rename(layer, input.value);
      render();
    };
    input.addEventListener('keydown', (evt) => {
      if (evt.key === 'Enter') finish(true);
      else if (evt.key === 'Escape') finish(false);
      evt.stopPropagation();
    });
    input.addEventListener('blur', () => finish(true));
  };

  add.addEventListener('click', () => {
    if (!layers.add()) setStatus('A page has at most 100 layers.');
    render();
  });
  closeButton.addEventListener('click', () => onClose());
  panel.addEventListener('keydown', (evt) => { if (evt.key === 'Escape') onClose(); });

  const onChange = () => render();
  graph.getDataModel().addListener(InternalEvent.CHANGE, onChange);
  render();
  host.appendChild(panel);
  return {
    element: panel,
    close: () => {
      graph.getDataModel().removeListener(onChange);
      panel.remove();
    },
  };
}

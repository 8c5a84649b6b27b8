// The toolbar's Layers, Find and Outline toggles and their shortcuts (Ctrl+Shift+L, Ctrl+F). Each panel's code is
// loaded the first time it opens (await import), so the editor's first load stays small.
import type { Graph } from '@maxgraph/core';
import type { DiagramPage } from '../shared/mxfile';
import { typingIn } from './keys';
import { toolbarGroup } from './toolbar';

export interface PanelsHost {
  readonly current: number;
  snapshot(): DiagramPage[];
  select(index: number): void;
}

interface Open { element: HTMLElement; close(): void; focus?(): void }

export function wirePanels(graph: Graph, host: () => HTMLElement, pages: PanelsHost, setStatus: (text: string) => void): { buttons: HTMLElement; destroy(): void } {
  const open = new Map<string, Open>();
  /** Opens the panel, or closes it when open; a panel that takes the focus (Find) is focused again instead. */
  const toggle = async (id: string, create: (close: () => void) => Promise<Open>): Promise<void> => {
    const shown = open.get(id);
    if (shown) {
      if (shown.focus) return shown.focus();
      shown.close();
      open.delete(id);
      pressed(id, false);
      return;
    }
    const close = () => {
      open.get(id)?.close();
      open.delete(id);
      pressed(id, false);
      graph.getContainer().focus({ preventScroll: true });
    };
    const panel = await create(close);
    open.set(id, panel);
    pressed(id, true);
    panel.focus?.();
  };
  const layers = () => toggle('layers', async (close) => (await import('./later')).openLayersPanel(host(), graph, setStatus, close));
  const find = () => toggle('find', async (close) => (await import('./later')).openFindBar(host(), graph, pages, setStatus, close));
  const outline = () => toggle('outline', async () => (await import('./later')).openOutline(host(), graph));

  const buttons = toolbarGroup([
    { id: 'layers', label: 'Layers', title: 'Layers (Ctrl+Shift+L)', run: layers },
    { id: 'find', label: 'Find', title: 'Find (Ctrl+F)', run: find },
    { id: 'outline', label: 'Outline', title: 'Outline of the page', run: outline },
  ]);
  const pressed = (id: string, on: boolean) => buttons.querySelector(`[data-testid=${id}]`)?.setAttribute('aria-pressed', String(on));

  const onKey = (evt: KeyboardEvent) => {
    if (!(evt.ctrlKey || evt.metaKey) || evt.altKey) return;
    const key = evt.key.toLowerCase();
    const inFind = open.get('find')?.element.contains(evt.target as Node) === true;
    if (key === 'f' && !evt.shiftKey && (inFind || !typingIn(graph, evt.target))) {
      evt.preventDefault(); // not the browser's own find
      void find();
    } else if (key === 'l' && evt.shiftKey && !typingIn(graph, evt.target)) {
      evt.preventDefault();
      void layers();
    }
  };
  document.addEventListener('keydown', onKey);
  return {
    buttons,
    destroy: () => {
      document.removeEventListener('keydown', onKey);
      for (const panel of open.values()) panel.close();
    },
  };
}

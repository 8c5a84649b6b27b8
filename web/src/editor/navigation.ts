// Moving around the canvas as in draw.io: Ctrl/Cmd+wheel (and a trackpad pinch, which the browser sends as a wheel
// event with ctrlKey) zooms at the pointer; dragging with Space held, or with the middle button, pans the canvas and
// neither selects nor moves shapes (maxGraph never sees those presses). A pan scrolls first, and what the scroll area
// cannot take moves the view (viewport.ts keepReachable keeps everything scrollable).
import type { Graph } from '@maxgraph/core';
import { typingIn } from './keys';
import './panels.css';

const minScale = 0.05;
const maxScale = 8;
/** One wheel notch (100 px) zooms by maxGraph's step, 1.2; a pinch's small deltas zoom smoothly. */
const zoomPerPixel = Math.log(1.2) / 100;

export function wireNavigation(graph: Graph): () => void {
  const container = graph.getContainer();
  const view = graph.getView();

  const onWheel = (evt: WheelEvent) => {
    if (!(evt.ctrlKey || evt.metaKey)) return;
    evt.preventDefault(); // the browser would zoom the whole page
    const pixels = evt.deltaMode === 1 ? evt.deltaY * 16 : evt.deltaMode === 2 ? evt.deltaY * 400 : evt.deltaY;
    const scale = view.scale;
    const next = Math.min(maxScale, Math.max(minScale, scale * Math.exp(-Math.max(-500, Math.min(500, pixels)) * zoomPerPixel)));
    if (next === scale) return;
    // The page point under the pointer stays under it: (point + translate) * scale is the same before and after.
    const box = container.getBoundingClientRect();
    const x = evt.clientX - box.left - container.clientLeft + container.scrollLeft;
    const y = evt.clientY - box.top - container.clientTop + container.scrollTop;
    const { translate } = view;
    view.scaleAndTranslate(next, x / next - (x / scale - translate.x), y / next - (y / scale - translate.y));
  };

  let spaceHeld = false;
  const setSpace = (held: boolean) => {
    spaceHeld = held;
    container.classList.toggle('de-pan-ready', held);
  };
  const onKeyDown = (evt: KeyboardEvent) => {
    if (evt.key !== ' ' || evt.ctrlKey || evt.metaKey || evt.altKey || typingIn(graph, evt.target)) return;
    if (evt.target instanceof Element && evt.target.closest('button, a, [role=menu]')) return;
    evt.preventDefault(); // no page scroll
    if (!spaceHeld) setSpace(true);
  };
  const onKeyUp = (evt: KeyboardEvent) => { if (evt.key === ' ') setSpace(false); };
  const onBlur = () => setSpace(false);

  const panBy = (dx: number, dy: number) => {
    const [left, top] = [container.scrollLeft, container.scrollTop];
    container.scrollLeft = left - dx;
    container.scrollTop = top - dy;
    const restX = dx - (left - container.scrollLeft);
    const restY = dy - (top - container.scrollTop);
    if (restX || restY) view.setTranslate(view.translate.x + restX / view.scale, view.translate.y + restY / view.scale);
  };
  const onPointerDown = (evt: PointerEvent) => {
    if (evt.button !== 1 && !(spaceHeld && evt.button === 0)) return;
    evt.preventDefault();
    evt.stopImmediatePropagation();
    let [lastX, lastY] = [evt.clientX, evt.clientY];
    container.setPointerCapture(evt.pointerId);
    container.classList.add('de-panning');
    const move = (e: PointerEvent) => {
      e.stopImmediatePropagation();
      panBy(e.clientX - lastX, e.clientY - lastY);
      [lastX, lastY] = [e.clientX, e.clientY];
    };
    const end = (e: PointerEvent) => {
      e.stopImmediatePropagation();
      container.removeEventListener('pointermove', move, true);
      container.removeEventListener('pointerup', end, true);
      container.removeEventListener('pointercancel', end, true);
      if (container.hasPointerCapture(e.pointerId)) container.releasePointerCapture(e.pointerId);
      container.classList.remove('de-panning');
    };
    container.addEventListener('pointermove', move, true);
    container.addEventListener('pointerup', end, true);
    container.addEventListener('pointercancel', end, true);
  };
  // The middle button's own default (autoscroll, X11's paste) stays off on the canvas.
  const onAuxClick = (evt: MouseEvent) => { if (evt.button === 1) evt.preventDefault(); };

  container.addEventListener('wheel', onWheel, { passive: false });
  container.addEventListener('pointerdown', onPointerDown, true);
  container.addEventListener('auxclick', onAuxClick);
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', onBlur);
  return () => {
    document.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('keyup', onKeyUp);
    window.removeEventListener('blur', onBlur);
  };
}

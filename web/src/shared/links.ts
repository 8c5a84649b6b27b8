// draw.io's links and tooltips on shapes, kept on the cell's <UserObject> wrapper (`link`, `tooltip`): which links a
// view may follow (http(s), mailto, and draw.io's page links `data:page/id,<page id>` to another page of the file),
// and the hover behaviour every view shares: a pointer over a linked shape, a click opens the link in a new tab
// (rel=noopener noreferrer) or switches pages, and a tooltip shown as plain text, never as HTML.
import { styleUtils, type Cell, type Graph } from '@maxgraph/core';
import { wrapperKey, type WrapperData } from './cells';
import { linkProblem, maxTooltipChars, pageLinkId } from './link-rules';
import './links.css';

const wrapperOf = (cell: Cell): WrapperData | undefined => (cell as unknown as Record<string, unknown>)[wrapperKey] as WrapperData | undefined;

/** The shape's link when a view may follow it. */
export function cellLink(cell: Cell | null): string | null {
  const link = cell ? wrapperOf(cell)?.attributes.link?.trim() : undefined;
  return link && linkProblem(link) === null ? link : null;
}

export function cellTooltip(cell: Cell | null): string | null {
  const tooltip = cell ? wrapperOf(cell)?.attributes.tooltip : undefined;
  return tooltip ? tooltip.slice(0, maxTooltipChars) : null;
}

export interface LinkOptions {
  /** Follow links on click (the viewer); the editor only shows tooltips. */
  follow?: { onPageLink: (pageId: string) => void };
}

/** Pointer cursor, click to follow and hover tooltips on a graph's container; answers a function that unwires them. */
export function wireLinksAndTooltips(graph: Graph, options: LinkOptions = {}): () => void {
  const container = graph.getContainer();
  const tip = document.createElement('div');
  tip.className = 'cell-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.dataset.testid = 'cell-tooltip';
  tip.hidden = true;
  document.body.appendChild(tip);
  let tipCell: Cell | null = null;
  let pressed = { x: 0, y: 0 };

  const cellAt = (evt: MouseEvent): Cell | null => {
    const point = styleUtils.convertPoint(container, evt.clientX, evt.clientY);
    for (let cell = graph.getCellAt(point.x, point.y); cell; cell = cell.getParent()) {
      if (cellLink(cell) || cellTooltip(cell)) return cell;
      if (!cell.isVertex() && !cell.isEdge()) break;
    }
    return null;
  };
  const hideTip = () => {
    tip.hidden = true;
    tipCell = null;
  };
  const onMove = (evt: MouseEvent) => {
    const cell = evt.buttons ? null : cellAt(evt);
    if (options.follow) container.style.cursor = cell && cellLink(cell) ? 'pointer' : '';
    const text = cellTooltip(cell);
    if (!cell || !text) return hideTip();
    if (cell !== tipCell) tip.textContent = text; // text, never HTML
    tipCell = cell;
    tip.hidden = false;
    const x = Math.min(evt.clientX + 12, window.innerWidth - tip.offsetWidth - 4);
    const y = evt.clientY + 18 + tip.offsetHeight > window.innerHeight ? evt.clientY - tip.offsetHeight - 8 : evt.clientY + 18;
    tip.style.left = `${Math.max(4, x)}px`;
    tip.style.top = `${Math.max(4, y)}px`;
  };
  const onDown = (evt: MouseEvent) => {
    pressed = { x: evt.clientX, y: evt.clientY };
    hideTip();
  };
  const onClick = (evt: MouseEvent) => {
    // A drag (the lightbox pans) is not a click on a link.
    if (!options.follow || evt.button !== 0 || Math.hypot(evt.clientX - pressed.x, evt.clientY - pressed.y) > 4) return;
    const link = cellLink(cellAt(evt));
    if (!link) return;
    evt.preventDefault();
    const page = pageLinkId(link);
    if (page !== null) options.follow.onPageLink(page);
    else openInNewTab(link);
  };
  container.addEventListener('mousemove', onMove);
  container.addEventListener('mouseleave', hideTip);
  container.addEventListener('mousedown', onDown);
  container.addEventListener('click', onClick);
  return () => {
    container.removeEventListener('mousemove', onMove);
    container.removeEventListener('mouseleave', hideTip);
    container.removeEventListener('mousedown', onDown);
    container.removeEventListener('click', onClick);
    tip.remove();
  };
}

/** A new tab that gets neither a handle on this page nor its address. */
function openInNewTab(link: string): void {
  const a = document.createElement('a');
  a.href = link;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

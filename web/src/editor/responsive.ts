// The toolbar's Shapes and Format toggles for narrow editors (responsive.css): each shows its panel as an overlay
// over the canvas, one at a time; Escape or a press on the canvas hides it again. At desktop widths CSS hides the
// toggles and both panels stay in the grid.
import { el } from './dom';
import './responsive.css';

type Panel = 'palette' | 'style';

export function panelToggles(body: HTMLElement, canvas: HTMLElement, panels: Record<Panel, HTMLElement>): HTMLElement {
  const buttons = {} as Record<Panel, HTMLButtonElement>;
  const show = (which: Panel | null) => {
    for (const panel of Object.keys(panels) as Panel[]) {
      const on = panel === which;
      body.classList.toggle(`de-show-${panel}`, on);
      buttons[panel].setAttribute('aria-expanded', String(on));
    }
  };
  const group = el('div', { className: 'de-toolbar-group de-panel-toggle' });
  for (const [panel, label] of [['palette', 'Shapes'], ['style', 'Format']] as const) {
    panels[panel].id ||= `de-${panel}-panel`;
    const button = el('button', { type: 'button', className: 'de-btn', textContent: label, title: `Show or hide the ${label.toLowerCase()} panel`,
      'aria-controls': panels[panel].id, 'aria-expanded': 'false', 'data-testid': `toggle-${panel}` });
    button.addEventListener('click', () => show(body.classList.contains(`de-show-${panel}`) ? null : panel));
    buttons[panel] = button;
    group.appendChild(button);
  }
  canvas.addEventListener('pointerdown', () => show(null));
  // Escape in the panel, or on the toggle just pressed.
  const onKey = (evt: KeyboardEvent) => {
    if (evt.key === 'Escape' && (body.classList.contains('de-show-palette') || body.classList.contains('de-show-style'))) show(null);
  };
  body.addEventListener('keydown', onKey);
  group.addEventListener('keydown', onKey);
  return group;
}

// The question before closing with unsaved work: Save / Discard / Cancel, inside the editor (Atlassian's iframes may
// block window.confirm). Escape or the backdrop is Cancel; nothing is thrown away until Discard is pressed.
import { el } from './dom';

export type CloseAnswer = 'save' | 'discard' | 'cancel';

export function askBeforeClose(host: HTMLElement, title: string, canSave: boolean): Promise<CloseAnswer> {
  return new Promise((resolve) => {
    const button = (answer: CloseAnswer, label: string, primary = false) => {
      const b = el('button', { type: 'button', className: primary ? 'de-btn de-btn-primary' : 'de-btn', textContent: label, 'data-testid': `close-${answer}` });
      b.addEventListener('click', () => done(answer));
      return b;
    };
    const buttons = [button('cancel', 'Cancel'), button('discard', 'Discard changes')];
    if (canSave) buttons.push(button('save', 'Save', true));
    const dialog = el('div', { className: 'de-dialog', role: 'alertdialog', 'aria-label': 'Unsaved changes', 'data-testid': 'close-prompt' }, [
      el('h3', { textContent: 'Unsaved changes' }),
      el('p', { textContent: `"${title}" has changes that are not saved. Save them before closing?` }),
      el('div', { className: 'de-dialog-buttons' }, buttons),
    ]);
    const backdrop = el('div', { className: 'de-backdrop' }, [dialog]);
    const done = (answer: CloseAnswer) => {
      backdrop.remove();
      resolve(answer);
    };
    backdrop.addEventListener('click', (evt) => { if (evt.target === backdrop) done('cancel'); });
    backdrop.addEventListener('keydown', (evt) => {
      if (evt.key === 'Escape') done('cancel');
      evt.stopPropagation(); // the editor's shortcuts stay off while it asks
    });
    host.appendChild(backdrop);
    buttons[buttons.length - 1].focus();
  });
}

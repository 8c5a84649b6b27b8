// Common start of every page: run the page, and show any failure plainly instead of a blank frame.
export async function mount(run: (main: HTMLElement) => Promise<void>): Promise<void> {
  const main = document.getElementById('app') as HTMLElement;
  try {
    await run(main);
  } catch (e) {
    fail(main, e instanceof Error ? e.message : String(e));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

export function fail(main: HTMLElement, message: string): void {
  const p = document.createElement('p');
  p.className = 'error';
  p.dataset.testid = 'page-error';
  p.textContent = message;
  main.replaceChildren(p);
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { testid?: string } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const { testid, ...rest } = props;
  const element = Object.assign(document.createElement(tag), rest);
  if (testid) element.dataset.testid = testid;
  element.append(...children);
  return element;
}

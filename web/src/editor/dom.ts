// A small element builder: properties for known DOM fields, attributes for data-* and the rest.
type Props = Record<string, string | boolean | number | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name.includes('-') || !(name in element)) element.setAttribute(name, value === true ? '' : String(value));
    else (element as unknown as Record<string, unknown>)[name] = value;
  }
  for (const child of children) element.append(child);
  return element;
}

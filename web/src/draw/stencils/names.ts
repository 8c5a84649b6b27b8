// draw.io's naming of library stencils, and which library holds a shape a style names.
// draw.io registers a library's shape as the library's package name (the <shapes name> attribute) and the shape's
// name, lowercased, with spaces written as underscores ("mxgraph.aws4" + "IoT Thing" → "mxgraph.aws4.iot_thing");
// a style names it exactly so.

/** The name a style uses for shape `shapeName` of the library whose package is `packageName`. */
export function stencilName(packageName: string, shapeName: string): string {
  const prefix = packageName === '' ? '' : `${packageName.toLowerCase()}.`;
  return prefix + shapeName.replace(/ /g, '_').toLowerCase();
}

/**
 * The library holding `name`: the one whose package is the longest prefix of the name before a dot (a shape's own
 * name may contain dots). `packages` maps lowercase package names to library ids.
 */
export function libraryOf(name: string, packages: ReadonlyMap<string, string>): string | null {
  if (!name.startsWith('mxgraph.') && !name.startsWith('mxGraph.')) return null;
  const lower = name.toLowerCase();
  for (let end = lower.lastIndexOf('.'); end > 0; end = lower.lastIndexOf('.', end - 1)) {
    const id = packages.get(lower.slice(0, end));
    if (id !== undefined) return id;
  }
  return null;
}

/** Style keys whose value names a stencil: the shape itself, and the icon the AWS 4 and GCP 2 code shapes draw inside. */
export const stencilKeys = ['shape', 'resIcon', 'prIcon', 'grIcon'] as const;

/** Code shapes whose icon keys name a stencil of their own library without its package (GCP 2's prIcon=compute_engine). */
const iconPackages: Readonly<Record<string, string>> = { 'mxgraph.gcp2.hexIcon': 'mxgraph.gcp2' };

/** The stencil an icon key's `value` names in a style of shape `shape`: qualified by the shape's library when it names it bare. */
export function iconStencilName(shape: string, value: string): string {
  const pkg = iconPackages[shape];
  return pkg !== undefined && value !== '' && !value.includes('.') ? `${pkg}.${value}` : value;
}

/** The stencil names a style's keys name (`style` maps keys to values): its shape and the icons its code shape draws. */
export function stencilNamesOf(style: Readonly<Record<string, unknown>>): string[] {
  const shape = typeof style.shape === 'string' ? style.shape : '';
  return stencilKeys.flatMap((key) => {
    const value = style[key];
    if (typeof value !== 'string' || value === '') return [];
    return [key === 'shape' ? value : iconStencilName(shape, value)];
  });
}

/**
 * The stencil names the cell styles of a page's XML use (`style="..."` attributes), read without parsing the page:
 * the value of each stencil key, first `=` only as draw.io does. At most `max` distinct names.
 */
export function namesInModel(modelXml: string, max = 2000): Set<string> {
  const names = new Set<string>();
  for (const match of modelXml.matchAll(/\sstyle="([^"]*)"/g)) {
    const style = match[1].replace(/&(amp|quot|lt|gt|apos);/g, (_, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
    const record: Record<string, string> = {};
    for (const entry of style.split(';')) {
      const eq = entry.indexOf('=');
      if (eq <= 0) continue;
      const key = entry.slice(0, eq);
      if ((stencilKeys as readonly string[]).includes(key)) record[key] = entry.slice(eq + 1);
    }
    for (const name of stencilNamesOf(record)) if (names.size < max) names.add(name);
  }
  return names;
}

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

/** Style keys whose value names a stencil: the shape itself, and the icon the AWS 4 code shapes draw inside. */
export const stencilKeys = ['shape', 'resIcon', 'prIcon', 'grIcon'] as const;

/**
 * The values of style keys `keys` in the cell styles of a page's XML (`style="..."` attributes), read without parsing
 * the page: first `=` only as draw.io does. At most `max` distinct values.
 */
export function valuesInModel(modelXml: string, keys: readonly string[], max = 2000): Set<string> {
  const values = new Set<string>();
  for (const match of modelXml.matchAll(/\sstyle="([^"]*)"/g)) {
    const style = match[1].replace(/&(amp|quot|lt|gt|apos);/g, (_, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
    for (const entry of style.split(';')) {
      const eq = entry.indexOf('=');
      if (eq <= 0 || !keys.includes(entry.slice(0, eq))) continue;
      const value = entry.slice(eq + 1);
      if (value !== '' && values.size < max) values.add(value);
    }
  }
  return values;
}

/** The stencil names the cell styles of a page's XML use: the value of each stencil key. At most `max` distinct names. */
export function namesInModel(modelXml: string, max = 2000): Set<string> {
  return valuesInModel(modelXml, stencilKeys, max);
}

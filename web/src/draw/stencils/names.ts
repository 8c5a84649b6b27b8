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
const iconPackages: Readonly<Record<string, string>> = {
  'mxgraph.gcp2.hexIcon': 'mxgraph.gcp2', 'mxgraph.kubernetes.icon': 'mxgraph.kubernetes', 'mxgraph.cisco19.rect': 'mxgraph.cisco19',
};

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

/** The cell styles of a page's XML (`style="..."` attributes), decoded, without parsing the page. */
function stylesInModel(modelXml: string): string[] {
  return Array.from(modelXml.matchAll(/\sstyle="([^"]*)"/g), (match) =>
    match[1].replace(/&(amp|quot|lt|gt|apos);/g, (_, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!));
}

/** The entries of a style whose key is one of `keys` (first `=` only, as draw.io reads them). */
function entriesOf(style: string, keys: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of style.split(';')) {
    const eq = entry.indexOf('=');
    if (eq > 0 && keys.includes(entry.slice(0, eq))) record[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return record;
}

/** The values of style keys `keys` in the cell styles of a page's XML. At most `max` distinct values. */
export function valuesInModel(modelXml: string, keys: readonly string[], max = 2000): Set<string> {
  const values = new Set<string>();
  for (const style of stylesInModel(modelXml)) {
    for (const value of Object.values(entriesOf(style, keys))) if (value !== '' && values.size < max) values.add(value);
  }
  return values;
}

/** The stencil names the cell styles of a page's XML use: their shapes and the icons their code shapes draw. At most `max`. */
export function namesInModel(modelXml: string, max = 2000): Set<string> {
  const names = new Set<string>();
  for (const style of stylesInModel(modelXml)) {
    for (const name of stencilNamesOf(entriesOf(style, stencilKeys))) if (names.size < max) names.add(name);
  }
  return names;
}

// The rules of draw.io's Edit data: property names are XML attribute names without a namespace prefix, draw.io's own
// names (label, id, placeholders) are not offered, and a shape keeps a bounded number of bounded values.

export const maxProperties = 100;
export const maxNameChars = 100;
export const maxValueChars = 10000;
const reservedNames = new Set(['label', 'id', 'placeholders']);
/** An XML attribute name without a namespace prefix (draw.io refuses ':'). */
const attributeName = /^[A-Za-z_\u00C0-\uFFEF][A-Za-z0-9_.\-\u00B7\u00C0-\uFFEF]*$/;

/** Why a new property may not have this name (null: it may). */
export function propertyNameProblem(name: string, existing: string[]): string | null {
  if (!name) return 'Enter a name.';
  if (name.length > maxNameChars) return `A name has at most ${maxNameChars} characters.`;
  if (reservedNames.has(name)) return `"${name}" is reserved by draw.io.`;
  if (!attributeName.test(name)) return `"${name}" is not a valid name: use letters, digits, '_', '-' and '.', starting with a letter or '_'.`;
  if (existing.includes(name)) return `There is already a property "${name}".`;
  return null;
}

// What the editor needs of PlantUML before the dialog is loaded (plantuml-dialog.ts, loaded on demand): the error a
// source PlantUML cannot read raises, and the source kept on a PlantUML image cell (double-click edits it).
import type { Cell } from '@maxgraph/core';
import { wrapperKey, type WrapperData } from '../shared/cells';

/** PlantUML cannot read the source: its message, and the source line (1-based) it names. */
export class PlantUmlSourceError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

export function plantUmlSource(cell: Cell | null): string | null {
  const wrapper = cell ? ((cell as unknown as Record<string, unknown>)[wrapperKey] as WrapperData | undefined) : undefined;
  const raw = wrapper?.attributes.plantUmlData;
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as { data?: unknown };
    return typeof data.data === 'string' ? data.data : null;
  } catch {
    return null;
  }
}

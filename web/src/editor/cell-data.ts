// A cell's draw.io data (the attributes of its <UserObject>/<object> wrapper: link, tooltip, placeholders and the
// user's own properties), changed as one undoable step. A cell without a wrapper gets a <UserObject> when it gains
// data, as draw.io does, and loses it when the last attribute goes; model-xml writes the wrapper back.
import { ValueChange, type Cell, type Graph, type GraphDataModel } from '@maxgraph/core';
import { wrapperKey, type WrapperData } from '../shared/cells';

/** Attributes the wrapper always has and the data dialogs never offer: model-xml writes them from the cell. */
const structural = new Set(['label', 'id']);

const wrapperOf = (cell: Cell): WrapperData | undefined => (cell as unknown as Record<string, unknown>)[wrapperKey] as WrapperData | undefined;

/** The cell's data attributes (without label and id), in the order they were written. */
export function cellData(cell: Cell): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(wrapperOf(cell)?.attributes ?? {})) if (!structural.has(name)) result[name] = value;
  return result;
}

/**
 * Swaps the cell's wrapper, and re-sets its value so that the view redraws the label (placeholders may show data).
 * A ValueChange, so the graph treats it as one (redraw, undo, the editor's change listeners).
 */
class WrapperChange extends ValueChange {
  constructor(model: GraphDataModel, cell: Cell, private wrapper: WrapperData | undefined) {
    super(model, cell, cell.value);
  }

  override execute(): void {
    const record = this.cell as unknown as Record<string, unknown>;
    const current = wrapperOf(this.cell);
    if (this.wrapper) record[wrapperKey] = this.wrapper;
    else delete record[wrapperKey];
    this.wrapper = current;
    super.execute();
  }
}

/** Replaces the data of every cell given (as one undoable step) with `update`'s answer for it. */
export function updateCellData(graph: Graph, cells: Cell[], update: (data: Record<string, string>) => Record<string, string>): void {
  const model = graph.getDataModel();
  model.beginUpdate();
  try {
    for (const cell of cells) {
      const data = update(cellData(cell));
      const wrapper = Object.keys(data).length === 0 ? undefined
        : { tag: wrapperOf(cell)?.tag ?? 'UserObject', attributes: { label: '', ...data } };
      model.execute(new WrapperChange(model, cell, wrapper));
    }
  } finally {
    model.endUpdate();
  }
}

/** Sets one attribute on every cell given (empty: removes it). */
export function setCellAttribute(graph: Graph, cells: Cell[], name: string, value: string): void {
  updateCellData(graph, cells, (data) => {
    if (value) data[name] = value;
    else delete data[name];
    return data;
  });
}

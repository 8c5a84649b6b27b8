// A one-page draw.io file holding only some cells of a page (the export dialog's "Selection only" PDF): the chosen
// cells with everything inside them, the groups and layers they sit in, and nothing else of the page.
import { parseXml, writeDiagramFile, type DiagramPage } from '../shared/mxfile';

export function selectionFile(page: DiagramPage, selectedIds: string[]): string {
  const doc = parseXml(page.model);
  const root = Array.from(doc.documentElement.children).find((e) => e.nodeName === 'root');
  if (!root) return writeDiagramFile([page]);
  // Direct children of <root>: an mxCell, or a <UserObject>/<object> wrapper (id on the wrapper, parent on its mxCell).
  const entries = Array.from(root.children).map((element) => {
    const cell = element.nodeName === 'mxCell' ? element : Array.from(element.children).find((c) => c.nodeName === 'mxCell');
    return { element, id: element.getAttribute('id') ?? '', parent: cell?.getAttribute('parent') ?? '' };
  });
  const parentOf = new Map(entries.map((e) => [e.id, e.parent]));
  const kept = new Set<string>();
  for (const e of entries) if (!e.parent || parentOf.get(e.parent) === '') kept.add(e.id); // the root cell and the layers
  const chosen = new Set(selectedIds);
  for (const e of entries) {
    // A cell inside a chosen one is kept with it; a chosen cell keeps the groups it sits in.
    let inChosen = false;
    for (let id: string | undefined = e.id, depth = 0; id && depth < 1000; id = parentOf.get(id), depth++) if (chosen.has(id)) inChosen = true;
    if (!inChosen) continue;
    for (let id: string | undefined = e.id, depth = 0; id && !kept.has(id) && depth < 1000; id = parentOf.get(id), depth++) kept.add(id);
  }
  for (const e of entries) if (!kept.has(e.id)) e.element.remove();
  return writeDiagramFile([{ ...page, model: new XMLSerializer().serializeToString(doc.documentElement) }]);
}

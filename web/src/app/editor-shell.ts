// What the Confluence macro editor and the Jira editor dialog share: the name field, the editor with the
// server features this site allows, and one save at a time that checks the name and reports failures
// in the editor's status line. Each product supplies where the diagram is read from and saved to.
import { serverFeatures } from './features';
import type { Host } from './host/host';
import { nameProblem } from './storage';
import { createEditor } from '../editor';
import { existingDiagramsPicker } from './existing-diagram';
import { el } from './page';

export interface EditorShellOptions {
  /** The diagram being edited, or '' for a new one (its name is asked for and must be free). */
  existing: string;
  /** Shown beside the name (e.g. the issue key). */
  note?: string;
  /** A new name already used here: the message to show, or null when it is free. */
  nameTaken(name: string): Promise<string | null>;
  load(): Promise<string | null>;
  /** For a new diagram: the diagrams already stored here, one of which may be opened instead (existing-diagram.ts). */
  existingDiagrams?: { list(): Promise<string[]>; load(name: string): Promise<string> };
  /** Saves the diagram and its PNG preview, then hands over to the host (submit the macro, close the editor). */
  save(name: string, xml: string, preview: Blob): Promise<void>;
  close(): void | Promise<void>;
}

export async function openEditorShell(host: Host, main: HTMLElement, options: EditorShellOptions): Promise<void> {
  let { existing } = options;
  const { features, notice } = await serverFeatures(host);
  const name = el('input', { value: existing, placeholder: 'Diagram name', testid: 'diagram-name', maxLength: 200 });
  name.readOnly = existing !== '';
  const frame = el('div', { className: 'editor-host' });
  const stored = options.existingDiagrams;
  const picker = !existing && stored ? existingDiagramsPicker({
    list: () => stored.list(),
    dirty: () => editor.isDirty(),
    open: async (chosen) => {
      await editor.load(await stored.load(chosen));
      existing = chosen;
      name.value = chosen;
      name.readOnly = true;
      editor.setStatus(`Opened "${chosen}": saving adds a new version of it.`);
    },
  }) : null;
  main.replaceChildren(el('div', { className: 'shell' }, el('header', {}, el('label', {}, 'Name '), name, ...(picker ? [picker.element] : []), el('span', { className: 'note' }, options.note ?? '')), frame));

  let saving = false;
  const editor = await createEditor(frame, {
    title: existing || 'New diagram',
    features,
    featuresNotice: notice,
    onClose: () => options.close(),
    onSave: async () => {
      if (saving) return;
      const diagramName = name.value.trim();
      const problem = nameProblem(diagramName);
      if (problem) {
        editor.setStatus(problem, 'error');
        name.focus();
        return;
      }
      saving = true;
      try {
        const taken = existing ? null : await options.nameTaken(diagramName);
        if (taken) {
          editor.setStatus(taken, 'error');
          void picker?.show(diagramName);
          return;
        }
        editor.setStatus('Saving…');
        await options.save(diagramName, editor.getXml(), await editor.exportPng());
        editor.markSaved();
      } catch (e) {
        editor.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
      } finally {
        saving = false;
      }
    },
  });
  await editor.load(await options.load());
}

// What the Confluence macro editor and the Jira editor dialog share: the name field, the editor with the
// server features this site allows, one save at a time that checks the name and reports failures in the
// editor's status line, and the draft of unsaved work kept in this browser (editor-drafts.ts). Each product
// supplies where the diagram is read from and saved to.
import { serverFeatures } from './features';
import type { Host } from './host/host';
import { nameProblem } from './storage';
import { createEditor, type DiagramEditor } from '../editor';
import { draftKey } from './drafts';
import { EditorDrafts } from './editor-drafts';
import { existingDiagramsPicker } from './existing-diagram';
import { el } from './page';

export interface EditorShellOptions {
  /** The diagram being edited, or '' for a new one (its name is asked for and must be free). */
  existing: string;
  /** Where the diagram lives (`page:{id}`, `issue:{key}`): with the site and the name, the key of its draft. */
  place: string;
  /** Shown beside the name (e.g. the issue key). */
  note?: string;
  /** A new name already used here: the message to show, or null when it is free. */
  nameTaken(name: string): Promise<string | null>;
  load(): Promise<string | null>;
  /** For a new diagram: the diagrams already stored here, one of which may be opened instead (existing-diagram.ts). */
  existingDiagrams?: { list(): Promise<string[]>; load(name: string): Promise<string> };
  /** Saves the diagram and its PNG preview; resolves to the hand-over to the host (submit the macro, close the editor). */
  save(name: string, xml: string, preview: Blob): Promise<() => Promise<void>>;
  close(): void | Promise<void>;
}

export async function openEditorShell(host: Host, main: HTMLElement, options: EditorShellOptions): Promise<void> {
  let { existing } = options;
  const [{ features, notice }, { site }] = await Promise.all([serverFeatures(host), host.context()]);
  // A saved diagram's name is its attachment's name, which stays: shown as text, not as a field that refuses typing.
  const name = existing
    ? el('span', { className: 'name-fixed', testid: 'diagram-name', title: 'A saved diagram cannot be renamed: its name is the name of its attachment.' }, existing)
    : el('input', { placeholder: 'Diagram name', testid: 'diagram-name', maxLength: 200, id: 'diagram-name' });
  const label = existing ? el('span', { className: 'name-label' }, 'Name ') : el('label', { htmlFor: 'diagram-name' }, 'Name ');
  const frame = el('div', { className: 'editor-host' });
  const stored = options.existingDiagrams;
  const picker = name instanceof HTMLInputElement && stored ? existingDiagramsPicker({
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
  const header = el('header', {}, label, name, ...(picker ? [picker.element] : []), el('span', { className: 'note' }, options.note ?? ''));
  main.replaceChildren(el('div', { className: 'shell' }, header, frame));

  const typedName = () => (name instanceof HTMLInputElement && !name.readOnly ? name.value.trim() : existing);
  let drafts: EditorDrafts | undefined;
  let saving = false;
  const editor: DiagramEditor = await createEditor(frame, {
    title: existing || 'New diagram',
    features,
    featuresNotice: notice,
    onChange: () => drafts?.changed(),
    onClose: (discarded) => {
      if (discarded) drafts?.forget(true);
      void options.close();
    },
    onSave: async () => {
      if (saving) return;
      const diagramName = typedName();
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
        const handOver = await options.save(diagramName, editor.getXml(), await editor.exportPng());
        editor.markSaved();
        drafts?.forget(false); // saved: the draft has done its job (before the host closes this frame)
        await handOver();
      } catch (e) {
        editor.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
      } finally {
        saving = false;
      }
    },
  });
  await editor.load(await options.load());
  // A draft the browser would not keep is said beside the name, where it stays: the status line is for what the user
  // just did (an export's result), and a later draft warning there replaced it.
  const draftWarning = (text: string) => {
    const shown = header.querySelector<HTMLElement>('[data-testid=draft-warning]') ?? header.appendChild(el('span', { className: 'draft-warning', testid: 'draft-warning', role: 'status' }));
    shown.textContent = text;
  };
  drafts = new EditorDrafts(draftKey(site ?? '', options.place, existing), editor, typedName, draftWarning);
  if (name instanceof HTMLInputElement) name.addEventListener('input', () => drafts?.changed());
  drafts.offerIn(header, async (draft) => {
    await editor.load(draft.xml, { unsaved: true });
    if (name instanceof HTMLInputElement && draft.name) name.value = draft.name;
    editor.setStatus('Restored the unsaved changes kept in this browser; save to keep them.');
  });
  main.dataset.readyMs = String(Math.round(performance.now())); // ms after this frame's navigation start (bench/EditorReady)
  main.dataset.ready = 'true';
}

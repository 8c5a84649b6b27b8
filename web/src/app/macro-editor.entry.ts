// Confluence macro editor: open the macro's diagram (or a new one), save it and its PNG preview as page
// attachments with AP.request as the user, then saveMacro(diagramName, revision) and close.
import './pages.css';
import { getMacroData, pageParams, ap } from './ap';
import { confluenceLatest, confluenceLoad, confluenceSave, nameProblem } from './storage';
import { serverFeatures } from './features';
import { createEditor } from '../editor';
import { el, mount } from './page';

void mount(async (main) => {
  const params = pageParams();
  const macro = await getMacroData();
  const existing = macro.diagramName ?? '';
  const { features, notice } = await serverFeatures();

  const name = el('input', { value: existing, placeholder: 'Diagram name', testid: 'diagram-name', maxLength: 200 });
  name.readOnly = existing !== '';
  const message = el('span', { className: 'note', testid: 'shell-message' });
  const host = el('div', { className: 'editor-host' });
  main.replaceChildren(el('div', { className: 'shell' }, el('header', {}, el('label', {}, 'Name '), name, message), host));

  let saving = false;
  const editor = await createEditor(host, {
    title: existing || 'New diagram',
    features,
    featuresNotice: notice,
    onClose: async () => (await ap()).confluence?.closeMacroEditor(),
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
        if (!existing && (await confluenceLatest(params.pageId, diagramName))) {
          editor.setStatus(`This page already has a diagram named "${diagramName}"; choose another name.`, 'error');
          return;
        }
        editor.setStatus('Saving…');
        const preview = await editor.exportPng();
        const saved = await confluenceSave(params.pageId, diagramName, editor.getXml(), preview);
        editor.markSaved();
        const host = await ap();
        host.confluence?.saveMacro({ diagramName, revision: String(saved.revision) });
        host.confluence?.closeMacroEditor();
      } catch (e) {
        editor.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
      } finally {
        saving = false;
      }
    },
  });
  // Editing opens the latest version on the page (someone may have saved after this page version).
  await editor.load(existing ? await confluenceLoad(params.pageId, existing) : null);
});

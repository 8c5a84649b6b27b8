// Jira diagram editor (a full-screen dialog opened by the issue panel): saves to the issue as the user.
import './pages.css';
import { ap } from './ap';
import { jiraList, jiraLoad, jiraSave, nameProblem } from './storage';
import { serverFeatures } from './features';
import { createEditor } from '../editor';
import { el, mount } from './page';

interface DialogData {
  issueKey: string;
  name?: string | null;
}

void mount(async (main) => {
  const host = await ap();
  const data = await new Promise<DialogData>((resolve) => host.dialog!.getCustomData((d) => resolve(d as DialogData)));
  if (!data?.issueKey || !/^[A-Z][A-Z0-9_]*-[0-9]+$/.test(data.issueKey)) throw new Error('The editor was opened without an issue.');
  const existing = data.name ?? '';
  const { features, notice } = await serverFeatures();

  const name = el('input', { value: existing, placeholder: 'Diagram name', testid: 'diagram-name', maxLength: 200 });
  name.readOnly = existing !== '';
  const frame = el('div', { className: 'editor-host' });
  main.replaceChildren(el('div', { className: 'shell' }, el('header', {}, el('label', {}, 'Name '), name, el('span', { className: 'note' }, `Issue ${data.issueKey}`)), frame));

  let saving = false;
  const editor = await createEditor(frame, {
    title: existing || 'New diagram',
    features,
    featuresNotice: notice,
    onClose: () => host.dialog!.close(),
    onSave: async () => {
      if (saving) return;
      const diagramName = name.value.trim();
      const problem = nameProblem(diagramName);
      if (problem) {
        editor.setStatus(problem, 'error');
        return;
      }
      saving = true;
      try {
        if (!existing && (await jiraList(data.issueKey)).some((d) => d.name === diagramName)) {
          editor.setStatus(`Issue ${data.issueKey} already has a diagram named "${diagramName}"; choose another name.`, 'error');
          return;
        }
        editor.setStatus('Saving…');
        await jiraSave(data.issueKey, diagramName, editor.getXml(), await editor.exportPng());
        editor.markSaved();
        host.dialog!.close({ saved: diagramName });
      } catch (e) {
        editor.setStatus(`Not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
      } finally {
        saving = false;
      }
    },
  });
  await editor.load(existing ? await jiraLoad(data.issueKey, existing) : null);
});

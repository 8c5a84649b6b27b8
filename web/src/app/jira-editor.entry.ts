// Jira diagram editor (a full-screen dialog opened by the issue panel): saves to the issue as the user.
import './pages.css';
import { ap } from './ap';
import { jiraList, jiraLoad, jiraSave } from './storage';
import { openEditorShell } from './editor-shell';
import { mount } from './page';

interface DialogData {
  issueKey: string;
  name?: string | null;
}

void mount(async (main) => {
  const host = await ap();
  const data = await new Promise<DialogData>((resolve) => host.dialog!.getCustomData((d) => resolve(d as DialogData)));
  if (!data?.issueKey || !/^[A-Z][A-Z0-9_]*-[0-9]+$/.test(data.issueKey)) throw new Error('The editor was opened without an issue.');
  const { issueKey } = data;
  const existing = data.name ?? '';
  await openEditorShell(main, {
    existing,
    note: `Issue ${issueKey}`,
    nameTaken: async (name) => ((await jiraList(issueKey)).some((d) => d.name === name) ? `Issue ${issueKey} already has a diagram named "${name}"; choose another name.` : null),
    load: async () => (existing ? jiraLoad(issueKey, existing) : null),
    save: async (name, xml, preview) => {
      await jiraSave(issueKey, name, xml, preview);
      host.dialog!.close({ saved: name });
    },
    close: () => host.dialog!.close(),
  });
});

// Jira diagram editor (opened full screen by the issue panel): saves to the issue as the user, then closes.
import type { Host } from '../host/host';
import { jiraList, jiraLoad, jiraSave } from '../jira-storage';
import { openEditorShell } from '../editor-shell';
import { mount } from '../page';

export const jiraEditorPage = (host: Host): Promise<void> =>
  mount(async (main) => {
    const { issueKey, name } = await host.editorTarget();
    const existing = name ?? '';
    await openEditorShell(host, main, {
      existing,
      place: `issue:${issueKey}`,
      note: `Issue ${issueKey}`,
      nameTaken: async (candidate) =>
        (await jiraList(host, issueKey)).some((d) => d.name === candidate) ? `Issue ${issueKey} already has a diagram named "${candidate}"; choose another name.` : null,
      load: async () => (existing ? jiraLoad(host, issueKey, existing) : null),
      save: async (saved, xml, preview) => {
        await jiraSave(host, issueKey, saved, xml, preview);
        return () => host.close({ saved });
      },
      close: () => host.close(),
    });
  });

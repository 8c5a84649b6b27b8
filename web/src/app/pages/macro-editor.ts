// Confluence macro editor: open the macro's diagram (or a new one), save it and its PNG preview as page attachments
// as the user, then submit {diagramName, revision, previewRevision} as the macro's config (which closes the editor).
import type { Host, MacroConfig } from '../host/host';
import { confluenceDiagrams, confluenceLatest, confluenceLoad, confluenceSave } from '../confluence-storage';
import { nameProblem } from '../storage';
import { openEditorShell } from '../editor-shell';
import { mount } from '../page';

export const macroEditorPage = (host: Host): Promise<void> =>
  mount(async (main) => {
    const [{ pageId }, config] = await Promise.all([host.context(), host.macroConfig()]);
    if (!pageId) throw new Error('The host did not say which page this is.');
    const existing = config.diagramName ?? '';
    if (existing && nameProblem(existing)) throw new Error(`The macro names the diagram "${existing}": ${nameProblem(existing)}`);
    await openEditorShell(host, main, {
      existing,
      place: `page:${pageId}`,
      nameTaken: async (name) => ((await confluenceLatest(host, pageId, name)) ? `This page already has a diagram named "${name}": open it from the list beside the name, or choose another name.` : null),
      existingDiagrams: { list: () => confluenceDiagrams(host, pageId), load: (name) => confluenceLoad(host, pageId, name) },
      // Editing opens the latest version on the page (someone may have saved after this page version).
      load: async () => (existing ? confluenceLoad(host, pageId, existing) : null),
      save: async (name, xml, preview) => {
        const saved = await confluenceSave(host, pageId, name, xml, preview);
        const submitted: MacroConfig = { diagramName: name, revision: String(saved.revision) };
        if (saved.previewRevision) submitted.previewRevision = String(saved.previewRevision);
        return () => host.submitMacro(submitted);
      },
      close: () => host.close(),
    });
  });

// Confluence macro editor: open the macro's diagram (or a new one), save it and its PNG preview as page
// attachments with AP.request as the user, then saveMacro(diagramName, revision, previewRevision) and close.
import './pages.css';
import { getMacroData, pageParams, ap } from './ap';
import { confluenceLatest, confluenceLoad, confluenceSave } from './storage';
import { openEditorShell } from './editor-shell';
import { mount } from './page';

void mount(async (main) => {
  const { pageId } = pageParams();
  const existing = (await getMacroData()).diagramName ?? '';
  await openEditorShell(main, {
    existing,
    nameTaken: async (name) => ((await confluenceLatest(pageId, name)) ? `This page already has a diagram named "${name}"; choose another name.` : null),
    // Editing opens the latest version on the page (someone may have saved after this page version).
    load: async () => (existing ? confluenceLoad(pageId, existing) : null),
    save: async (name, xml, preview) => {
      const saved = await confluenceSave(pageId, name, xml, preview);
      const host = await ap();
      const parameters: Record<string, string> = { diagramName: name, revision: String(saved.revision) };
      if (saved.previewRevision) parameters.previewRevision = String(saved.previewRevision);
      host.confluence?.saveMacro(parameters);
      host.confluence?.closeMacroEditor();
    },
    close: async () => (await ap()).confluence?.closeMacroEditor(),
  });
});

// Confluence macro view: shows the diagram attachment at the revision saved in the macro. Its "Full screen" opens the
// same view in the host's full-size dialog (an app iframe may not use the Fullscreen API): the lightbox, with Close, and
// Edit for a user Confluence lets edit the page.
import type { Host, MacroConfig } from '../host/host';
import { confluenceLoad } from '../confluence-storage';
import { nameProblem } from '../storage';
import { showDiagram, type ViewerActions } from '../viewer';
import { el, fail, mount } from '../page';

export const viewerPage = (host: Host): Promise<void> =>
  mount(async (main) => {
    const full = await host.fullViewTarget();
    const [{ pageId }, config]: [{ pageId?: string }, MacroConfig] = full
      ? [{ pageId: full.pageId }, { diagramName: full.diagramName, revision: full.revision }]
      : await Promise.all([host.context(), host.macroConfig()]);
    if (!config.diagramName) {
      main.replaceChildren(el('p', { className: 'empty', testid: 'viewer-empty' }, 'No diagram yet: edit the page and open this macro to draw one.'));
      host.resize(main.scrollHeight + 16);
      return;
    }
    const started = performance.now();
    try {
      if (!pageId || !/^[0-9]{1,32}$/.test(pageId)) throw new Error('The host did not say which page this is.');
      const problem = nameProblem(config.diagramName); // the macro's config is page content anyone who edits the page can change
      if (problem) throw new Error(problem);
      const editable = full ? import('../lightbox/edit-access').then((m) => m.mayEditPage(host, pageId)) : Promise.resolve(false);
      const xml = await confluenceLoad(host, pageId, config.diagramName, config.revision);
      const loaded = performance.now();
      const target = { pageId, diagramName: config.diagramName, revision: config.revision };
      const actions: ViewerActions = full ? { onClose: () => host.close() } : { onFullScreen: () => host.openFullView(target) };
      if (await editable) actions.onEdit = () => host.editPage(pageId);
      const result = await showDiagram(main, xml, (height) => host.resize(height), actions);
      main.dataset.revision = config.revision ?? '';
      // Measured by the browser tests (first render of the largest fixture): load = fetch through the host, draw = maxGraph.
      main.dataset.loadMs = (loaded - started).toFixed(1);
      main.dataset.drawMs = (performance.now() - loaded).toFixed(1);
      main.dataset.firstRenderMs = performance.now().toFixed(1);
      main.dataset.cells = String(result.cells);
    } catch (e) {
      fail(main, `The diagram "${config.diagramName}" cannot be shown: ${e instanceof Error ? e.message : String(e)}`);
      host.resize(main.scrollHeight + 16);
    }
  });

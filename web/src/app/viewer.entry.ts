// Confluence macro view: shows the diagram attachment at the revision saved in the macro.
import './pages.css';
import { pageParams, resizeTo } from './ap';
import { confluenceLoad } from './storage';
import { showDiagram } from './viewer';
import { fail, mount } from './page';

void mount(async (main) => {
  const params = pageParams();
  if (!params.diagramName) {
    main.innerHTML = '<p class="empty" data-testid="viewer-empty">No diagram yet: edit the page and open this macro to draw one.</p>';
    await resizeTo(main.scrollHeight + 16);
    return;
  }
  const started = performance.now();
  try {
    const xml = await confluenceLoad(params.pageId, params.diagramName, params.revision);
    const loaded = performance.now();
    const result = await showDiagram(main, xml, (height) => void resizeTo(height));
    main.dataset.revision = params.revision ?? '';
    // Measured by the browser tests (first render of the largest fixture): load = fetch through AP.request, draw = maxGraph.
    main.dataset.loadMs = (loaded - started).toFixed(1);
    main.dataset.drawMs = (performance.now() - loaded).toFixed(1);
    main.dataset.firstRenderMs = performance.now().toFixed(1);
    main.dataset.cells = String(result.cells);
  } catch (e) {
    fail(main, `The diagram "${params.diagramName}" cannot be shown: ${e instanceof Error ? e.message : String(e)}`);
    await resizeTo(main.scrollHeight + 16);
  }
});

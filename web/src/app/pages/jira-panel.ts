// Jira issue panel: the issue's diagrams with previews; add, edit (in the editor the host opens) and delete.
import { issueKeyPattern, type Host } from '../host/host';
import { jiraDelete, jiraDownload, jiraList } from '../jira-storage';
import { el, fail, mount } from '../page';

export const jiraPanelPage = (host: Host): Promise<void> =>
  mount(async (main) => {
    const { issueKey } = await host.context();
    if (!issueKey || !issueKeyPattern.test(issueKey)) throw new Error('The host did not say which issue this is.');
    const urls: string[] = [];
    const openEditor = (name: string | null) => void host.openEditor({ issueKey, name }, () => void render()).catch((e: unknown) => fail(main, `The editor did not open: ${e instanceof Error ? e.message : String(e)}`));

    const render = async (): Promise<void> => {
      for (const url of urls.splice(0)) URL.revokeObjectURL(url);
      const diagrams = (await jiraList(host, issueKey)).sort((a, b) => a.name.localeCompare(b.name));
      const list = el('ul', { testid: 'jira-diagrams' });
      for (const [i, diagram] of diagrams.entries()) {
        const preview = el('img', { alt: '' });
        if (diagram.previewId) {
          void jiraDownload(host, diagram.previewId).then((bytes) => {
            const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
            urls.push(url);
            preview.src = url;
          }).catch(() => (preview.alt = 'No preview'));
        }
        const edit = el('button', { type: 'button', testid: `jira-edit-${i}` }, 'Edit');
        edit.addEventListener('click', () => openEditor(diagram.name));
        const remove = el('button', { type: 'button', className: 'danger', testid: `jira-delete-${i}` }, 'Delete');
        remove.addEventListener('click', async () => {
          if (remove.dataset.confirm !== 'yes') {
            remove.dataset.confirm = 'yes';
            remove.textContent = 'Really delete?';
            return;
          }
          remove.disabled = true;
          try {
            await jiraDelete(host, issueKey, diagram.name);
            await render();
          } catch (e) {
            fail(main, `Not deleted: ${e instanceof Error ? e.message : String(e)}`);
          }
        });
        list.appendChild(el('li', { testid: `jira-diagram-${i}` }, preview, el('span', { className: 'name', title: diagram.name }, diagram.name), edit, remove));
      }
      const add = el('button', { type: 'button', className: 'primary', testid: 'jira-add' }, 'Add diagram');
      add.addEventListener('click', () => openEditor(null));
      main.replaceChildren(el('div', { className: 'panel' }, diagrams.length ? list : el('p', { className: 'empty', testid: 'jira-empty' }, 'No diagrams on this issue yet.'), add));
      main.dataset.count = String(diagrams.length);
      host.resize(main.scrollHeight + 16);
    };

    await render();
  });

// Forge resource `editor` (static/editor): the macro's config editor in Confluence, and in Jira the editor Modal that
// the issue panel opens (docs/forge-bridge.md, openModal).
import './bridge-check';
import '../app/pages.css';
import { forgeHost } from '../app/host/forge';
import { jiraEditorPage } from '../app/pages/jira-editor';
import { macroEditorPage } from '../app/pages/macro-editor';
import { mount } from '../app/page';

const host = forgeHost();
void host.context().then(
  ({ product }) => (product === 'jira' ? jiraEditorPage(host) : macroEditorPage(host)),
  (e: unknown) => mount(() => Promise.reject(e)),
);

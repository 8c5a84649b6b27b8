// Forge resource `panel` (static/panel): the Jira issue panel; Add and Edit open the `editor` resource as a Modal.
import './bridge-check';
import '../app/pages.css';
import { forgeHost } from '../app/host/forge';
import { jiraPanelPage } from '../app/pages/jira-panel';

void jiraPanelPage(forgeHost());

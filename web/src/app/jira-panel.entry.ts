// Connect page (App serves it at the descriptor's URL): jira-panel over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { jiraPanelPage } from './pages/jira-panel';

void jiraPanelPage(connectHost());

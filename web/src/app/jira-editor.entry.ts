// Connect page (App serves it at the descriptor's URL): jira-editor over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { jiraEditorPage } from './pages/jira-editor';

void jiraEditorPage(connectHost());

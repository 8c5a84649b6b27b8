// Connect page (App serves it at the descriptor's URL): macro-editor over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { macroEditorPage } from './pages/macro-editor';

void macroEditorPage(connectHost());

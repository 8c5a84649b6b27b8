// Connect page (App serves it at the descriptor's URL): viewer over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { viewerPage } from './pages/viewer';

void viewerPage(connectHost());

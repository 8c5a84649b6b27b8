// Connect page (App serves it in the Confluence dialog module secure-diagrams-full-view): the viewer's full view over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { viewerPage } from './pages/viewer';

void viewerPage(connectHost());

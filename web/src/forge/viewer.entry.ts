// Forge resource `viewer` (static/viewer): the macro's view.
import './bridge-check';
import '../app/pages.css';
import { forgeHost } from '../app/host/forge';
import { viewerPage } from '../app/pages/viewer';

void viewerPage(forgeHost());

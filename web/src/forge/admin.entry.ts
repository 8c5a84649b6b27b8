// Forge resource `admin` (static/admin): Confluence global settings and the Jira admin page.
import './bridge-check';
import '../app/pages.css';
import { forgeHost } from '../app/host/forge';
import { adminPage } from '../app/pages/admin';

void adminPage(forgeHost());

// Connect page (App serves it at the descriptor's URL): admin over AP.
import './pages.css';
import { connectHost } from './host/connect';
import { adminPage } from './pages/admin';

void adminPage(connectHost());

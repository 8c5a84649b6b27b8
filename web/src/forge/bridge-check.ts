// Imported first by every Forge page: @forge/bridge throws while it loads when the host's bridge is missing (the page
// was opened outside Atlassian), so say so in the page instead of leaving "Loading…" on screen.
import { fail } from '../app/page';

declare global {
  interface Window {
    __bridge?: { callBridge?: unknown };
  }
}

if (typeof window.__bridge?.callBridge !== 'function') {
  const main = document.getElementById('app');
  if (main) {
    fail(main, 'This page runs inside Confluence or Jira (Atlassian Forge): the host bridge is missing.');
    main.removeAttribute('aria-busy');
  }
}

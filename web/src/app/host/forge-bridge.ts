// The parts of @forge/bridge the Forge host adapter calls (forge.ts), imported from the package's own modules: its
// index loads every bridge API (realtime, rovo, object store, flags, …) and their dependencies, about 7 KiB gzipped
// the editor's first load does not need. The package is pinned (package.json); the build fails if a path moves.
// Types come from '@forge/bridge' itself.
export { invokeRemote } from '../../../node_modules/@forge/bridge/out/invoke-endpoint/invoke-remote.js';
export { requestConfluence, requestJira } from '../../../node_modules/@forge/bridge/out/fetch/index.js';
import { close } from '../../../node_modules/@forge/bridge/out/view/close.js';
import { getContext } from '../../../node_modules/@forge/bridge/out/view/getContext.js';
import { submit } from '../../../node_modules/@forge/bridge/out/view/submit.js';

/** The three calls of @forge/bridge's `view` the pages make (its own object also loads the ADF renderer, history, theme, …). */
export const view = { close, getContext, submit };

/** Opening a modal and navigating, which a page does on a click: loaded then (forge-bridge-later.ts). */
export const later = () => import('./forge-bridge-later');

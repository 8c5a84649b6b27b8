// The parts of @forge/bridge the Forge host adapter calls (forge.ts), imported from the package's own modules: its
// index loads every bridge API (realtime, rovo, object store, flags, …) and their dependencies, about 7 KiB gzipped
// the editor's first load does not need. The package is pinned (package.json); the build fails if a path moves.
// Types come from '@forge/bridge' itself.
export { invokeRemote } from '../../../node_modules/@forge/bridge/out/invoke-endpoint/invoke-remote.js';
export { Modal } from '../../../node_modules/@forge/bridge/out/modal/modal.js';
export { requestConfluence, requestJira } from '../../../node_modules/@forge/bridge/out/fetch/index.js';
export { router } from '../../../node_modules/@forge/bridge/out/router/router.js';
export { view } from '../../../node_modules/@forge/bridge/out/view/view.js';

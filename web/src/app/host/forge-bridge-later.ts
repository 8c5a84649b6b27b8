// The parts of @forge/bridge a Forge page needs only on a click (open the editor or the full view in a modal, go to
// the page's editor), loaded then by forge-bridge.ts's `later()`, so the first load does not carry them.
export { Modal } from '../../../node_modules/@forge/bridge/out/modal/modal.js';
export { router } from '../../../node_modules/@forge/bridge/out/router/router.js';

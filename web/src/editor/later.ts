// What the editor loads right after it is ready, as one chunk: the format panel, draw.io's libraries in the palette,
// the menus' entries, the panels and the dialogs. One chunk rather than one per part: each part loaded on its own
// splits the code the parts share with the first load into as many small files, which compress less well (web/build.mjs
// measures the first load gzipped file by file). Heavy parts used by few (image export, PlantUML, Visio libraries,
// reading .drawio.png/.svg) still load on first use.
export { fillFormatPanel } from './format/panel';
export { showTextBar } from './format/text-bar';
export { StencilPalette } from './stencil-palette';
export { createImporter } from './open-file';
export { createArrange } from './arrange';
export { wireLinksAndTooltips } from '../shared/links';
export { openMoreShapesDialog } from './more-shapes';
export { askBeforeClose } from './close-prompt';
export { openExportDialog } from './export-dialog';
export { openEditStyleDialog } from './edit-style';
export { openLayersPanel } from './layers-panel';
export { openFindBar } from './find';
export { openOutline } from './outline';
export * as dataDialogs from './edit-data';
export * as contextMenuEntries from './context-menu-entries';

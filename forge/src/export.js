'use strict';

const { readMacro } = require('./config');
const { withPicture, withoutPicture } = require('./adf');
const { pngSize } = require('./png');
const { SiteError, MAX_PREVIEW_BYTES } = require('./site');

/**
 * The macro's export view (PDF, Word, page history: payload.exportType is pdf, word or other; all get the same view):
 * the preview picture saved with the macro when the page's preview attachment still holds that version, otherwise a
 * text naming the diagram and its preview attachment. Never throws, so one macro cannot fail a whole export.
 */
async function exportAdf(payload, site) {
  const macro = readMacro(payload);
  if (macro.problem) return withoutPicture(macro, macro.problem);
  try {
    const preview = await site.findPreview(macro.pageId, macro.name);
    if (!preview) return withoutPicture(macro, 'the page has no such attachment');
    // The media node can only name the attachment's current file: an older page version keeps its own text.
    if (macro.previewRevision && macro.previewRevision !== preview.version) {
      return withoutPicture(macro, `the attachment now holds version ${preview.version}`);
    }
    if (preview.fileSize > MAX_PREVIEW_BYTES) return withoutPicture(macro, 'the picture is too large');
    const size = pngSize(await site.download(macro.pageId, preview.id));
    if (!size) return withoutPicture(macro, 'the attachment is not a PNG picture');
    return withPicture(macro, { ...preview, ...size });
  } catch (error) {
    // No names or ids in the log: only what went wrong with the site.
    console.warn(`secure-diagram export: picture not available (${error instanceof SiteError ? error.message : 'site call failed'})`);
    return withoutPicture(macro, 'the picture could not be read for this export');
  }
}

module.exports = { exportAdf };

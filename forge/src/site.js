'use strict';

// Confluence, asked as the app from inside Forge (asApp().requestConfluence): the only calls this function makes.
// Nothing here reaches the app's own backend; the preview picture is read inside Atlassian's platform only.

const MAX_PREVIEW_BYTES = 10 * 1024 * 1024; // the backend's Attachments:MaxUploadBytes: no saved preview is larger
const ATTACHMENT_ID = /^att[0-9]{1,19}$/;
const FILE_ID = /^[0-9A-Za-z-]{1,64}$/;
const COLLECTION = /^[0-9A-Za-z:_-]{1,128}$/;

class SiteError extends Error {}

/** Reads the {name}.png preview of a page through `api` (the @forge/api module, or a stand-in in tests). */
function makeSite(api) {
  const confluence = (path) => api.asApp().requestConfluence(path, { headers: { Accept: 'application/json' } });

  /** The preview attachment's current record: {id, version, fileId, collection, fileSize}, or null if there is none. */
  async function findPreview(pageId, name) {
    const response = await confluence(
      api.route`/wiki/rest/api/content/${pageId}/child/attachment?filename=${`${name}.png`}&expand=version`);
    if (!response.ok) throw new SiteError(`attachment list answered ${response.status}`);
    const body = await response.json();
    const found = (body && Array.isArray(body.results) ? body.results : []).find((a) => a && a.title === `${name}.png`);
    if (!found) return null;
    const extensions = found.extensions || {};
    const record = {
      id: found.id,
      version: found.version && found.version.number,
      fileId: extensions.fileId,
      collection: extensions.collectionName || `contentId-${pageId}`,
      fileSize: extensions.fileSize,
    };
    if (typeof record.id !== 'string' || !ATTACHMENT_ID.test(record.id) || !Number.isInteger(record.version)
      || typeof record.fileId !== 'string' || !FILE_ID.test(record.fileId) || !COLLECTION.test(record.collection)) {
      throw new SiteError('attachment record of an unexpected shape');
    }
    return record;
  }

  /** The preview's bytes (current version), refused beyond MAX_PREVIEW_BYTES. */
  async function download(pageId, attachmentId) {
    const response = await api.asApp().requestConfluence(
      api.route`/wiki/rest/api/content/${pageId}/child/attachment/${attachmentId}/download`);
    if (!response.ok) throw new SiteError(`attachment download answered ${response.status}`);
    const length = Number(response.headers && response.headers.get && response.headers.get('content-length'));
    if (length > MAX_PREVIEW_BYTES) throw new SiteError('preview larger than any saved preview');
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength > MAX_PREVIEW_BYTES) throw new SiteError('preview larger than any saved preview');
    return bytes;
  }

  return { findPreview, download };
}

module.exports = { makeSite, SiteError, MAX_PREVIEW_BYTES };

'use strict';

// The macro config as the editor saves it (and as Connect macros carry it): {diagramName, revision, previewRevision}.
// The rules are App's DiagramName and page-parameter rules (App/Attachments/DiagramUpload.cs, App/Pages/PagesModule.cs),
// so a name the backend would refuse is never looked up here either.

const MAX_NAME_LENGTH = 200;
const FORBIDDEN = /[/\\\p{Cc}\p{Cf}]|\.\.|^\.$/u;
const WHOLE_NUMBER = /^[0-9]{1,9}$/;
const PAGE_ID = /^[0-9]{1,19}$/;

/** A diagram name the backend accepts, or null. */
function diagramName(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) return null;
  if (FORBIDDEN.test(value) || value.trim() !== value) return null;
  if (/\.(png|svg)$/i.test(value)) return null;
  return value;
}

/** A positive whole number given as a string or number, or null (absent, empty or malformed). */
function revision(value) {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !WHOLE_NUMBER.test(text)) return null;
  const number = Number(text);
  return number > 0 ? number : null;
}

/**
 * What the export needs from the adfExport payload ({exportType, context: {extension: {config, content: {id}}}}):
 * {pageId, name, revision, previewRevision}, or {name?, problem} saying why no picture can be shown.
 */
function readMacro(payload) {
  const extension = payload && payload.context && payload.context.extension;
  const config = (extension && extension.config) || {};
  const name = diagramName(config.diagramName);
  if (name === null) return { problem: 'no saved diagram' };
  const pageId = extension.content && extension.content.id;
  if (typeof pageId !== 'string' || !PAGE_ID.test(pageId)) return { name, problem: 'the page could not be identified' };
  return { pageId, name, revision: revision(config.revision), previewRevision: revision(config.previewRevision) };
}

module.exports = { readMacro, diagramName, revision };

'use strict';

// The ADF this export returns (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).

const text = (value) => ({ type: 'text', text: value });
const paragraph = (value) => ({ type: 'paragraph', content: [text(value)] });
const doc = (...content) => ({ type: 'doc', version: 1, content });

/** A line naming the diagram, so every export says what was here even where no picture can be shown. */
function caption(name, revision) {
  return paragraph(revision ? `Diagram: ${name} (revision ${revision})` : `Diagram: ${name}`);
}

/**
 * The preview attachment as a picture: a mediaSingle holding a media node of type "file" that names the attachment's
 * file in Atlassian's media store (its fileId in the page's collection), with the pixel size the ADF docs require
 * inside mediaSingle. This is how Confluence's editor refers to an image attached to the page.
 */
function picture(preview) {
  return {
    type: 'mediaSingle',
    attrs: { layout: 'center' },
    content: [{
      type: 'media',
      attrs: { type: 'file', id: preview.fileId, collection: preview.collection, width: preview.width, height: preview.height },
    }],
  };
}

/** Text only: the diagram's name and where its picture is, for exports where the picture cannot be referenced. */
function withoutPicture(macro, reason) {
  if (!macro.name) return doc(paragraph('Secure Diagram: this macro holds no saved diagram yet.'));
  const where = macro.previewRevision
    ? `its picture is the attachment ${macro.name}.png, version ${macro.previewRevision}, of this page`
    : `its picture is the attachment ${macro.name}.png of this page`;
  return doc(caption(macro.name, macro.revision), paragraph(`(${where}; ${reason}.)`));
}

const withPicture = (macro, preview) => doc(picture(preview), caption(macro.name, macro.revision));

module.exports = { withPicture, withoutPicture };

'use strict';

// The Forge function behind the macro's adfExport (manifest.yml: function "export", handler index.handler).
// It runs on Atlassian's platform and talks to Confluence only; the diagram and its picture never reach our servers.

const api = require('@forge/api');
const { exportAdf } = require('./export');
const { makeSite } = require('./site');

const site = makeSite(api);

exports.handler = (payload) => exportAdf(payload, site);

/*
 * requestConfluence / requestJira for the Forge sandbox pages (/_sim/forge-host.js calls it): the product REST call as the
 * signed-in sandbox user (session cookie, the REST endpoints AP.request reaches), from the payload @forge/bridge's
 * fetch.js builds, answered in the shape it turns back into a Response. Binary answers go as base64 (isAttachment).
 */
(function () {
  'use strict';

  var methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];
  var requestHeaders = ['accept', 'accept-language', 'content-type', 'if-match', 'if-none-match', 'x-atlassian-token', 'x-experimentalapi'];

  function fail(message) {
    throw new Error(message);
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }

    return btoa(text);
  }

  function dataUrlToBlob(dataUrl, type) {
    var comma = String(dataUrl).indexOf(',');
    var raw = atob(comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }

    return new Blob([bytes], { type: type || 'application/octet-stream' });
  }

  /* fetchProduct {product, restPath, fetchRequestInit: {method, headers: [[name, value]], body}, isMultipartFormData}, as fetch.js sends it. */
  function request(cfg, p) {
    p = p || {};
    var name = p.product === 'jira' ? 'requestJira' : 'requestConfluence';
    if (p.product !== cfg.product) {
      fail(name + ': this is a ' + cfg.product + ' module; a ' + p.product + ' request cannot be made from it.');
    }

    var restPath = typeof p.restPath === 'string' ? p.restPath : '';
    var prefix = cfg.product === 'confluence' ? '/wiki/' : '/rest/';
    if (restPath.indexOf(prefix) !== 0 || restPath.indexOf('\\') >= 0 || /(^|\/)\.\.?(\/|$|\?)/.test(restPath.split('?')[0]) || restPath.length > 4096) {
      fail(name + ': the path must be the product REST path starting with ' + prefix + ' (e.g. ' + (cfg.product === 'confluence'
        ? '/wiki/rest/api/content/{id}/child/attachment' : '/rest/api/3/issue/{key}') + '), without dot segments.');
    }

    var target = new URL(cfg.siteRoot + restPath, location.origin);
    if (target.origin !== location.origin || target.pathname.indexOf(cfg.siteRoot + prefix) !== 0) {
      fail(name + ': the path leaves the site\'s REST API.');
    }

    var init = p.fetchRequestInit || {};
    var method = String(init.method || 'GET').toUpperCase();
    if (methods.indexOf(method) < 0) {
      fail(name + ': unsupported method ' + method + '.');
    }

    // The bridge adds X-Atlassian-Token to every request; only writes need it, and on a GET it would make the download's
    // redirect to the media host a preflighted CORS request. Other headers the product does not read are not sent.
    var headers = new Headers();
    (Array.isArray(init.headers) ? init.headers : Object.entries(init.headers || {})).forEach(function (pair) {
      var key = String(pair[0]).toLowerCase();
      if (requestHeaders.indexOf(key) >= 0 && !(key === 'x-atlassian-token' && (method === 'GET' || method === 'HEAD'))) {
        headers.set(key, String(pair[1]));
      }
    });
    var requestBody;
    if (p.isMultipartFormData) {
      var fields = JSON.parse(init.body || '{}');
      var form = new FormData();
      Object.keys(fields).forEach(function (key) {
        if (key === 'file') {
          form.append('file', dataUrlToBlob(fields.file, fields.__fileType), fields.__fileName || 'file');
        } else if (key !== '__fileName' && key !== '__fileType') {
          form.append(key, String(fields[key]));
        }
      });
      headers.delete('content-type'); // the browser sets the multipart boundary
      requestBody = form;
    } else if (method !== 'GET' && method !== 'HEAD' && init.body !== undefined && init.body !== null) {
      requestBody = init.body;
    }

    return fetch(target.toString(), { method: method, headers: headers, body: requestBody, credentials: 'same-origin', redirect: 'follow', cache: 'no-store' })
      .then(function (res) {
        var responseHeaders = {};
        res.headers.forEach(function (value, key) { responseHeaders[key] = value; });
        var type = res.headers.get('content-type') || '';
        var empty = method === 'HEAD' || res.status === 204 || res.status === 205 || res.status === 304;
        var textual = !type || /^text\/|json|xml|javascript|x-www-form-urlencoded/i.test(type);
        var read = empty ? Promise.resolve('') : textual ? res.text() : res.arrayBuffer().then(base64);
        return read.then(function (data) {
          return { status: res.status, statusText: res.statusText, headers: responseHeaders, body: data, isAttachment: !empty && !textual };
        });
      });
  }

  window.HostSimForgeProduct = { request: request };
})();

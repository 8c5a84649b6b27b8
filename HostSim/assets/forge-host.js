/*
 * The host side of HostSim's Forge bridge (the frames' side and the message format: the CDN's /__hostsim/forge-bridge.js).
 * Runs on the Forge-mode sandbox pages: takes messages only from its own Custom UI frames and only from the CDN origin,
 * answers each callBridge name @forge/bridge 7.x uses (see `handlers`), and refuses any other with an error the frame
 * logs. Product requests (requestConfluence/requestJira) run here as the signed-in sandbox user (session cookie, the
 * same REST endpoints AP.request reaches); invokeRemote goes to HostSim (/sandbox/{site}/api/forge/invoke), which mints
 * the FIT and calls the app as Forge does.
 */
(function () {
  'use strict';

  var body = document.body;
  var cfg = {
    product: body.dataset.product,
    cdnOrigin: body.dataset.appOrigin,
    api: body.dataset.api,
    siteRoot: body.dataset.siteRoot,
    pageId: body.dataset.pageId,
    issueKey: body.dataset.issueKey,
    resources: JSON.parse(body.dataset.forgeResources || '{}'),
    urls: JSON.parse(body.dataset.forgeUrls || '{}'),
  };
  if (!cfg.product || !cfg.cdnOrigin) {
    return;
  }

  var frames = new Map(); // frame window -> {iframe, context, closable, submittable, opener, modalId, dialog, onClose, hasOnClose}
  var methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];
  var requestHeaders = ['accept', 'accept-language', 'content-type', 'if-match', 'if-none-match', 'x-atlassian-token', 'x-experimentalapi'];
  var closeWaits = {};
  var nextWait = 1;

  function register(iframe, info) {
    info.iframe = iframe;
    info.window = iframe.contentWindow;
    frames.set(info.window, info);
    return info;
  }

  document.querySelectorAll('iframe[data-forge-context]').forEach(function (iframe) {
    register(iframe, { context: JSON.parse(iframe.dataset.forgeContext), autoResize: iframe.dataset.autoResize === 'true' });
  });

  function api(method, path, payload) {
    return fetch(cfg.api + path, {
      method: method,
      credentials: 'same-origin',
      headers: payload === undefined ? {} : { 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }).then(function (res) {
      return res.text().then(function (text) {
        var json = text ? JSON.parse(text) : null;
        if (!res.ok) {
          throw new Error((json && (json.detail || json.title)) || (method + ' ' + path + ' answered ' + res.status));
        }

        return json;
      });
    });
  }

  function refuse(message) {
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
  function fetchProduct(info, p) {
    p = p || {};
    var name = p.product === 'jira' ? 'requestJira' : 'requestConfluence';
    if (p.product !== cfg.product) {
      refuse(name + ': this is a ' + cfg.product + ' module; a ' + p.product + ' request cannot be made from it.');
    }

    var restPath = typeof p.restPath === 'string' ? p.restPath : '';
    var prefix = cfg.product === 'confluence' ? '/wiki/' : '/rest/';
    if (restPath.indexOf(prefix) !== 0 || restPath.indexOf('\\') >= 0 || /(^|\/)\.\.?(\/|$|\?)/.test(restPath.split('?')[0]) || restPath.length > 4096) {
      refuse(name + ': the path must be the product REST path starting with ' + prefix + ' (e.g. ' + (cfg.product === 'confluence'
        ? '/wiki/rest/api/content/{id}/child/attachment' : '/rest/api/3/issue/{key}') + '), without dot segments.');
    }

    var target = new URL(cfg.siteRoot + restPath, location.origin);
    if (target.origin !== location.origin || target.pathname.indexOf(cfg.siteRoot + prefix) !== 0) {
      refuse(name + ': the path leaves the site\'s REST API.');
    }

    var init = p.fetchRequestInit || {};
    var method = String(init.method || 'GET').toUpperCase();
    if (methods.indexOf(method) < 0) {
      refuse(name + ': unsupported method ' + method + '.');
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

  /* invoke: invokeRemote's {path, method, headers, body, invokeType: "ui-remote-fetch"}; the answer is {success, payload | error}. */
  function invoke(info, p) {
    p = p || {};
    if (p.invokeType === 'ui-remote-fetch') {
      return api('POST', '/forge/invoke', {
        moduleKey: info.context.moduleKey, extension: info.context.extension, path: p.path, method: p.method, headers: p.headers, body: p.body,
      });
    }

    refuse(p.invokeType
      ? 'invoke: ' + p.invokeType + ' (invokeService) needs a Forge container service; this app has none.'
      : 'invoke("' + p.functionKey + '"): this app\'s modules resolve through a Forge Remote endpoint (resolver.endpoint), not a function: use invokeRemote.');
  }

  function later(action) {
    setTimeout(action, 0);
  }

  /* view.submit {config}: the macro config editor saves the macro's config (its parameters) and closes. */
  function submit(info, p) {
    if (!info.submittable) {
      return false;
    }

    var keys = Object.keys(p || {});
    if (!p || typeof p.config !== 'object' || p.config === null || Array.isArray(p.config) || keys.some(function (k) { return k !== 'config'; })) {
      refuse('view.submit: a macro config editor submits {config: {...}} (got keys: ' + keys.join(', ') + ').');
    }

    var params = {};
    Object.keys(p.config).forEach(function (key) {
      var value = p.config[key];
      if (typeof value !== 'string') {
        refuse('view.submit: config.' + key + ' must be a string (the manifest declares the macro\'s parameters as strings).');
      }

      params[key] = value;
    });
    return api('PUT', '/pages/' + encodeURIComponent(cfg.pageId) + '/macros/' + encodeURIComponent(info.context.localId), { params: params })
      .then(function () { later(function () { closeDialog(info, undefined); }); return true; });
  }

  function close(info, payload) {
    if (!info.closable) {
      return false;
    }

    later(function () { closeDialog(info, payload); });
    return true;
  }

  function targetUrl(where) {
    var t = where || {};
    var url = t.target === 'contentView' || t.target === 'contentEdit' ? (cfg.product === 'confluence' && t.contentId ? cfg.urls.page + encodeURIComponent(t.contentId) : null)
      : t.target === 'issue' ? (cfg.product === 'jira' && t.issueKey ? cfg.urls.issue + encodeURIComponent(t.issueKey) : null)
        : t.target === 'module' ? (t.moduleKey === 'admin' || t.moduleKey === 'jira-admin' ? cfg.urls.admin : null)
          : null;
    if (!url) {
      refuse('router: target ' + JSON.stringify(t.target) + ' with these properties does not lead to a sandbox page (contentView/contentEdit {contentId}, issue {issueKey}, module {moduleKey} are).');
    }

    return new URL(url, location.origin).toString();
  }

  function navigate(info, p) {
    p = p || {};
    var url = typeof p.url === 'string' ? new URL(p.url, location.origin) : new URL(targetUrl(p));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      refuse('router: only http(s) URLs can be opened.');
    }

    if (p.type === 'new-tab') {
      window.open(url.toString(), '_blank', 'noopener,noreferrer');
    } else {
      later(function () { location.assign(url.toString()); });
    }

    return null;
  }

  function openModal(info, p) {
    p = p || {};
    var url = cfg.resources[p.resource];
    if (typeof p.resource !== 'string' || !url || p.resource === 'icons') {
      refuse('Modal: resource must be one of the manifest\'s Custom UI resources (' + Object.keys(cfg.resources).filter(function (r) { return r !== 'icons'; }).join(', ') + ').');
    }

    var context = JSON.parse(JSON.stringify(info.context));
    context.extension.modal = p.context || {};
    openDialog('modal-frame', p.title || 'Secure Diagrams', url, { context: context, closable: true, opener: info, modalId: p.modalId });
    return true;
  }

  function showFlag(info, p) {
    p = p || {};
    var flag = document.createElement('div');
    flag.className = 'flag flag-' + String(p.type || 'info').replace(/[^a-z]/g, '');
    flag.setAttribute('role', 'status');
    flag.setAttribute('data-testid', 'flag-' + String(p.id));
    var title = document.createElement('strong');
    title.textContent = String(p.title || '');
    var text = document.createElement('p');
    text.textContent = String(p.description || '');
    flag.append(title, text);
    (document.querySelector('.flags') || document.body.appendChild(Object.assign(document.createElement('div'), { className: 'flags' }))).append(flag);
    if (p.isAutoDismiss) {
      setTimeout(function () { flag.remove(); }, 8000);
    }

    return null;
  }

  var handlers = {
    getContext: function (info) { return info.context; },
    fetchProduct: fetchProduct,
    invoke: invoke,
    submit: submit,
    close: close,
    open: function () { return false; },
    onClose: function (info) { info.hasOnClose = !!info.closable; return !!info.closable; },
    refresh: function () {
      if (cfg.product !== 'jira' || !cfg.issueKey) {
        return false;
      }

      later(function () { location.reload(); });
      return true;
    },
    changeWindowTitle: function (info, title) { document.title = String(title).slice(0, 200); return null; },
    enableTheming: function () { return null; },
    emitReadyEvent: function () { return null; },
    navigate: navigate,
    getUrl: function (info, where) { return targetUrl(where); },
    reload: function () { later(function () { location.reload(); }); return null; },
    emit: function (info, p) {
      if (!p || typeof p.event !== 'string' || p.event.length > 200) {
        refuse('events.emit needs an event name.');
      }

      frames.forEach(function (other) {
        if (other !== info) {
          other.window.postMessage({ hostsim: 'forge', event: p.event, payload: p.payload }, cfg.cdnOrigin);
        }
      });
      return null;
    },
    openModal: openModal,
    showFlag: showFlag,
    closeFlag: function (info, p) {
      var flag = document.querySelector('[data-testid="flag-' + String((p && p.id) || '').replace(/["\\]/g, '') + '"]');
      if (flag) {
        flag.remove();
      }

      return null;
    },
  };

  window.addEventListener('message', function (event) {
    var info = frames.get(event.source);
    var m = event.data;
    if (!info || event.origin !== cfg.cdnOrigin || !m || m.hostsim !== 'forge') {
      return;
    }

    if (m.hello === true) {
      event.source.postMessage({ hostsim: 'forge', welcome: true }, cfg.cdnOrigin);
    } else if (m.size && info.autoResize && !info.dialog) {
      info.iframe.style.height = Math.min(Math.max(Number(m.size.height) || 0, 40), 20000) + 'px';
    } else if (typeof m.closeReady === 'number' && closeWaits[m.closeReady]) {
      closeWaits[m.closeReady]();
    } else if (typeof m.id === 'number' && typeof m.call === 'string') {
      answer(info, event.source, m);
    }
  });

  function answer(info, source, m) {
    Promise.resolve().then(function () {
      if (!Object.prototype.hasOwnProperty.call(handlers, m.call)) {
        var unknown = new Error('callBridge("' + m.call + '") is not implemented by the sandbox.');
        unknown.unknown = true;
        throw unknown;
      }

      return handlers[m.call](info, m.payload);
    }).then(function (value) {
      source.postMessage({ hostsim: 'forge', reply: m.id, ok: true, value: value }, cfg.cdnOrigin);
    }, function (e) {
      source.postMessage({ hostsim: 'forge', reply: m.id, ok: false, error: { message: String((e && e.message) || e), unknown: !!(e && e.unknown) } }, cfg.cdnOrigin);
    });
  }

  /* Full-screen dialogs: the macro config editor and modals. */
  function openDialog(testId, title, url, info) {
    var backdrop = document.createElement('div');
    backdrop.className = 'dialog-backdrop';
    backdrop.setAttribute('role', 'dialog');
    backdrop.setAttribute('aria-label', title);
    var dialog = document.createElement('div');
    dialog.className = 'dialog';
    var header = document.createElement('header');
    var heading = document.createElement('span');
    heading.textContent = title;
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Close';
    button.setAttribute('data-testid', 'dialog-close');
    header.append(heading, button);
    var iframe = document.createElement('iframe');
    iframe.setAttribute('data-testid', testId);
    iframe.setAttribute('title', title);
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals');
    iframe.setAttribute('allow', 'clipboard-read; clipboard-write');
    dialog.append(header, iframe);
    backdrop.append(dialog);
    document.body.append(backdrop);
    info.dialog = backdrop;
    register(iframe, info);
    button.addEventListener('click', function () { userClose(info); });
    iframe.src = url;
    return info;
  }

  /* The dialog's own Close button: the frame's view.onClose callbacks run first (at most 5 s). */
  function userClose(info) {
    if (!info.hasOnClose) {
      closeDialog(info, undefined);
      return;
    }

    var id = nextWait++;
    var done = function () { delete closeWaits[id]; closeDialog(info, undefined); };
    closeWaits[id] = done;
    setTimeout(function () { if (closeWaits[id]) { done(); } }, 5000);
    info.window.postMessage({ hostsim: 'forge', beforeClose: id }, cfg.cdnOrigin);
  }

  function closeDialog(info, payload) {
    if (!info.dialog) {
      return;
    }

    info.dialog.remove();
    info.dialog = null;
    frames.delete(info.window);
    if (info.opener && frames.has(info.opener.window) && info.modalId) {
      info.opener.window.postMessage({ hostsim: 'forge', modalClosed: info.modalId, payload: payload }, cfg.cdnOrigin);
    }

    if (info.onClose) {
      info.onClose();
    }
  }

  function openEditor(localId) {
    return api('POST', '/forge/frames', { module: 'macro-config', pageId: cfg.pageId, localId: localId }).then(function (r) {
      openDialog('editor-frame', r.title, r.url, { context: r.context, closable: true, submittable: true, onClose: renderPlaceholders });
    });
  }

  /* Confluence edit mode: placeholders with "Edit diagram", "Insert diagram", "Publish" (as the Connect pages). */
  function renderPlaceholders() {
    var container = document.getElementById('edit-macros');
    if (!container || !body.classList.contains('editing')) {
      return Promise.resolve();
    }

    return api('GET', '/pages/' + encodeURIComponent(cfg.pageId) + '/macros').then(function (r) {
      container.replaceChildren();
      r.macros.forEach(function (macro, index) {
        var box = document.createElement('div');
        box.className = 'placeholder';
        box.setAttribute('data-testid', 'macro-placeholder-' + index);
        var label = document.createElement('span');
        label.textContent = 'Secure Diagram' + (macro.params.diagramName ? ': ' + macro.params.diagramName : '');
        var edit = document.createElement('button');
        edit.type = 'button';
        edit.textContent = 'Edit diagram';
        edit.setAttribute('data-testid', 'macro-edit-' + index);
        edit.addEventListener('click', function () { openEditor(macro.macroId).catch(report); });
        box.append(label, edit);
        container.append(box);
      });
    });
  }

  function report(e) {
    console.error(e);
    window.alert(String((e && e.message) || e));
  }

  function onClick(testId, action) {
    var button = document.querySelector('[data-testid="' + testId + '"]');
    if (button) {
      button.addEventListener('click', function () { Promise.resolve().then(action).catch(report); });
    }
  }

  onClick('page-edit', function () {
    body.classList.add('editing');
    return renderPlaceholders();
  });
  onClick('insert-diagram', function () { return openEditor(null); });
  onClick('page-publish', function () {
    return api('POST', '/pages/' + encodeURIComponent(cfg.pageId) + '/publish', {}).then(function () { location.reload(); });
  });
})();

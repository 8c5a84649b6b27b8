/*
 * The host side of HostSim's AP bridge (see /_sim/all.js for the message format). Runs on the sandbox pages:
 * takes messages only from the windows of its own iframes and only from the app's origin, answers each call,
 * and runs AP.request as the signed-in sandbox user (session cookie + X-Atlassian-Token on writes) against
 * HostSim's REST endpoints under the product's context path.
 */
(function () {
  'use strict';

  var body = document.body;
  var cfg = {
    product: body.dataset.product,
    appOrigin: body.dataset.appOrigin,
    api: body.dataset.api,
    rest: body.dataset.rest,
    pageId: body.dataset.pageId,
    issueKey: body.dataset.issueKey,
    context: JSON.parse(body.dataset.context || '{}'),
  };
  if (!cfg.product || !cfg.appOrigin) {
    return; // the index page: nothing framed
  }

  var frames = new Map(); // frame window -> {iframe, kind, macroId, params, customData, opener, dialog, onClose}
  var allowedRequestHeaders = ['accept', 'if-match', 'if-none-match', 'x-experimentalapi'];
  var methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

  function register(iframe, info) {
    info.iframe = iframe;
    info.window = iframe.contentWindow;
    frames.set(info.window, info);
    return info;
  }

  document.querySelectorAll('iframe[data-frame]').forEach(function (iframe) {
    register(iframe, {
      kind: iframe.dataset.frame,
      macroId: iframe.dataset.macroId || null,
      params: iframe.dataset.params ? JSON.parse(iframe.dataset.params) : undefined,
    });
  });

  function api(method, path, payload) {
    return fetch(cfg.api + path, {
      method: method,
      credentials: 'same-origin',
      headers: payload === undefined ? {} : { 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }).then(function (res) {
      if (!res.ok) {
        return res.text().then(function (text) { throw new Error(method + ' ' + path + ' answered ' + res.status + ': ' + text); });
      }

      return res.json();
    });
  }

  /* AP.request: the url is relative to the product's context path and must stay under it. */
  function apRequest(o) {
    o = o || {};
    var url = typeof o.url === 'string' ? o.url : '';
    if (url.charAt(0) !== '/' || url.charAt(1) === '/' || url.indexOf('\\') >= 0) {
      return Promise.reject(new Error('AP.request: url must be a path relative to the product context path, starting with one "/".'));
    }

    var target = new URL(cfg.rest + url, location.origin);
    if (target.origin !== location.origin || target.pathname.indexOf(cfg.rest + '/') !== 0) {
      return Promise.reject(new Error('AP.request: url leaves the product context path.'));
    }

    var method = String(o.type || 'GET').toUpperCase();
    if (methods.indexOf(method) < 0) {
      return Promise.reject(new Error('AP.request: unsupported type ' + method + '.'));
    }

    var headers = new Headers();
    Object.keys(o.headers || {}).forEach(function (name) {
      if (allowedRequestHeaders.indexOf(name.toLowerCase()) >= 0 && typeof o.headers[name] === 'string') {
        headers.set(name, o.headers[name]);
      }
    });
    var requestBody;
    var data = o.data;
    if (method !== 'GET' && method !== 'HEAD') {
      headers.set('X-Atlassian-Token', 'no-check');
    }

    if (o.contentType === 'multipart/form-data') {
      var form = new FormData();
      Object.keys(data || {}).forEach(function (name) {
        var value = data[name];
        if (value instanceof Blob) {
          form.append(name, value, value.name || name);
        } else if (value !== undefined && value !== null) {
          form.append(name, String(value));
        }
      });
      requestBody = form; // the browser sets the multipart boundary
    } else if (method === 'GET' || method === 'HEAD') {
      if (data && typeof data === 'object') {
        Object.keys(data).forEach(function (name) { target.searchParams.append(name, String(data[name])); });
      }
    } else if (data !== undefined && data !== null) {
      requestBody = typeof data === 'string' ? data : JSON.stringify(data);
      headers.set('Content-Type', o.contentType || 'application/json');
    } else if (o.contentType) {
      headers.set('Content-Type', o.contentType);
    }

    return fetch(target.toString(), {
      method: method,
      headers: headers,
      body: requestBody,
      credentials: 'same-origin',
      redirect: 'follow',
      cache: 'no-store',
    }).then(function (res) {
      var responseHeaders = {};
      res.headers.forEach(function (value, name) { responseHeaders[name] = value; });
      return (o.binaryAttachment ? res.arrayBuffer() : res.text()).then(function (payload) {
        return { status: res.status, statusText: res.statusText, headers: responseHeaders, body: payload };
      });
    });
  }

  function cssSize(value) {
    var v = String(value);
    if (/^\d+(\.\d+)?$/.test(v)) {
      return Math.min(Number(v), 20000) + 'px';
    }

    return /^\d+(\.\d+)?(px|%)$/.test(v) ? v : null;
  }

  function contextFor(info) {
    var context = JSON.parse(JSON.stringify(cfg.context));
    if (context.confluence && info.macroId) {
      context.confluence.macro = { id: info.macroId, outputType: 'display' };
    }

    return context;
  }

  /* Full-screen dialogs: the macro editor (Confluence) and dialog modules (Jira's editor, Confluence's full view). */
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
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.setAttribute('data-testid', 'dialog-close');
    header.append(heading, close);
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
    close.addEventListener('click', function () { closeDialog(info, undefined); });
    iframe.src = url;
    return info;
  }

  function closeDialog(info, data) {
    if (!info.dialog) {
      return;
    }

    info.dialog.remove();
    info.dialog = null;
    frames.delete(info.window);
    if (info.opener && frames.has(info.opener.window)) {
      info.opener.window.postMessage({ hostsim: 'ap', event: 'dialog.close', data: data }, cfg.appOrigin);
    }

    if (info.onClose) {
      info.onClose();
    }
  }

  function openEditor(macro) {
    return api('POST', '/frames', { module: 'macro-editor', pageId: cfg.pageId, macroId: macro ? macro.macroId : null }).then(function (r) {
      openDialog('editor-frame', r.title, r.url, {
        kind: 'editor',
        macroId: r.macroId,
        params: macro ? r.params : undefined,
        onClose: renderPlaceholders,
      });
    });
  }

  var handlers = {
    'context.getToken': function () {
      return api('POST', '/context-token', {}).then(function (r) { return r.token; });
    },
    'context.getContext': function (info) { return contextFor(info); },
    'request': function (info, args) { return apRequest(args[0]); },
    'resize': function (info, args) {
      if (!info.dialog) {
        var width = cssSize(args[0]);
        var height = cssSize(args[1]);
        if (width) { info.iframe.style.width = width; }
        if (height) { info.iframe.style.height = height; }
      }

      return null;
    },
    'sizeToParent': function (info) {
      if (!info.dialog) {
        info.iframe.style.width = '100%';
        info.iframe.style.height = Math.max(200, window.innerHeight - info.iframe.getBoundingClientRect().top - 16) + 'px';
      }

      return null;
    },
    'confluence.getMacroData': function (info) { return info.params; },
    'confluence.saveMacro': function (info, args) {
      if (info.kind !== 'editor') {
        throw new Error('saveMacro is for the macro editor.');
      }

      var params = {};
      Object.keys(args[0] || {}).forEach(function (name) {
        if (args[0][name] !== undefined && args[0][name] !== null) {
          params[name] = String(args[0][name]);
        }
      });
      // Confluence applies the saved parameters before the editor closes: closeMacroEditor waits for this.
      info.saving = api('PUT', '/pages/' + encodeURIComponent(cfg.pageId) + '/macros/' + encodeURIComponent(info.macroId), { params: params })
        .then(function () { info.params = params; return null; });
      return info.saving;
    },
    'confluence.closeMacroEditor': function (info) {
      return Promise.resolve(info.saving).catch(function () { return null; }).then(function () { closeDialog(info, undefined); return null; });
    },
    'dialog.create': function (info, args) {
      var options = args[0] || {};
      return api('POST', '/frames', { module: 'dialog', key: options.key, issueKey: cfg.issueKey, pageId: cfg.pageId }).then(function (r) {
        openDialog('dialog-frame', r.title, r.url, { kind: 'dialog', customData: options.customData, opener: info });
        return null;
      });
    },
    'dialog.close': function (info, args) { closeDialog(info, args[0]); return null; },
    'dialog.getCustomData': function (info) { return info.customData; },
    'navigator.reload': function () { setTimeout(function () { location.reload(); }, 0); return null; },
    // AP.navigator.go: this page's view or editor ('contentview' / 'contentedit' with its contentId); other targets are refused.
    'navigator.go': function (info, args) {
      var target = args[0];
      var context = args[1] || {};
      if ((target !== 'contentview' && target !== 'contentedit') || String(context.contentId) !== String(cfg.pageId)) {
        throw new Error('navigator.go: only contentview/contentedit of this page (contentId ' + cfg.pageId + ') lead to a sandbox page.');
      }

      var url = new URL(location.href);
      if (target === 'contentedit') {
        url.searchParams.set('edit', '1');
      } else {
        url.searchParams.delete('edit');
      }

      setTimeout(function () { location.assign(url.toString()); }, 0);
      return null;
    },
  };

  window.addEventListener('message', function (event) {
    var info = frames.get(event.source);
    if (!info || event.origin !== cfg.appOrigin) {
      return;
    }

    var m = event.data;
    if (m && m.hostsim === 'ap' && m.hello === true) {
      event.source.postMessage({ hostsim: 'ap', welcome: true }, cfg.appOrigin); // the frame's handshake (see all.js)
      return;
    }

    if (!m || m.hostsim !== 'ap' || typeof m.id !== 'number' || typeof m.call !== 'string') {
      return;
    }

    var source = event.source;
    Promise.resolve().then(function () {
      if (!Object.prototype.hasOwnProperty.call(handlers, m.call)) {
        throw new Error('HostSim does not implement AP call ' + m.call + '.');
      }

      return handlers[m.call](info, Array.isArray(m.args) ? m.args : []);
    }).then(function (value) {
      var transfer = value && value.body instanceof ArrayBuffer ? [value.body] : [];
      source.postMessage({ hostsim: 'ap', reply: m.id, ok: true, value: value }, cfg.appOrigin, transfer);
    }, function (e) {
      source.postMessage({ hostsim: 'ap', reply: m.id, ok: false, error: { message: String((e && e.message) || e) } }, cfg.appOrigin);
    });
  });

  /* Confluence edit mode: placeholders with "Edit diagram", "Insert diagram", "Publish". */
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
        edit.addEventListener('click', function () { openEditor(macro).catch(report); });
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
  // ?edit=1: the page opens in edit mode (where navigating to the page's editor leads, e.g. from the viewer's full view).
  if (new URLSearchParams(location.search).get('edit') === '1') {
    body.classList.add('editing');
    renderPlaceholders().catch(report);
  }
  onClick('insert-diagram', function () { return openEditor(null); });
  onClick('page-publish', function () {
    return api('POST', '/pages/' + encodeURIComponent(cfg.pageId) + '/publish', {}).then(function () { location.reload(); });
  });
})();

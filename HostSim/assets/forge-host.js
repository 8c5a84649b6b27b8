/*
 * The host side of HostSim's Forge bridge (the frames' side and the message format: the CDN's /__hostsim/forge-bridge.js).
 * Runs on the Forge-mode sandbox pages: takes messages only from its own Custom UI frames and only from the CDN origin,
 * answers each callBridge name @forge/bridge 7.x uses (see `handlers`), and refuses any other with an error the frame
 * logs. Product requests (requestConfluence/requestJira) run here as the signed-in sandbox user (session cookie, the
 * same REST endpoints AP.request reaches: /_sim/forge-product.js); invokeRemote goes to HostSim
 * (/sandbox/{site}/api/forge/invoke), which mints the FIT and calls the app as Forge does. The dialogs and the Confluence
 * edit mode are /_sim/forge-page.js. Both load before this script.
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

  var page = window.HostSimForgePage({ cfg: cfg, api: api, register: register, frames: frames });

  function refuse(message) {
    throw new Error(message);
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
      .then(function () { later(function () { page.closeDialog(info, undefined); }); return true; });
  }

  function close(info, payload) {
    if (!info.closable) {
      return false;
    }

    later(function () { page.closeDialog(info, payload); });
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

    var result = new URL(url, location.origin);
    if (t.target === 'contentEdit') {
      result.searchParams.set('edit', '1'); // the sandbox page in edit mode
    }

    return result.toString();
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
    page.openDialog('modal-frame', p.title || 'Secure Diagrams', url, { context: context, closable: true, opener: info, modalId: p.modalId });
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
    fetchProduct: function (info, p) { return window.HostSimForgeProduct.request(cfg, p); },
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
    } else if (typeof m.closeReady === 'number') {
      page.closeReady(m.closeReady);
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

})();

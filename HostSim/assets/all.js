/*
 * HostSim's stand-in for Atlassian's all.js: window.AP for an app iframe hosted by a HostSim sandbox page.
 * Every call is a postMessage to window.parent, sent only to the HostSim origin below (embedded when served),
 * and answered by the host page (/_sim/host.js); replies are taken only from the parent window at that origin.
 *
 * Frame -> host:  {hostsim: "ap", id: <number>, call: "<name>", args: [...]}
 * Handshake:      {hostsim: "ap", hello: true} every 100 ms until the host answers {hostsim: "ap", welcome: true}; calls wait
 *                 for it. (The app frame is another origin, so its script can run before the host page's listener exists:
 *                 a call sent then would be lost and wait forever.)
 * Host -> frame:  {hostsim: "ap", reply: <id>, ok: true, value: ...} | {hostsim: "ap", reply: <id>, ok: false, error: {message}}
 *                 {hostsim: "ap", event: "<name>", data: ...}   (e.g. "dialog.close" to the frame that opened the dialog)
 */
(function () {
  'use strict';

  var HOST_ORIGIN = "__HOSTSIM_ORIGIN__";
  if (window.AP && window.AP.hostsim) {
    return;
  }

  var pending = {};
  var nextId = 1;
  var listeners = {};

  function noop() {}

  var welcomed = null;
  var welcome = noop;

  function hostReady() {
    if (!welcomed) {
      welcomed = new Promise(function (resolve, reject) {
        var tries = 0;
        welcome = resolve;
        (function hello() {
          if (welcome === noop) {
            return;
          }

          try {
            window.parent.postMessage({ hostsim: 'ap', hello: true }, HOST_ORIGIN);
          } catch (e) {
            // The host page is not there yet; try again.
          }

          if (++tries < 600) {
            setTimeout(hello, 100);
          } else {
            reject(new Error('AP: the host page did not answer within 60 s.'));
          }
        })();
      });
    }

    return welcomed;
  }

  function send(call, args) {
    if (window.parent === window) {
      return Promise.reject(new Error('AP: this page is not inside a host page.'));
    }

    return hostReady().then(function () { return post(call, args); });
  }

  function post(call, args) {
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      try {
        window.parent.postMessage({ hostsim: 'ap', id: id, call: call, args: args || [] }, HOST_ORIGIN);
      } catch (e) {
        delete pending[id];
        reject(e);
      }
    });
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== HOST_ORIGIN) {
      return;
    }

    var m = event.data;
    if (!m || m.hostsim !== 'ap') {
      return;
    }

    if (m.welcome === true) {
      var done = welcome;
      welcome = noop;
      done();
    } else if (typeof m.reply === 'number') {
      var p = pending[m.reply];
      if (!p) {
        return;
      }

      delete pending[m.reply];
      if (m.ok) {
        p.resolve(m.value);
      } else {
        p.reject(m.error || { message: 'AP call failed' });
      }
    } else if (typeof m.event === 'string') {
      emit(m.event, m.data);
    }
  });

  function emit(name, data) {
    (listeners[name] || []).slice().forEach(function (cb) {
      try {
        cb(data);
      } catch (e) {
        setTimeout(function () { throw e; });
      }
    });
  }

  function on(name, cb) {
    if (typeof cb !== 'function') {
      return noop;
    }

    (listeners[name] = listeners[name] || []).push(cb);
    return function () { off(name, cb); };
  }

  function off(name, cb) {
    listeners[name] = (listeners[name] || []).filter(function (l) { return l !== cb; });
  }

  function withCallback(promise, cb) {
    if (typeof cb === 'function') {
      promise.then(function (value) { cb(value); }, noop);
    }

    return promise;
  }

  function makeXhr(r) {
    var headers = (r && r.headers) || {};
    return {
      status: r ? r.status : 0,
      statusText: (r && r.statusText) || '',
      responseText: r && typeof r.body === 'string' ? r.body : '',
      response: r ? r.body : undefined,
      getResponseHeader: function (name) {
        var v = headers[String(name).toLowerCase()];
        return v === undefined ? null : v;
      },
      getAllResponseHeaders: function () {
        return Object.keys(headers).map(function (k) { return k + ': ' + headers[k]; }).join('\r\n');
      },
    };
  }

  function plainHeaders(headers) {
    var out = {};
    Object.keys(headers || {}).forEach(function (k) {
      if (typeof headers[k] === 'string') {
        out[k] = headers[k];
      }
    });
    return out;
  }

  /* AP.request(options) or AP.request(url, options): resolves {body, xhr}; rejects {xhr, err} on status >= 400. */
  function request(urlOrOptions, maybeOptions) {
    var o = typeof urlOrOptions === 'string'
      ? Object.assign({}, maybeOptions || {}, { url: urlOrOptions })
      : Object.assign({}, urlOrOptions || {});
    var args = {
      url: o.url,
      type: o.type || 'GET',
      data: o.data,
      contentType: o.contentType,
      headers: plainHeaders(o.headers),
      binaryAttachment: !!o.binaryAttachment,
    };

    function fail(xhr, err) {
      var failure = { xhr: xhr, err: err };
      if (typeof o.error === 'function') {
        o.error(xhr, 'error', err);
      }

      throw failure;
    }

    return send('request', [args]).then(function (r) {
      var xhr = makeXhr(r);
      if (!r || r.status >= 400 || r.status === 0) {
        return fail(xhr, (r && r.statusText) || ('HTTP ' + (r ? r.status : 0)));
      }

      if (typeof o.success === 'function') {
        o.success(r.body, 'success', xhr);
      }

      return { body: r.body, xhr: xhr };
    }, function (e) {
      return fail(makeXhr(null), (e && e.message) || String(e));
    });
  }

  function contentHeight() {
    var d = document.documentElement;
    var b = document.body;
    return Math.max(d.scrollHeight, d.offsetHeight, b ? b.scrollHeight : 0, b ? b.offsetHeight : 0);
  }

  var AP = {
    hostsim: true,
    context: {
      getToken: function (cb) { return withCallback(send('context.getToken'), cb); },
      getContext: function (cb) { return withCallback(send('context.getContext'), cb); },
    },
    request: request,
    resize: function (width, height) {
      var w = width === undefined || width === null ? '100%' : String(width);
      var h = height === undefined || height === null ? contentHeight() + 'px' : String(height);
      return send('resize', [w, h]).catch(noop);
    },
    sizeToParent: function () { return send('sizeToParent').catch(noop); },
    confluence: {
      getMacroData: function (cb) { return withCallback(send('confluence.getMacroData'), cb); },
      saveMacro: function (params) { return send('confluence.saveMacro', [params || {}]); },
      closeMacroEditor: function () { return send('confluence.closeMacroEditor'); },
    },
    dialog: {
      /* Opens the descriptor's dialog module `key` full screen; the returned dialog's on('close', cb) and
         AP.events.on('dialog.close', cb) receive the data the dialog passes to AP.dialog.close(data). */
      create: function (options) {
        var o = options || {};
        var closeCallbacks = [];
        var stop = on('dialog.close', function (data) {
          stop();
          closeCallbacks.forEach(function (cb) { cb(data); });
        });
        send('dialog.create', [{ key: o.key, customData: o.customData, size: o.size, chrome: o.chrome }]).catch(function (e) {
          stop();
          console.error('AP.dialog.create failed', e);
        });
        var dialog = {
          on: function (name, cb) {
            if (name === 'close' && typeof cb === 'function') {
              closeCallbacks.push(cb);
            }

            return dialog;
          },
        };
        return dialog;
      },
      close: function (data) { return send('dialog.close', [data]); },
      getCustomData: function (cb) { return withCallback(send('dialog.getCustomData'), cb); },
    },
    events: {
      on: function (name, cb) { on(name, cb); },
      once: function (name, cb) {
        var stop = on(name, function (data) { stop(); cb(data); });
      },
      off: off,
    },
    navigator: {
      reload: function () { return send('navigator.reload').catch(noop); },
      go: function (target, context) { return send('navigator.go', [target, context]); },
    },
  };

  window.AP = AP;
})();

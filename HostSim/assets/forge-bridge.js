/*
 * HostSim's stand-in for the script Forge's Custom UI iframe provides: window.__bridge.callBridge(name, payload), the one
 * function @forge/bridge calls (its modules read window.__bridge when they load, so this script runs first: the CDN
 * puts it before the resource's own scripts). Calls go by postMessage to the sandbox page that frames this resource
 * (/_sim/forge-host.js), which answers them; only that parent window, at one of the origins below (embedded when served),
 * is talked to and listened to. The page's origin is the referrer's, as @forge/bridge itself reads it.
 *
 * Frame -> host:  {hostsim: "forge", id, call, payload}; {hostsim: "forge", hello: true} until {hostsim: "forge", welcome: true}
 *                 {hostsim: "forge", size: {height}} (auto-resize, as Forge's iframe-resizer does); {hostsim: "forge", closeReady: id}
 * Host -> frame:  {hostsim: "forge", reply: id, ok: true, value} | {hostsim: "forge", reply: id, ok: false, error: {message, unknown?}}
 *                 {hostsim: "forge", event, payload} (events.emit of another frame); {hostsim: "forge", modalClosed: id, payload};
 *                 {hostsim: "forge", beforeClose: id} (run view.onClose callbacks, then answer closeReady)
 * Calls that carry functions (events.on, view.onClose, Modal's onClose) or return one (view.createHistory) are kept here;
 * any other name this sandbox does not implement is refused here, with an error in the console.
 */
(function () {
  'use strict';

  var HOST_ORIGINS = "__HOSTSIM_HOST_ORIGINS__";
  if (window.__bridge) {
    return;
  }

  var FORWARDED = ['getContext', 'fetchProduct', 'invoke', 'submit', 'close', 'open', 'refresh', 'changeWindowTitle', 'enableTheming',
    'emitReadyEvent', 'navigate', 'getUrl', 'reload', 'emit', 'closeFlag'];
  var hostOrigin = null;
  try {
    hostOrigin = new URL(document.referrer).origin;
  } catch (e) {
    hostOrigin = null;
  }

  var framed = window.parent !== window && HOST_ORIGINS.indexOf(hostOrigin) >= 0;
  var pending = {};
  var nextId = 1;
  var subscriptions = {};
  var closeCallbacks = [];
  var modals = {};
  var welcome = null;
  var welcomed = null;

  function fail(message, log) {
    var error = new Error('HostSim Forge bridge: ' + message);
    if (log) {
      console.error(error.message);
    }

    return Promise.reject(error);
  }

  function hostReady() {
    if (!welcomed) {
      welcomed = new Promise(function (resolve, reject) {
        var tries = 0;
        welcome = resolve;
        (function hello() {
          if (!welcome) {
            return;
          }

          window.parent.postMessage({ hostsim: 'forge', hello: true }, hostOrigin);
          if (++tries < 600) {
            setTimeout(hello, 100);
          } else {
            reject(new Error('HostSim Forge bridge: the sandbox page did not answer within 60 s.'));
          }
        })();
      });
    }

    return welcomed;
  }

  function send(call, payload) {
    if (!framed) {
      return fail('this resource is not framed by a HostSim sandbox page (referrer origin ' + hostOrigin + '), so callBridge("' + call + '") has no host.', true);
    }

    return hostReady().then(function () {
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        pending[id] = { resolve: resolve, reject: reject, call: call };
        try {
          window.parent.postMessage({ hostsim: 'forge', id: id, call: call, payload: payload }, hostOrigin);
        } catch (e) {
          delete pending[id];
          reject(new Error('HostSim Forge bridge: callBridge("' + call + '") payload cannot be sent (' + e.message + ').'));
        }
      });
    });
  }

  function post(message) {
    if (framed) {
      window.parent.postMessage(message, hostOrigin);
    }
  }

  window.addEventListener('message', function (event) {
    var m = event.data;
    if (event.source !== window.parent || event.origin !== hostOrigin || !m || m.hostsim !== 'forge') {
      return;
    }

    if (m.welcome === true && welcome) {
      var done = welcome;
      welcome = null;
      done();
    } else if (typeof m.reply === 'number' && pending[m.reply]) {
      var p = pending[m.reply];
      delete pending[m.reply];
      if (m.ok) {
        p.resolve(m.value);
      } else {
        if (m.error && m.error.unknown) {
          console.error('HostSim Forge bridge: ' + m.error.message);
        }

        p.reject(new Error((m.error && m.error.message) || 'callBridge("' + p.call + '") failed'));
      }
    } else if (typeof m.event === 'string') {
      (subscriptions[m.event] || []).slice().forEach(function (cb) {
        Promise.resolve().then(function () { return cb(m.payload); }).catch(function (e) { setTimeout(function () { throw e; }); });
      });
    } else if (typeof m.modalClosed === 'string' && modals[m.modalClosed]) {
      var onClose = modals[m.modalClosed];
      delete modals[m.modalClosed];
      onClose(m.payload);
    } else if (typeof m.beforeClose === 'number') {
      Promise.all(closeCallbacks.map(function (cb) { return Promise.resolve().then(cb).catch(function (e) { console.error(e); }); }))
        .then(function () { post({ hostsim: 'forge', closeReady: m.beforeClose }); });
    }
  });

  /* view.createHistory: an in-memory history (history v4's API, which @forge/bridge types), no host involved. */
  function createHistory() {
    var listeners = [];
    var entries = [{ pathname: '/', search: '', hash: '', state: undefined, key: 'initial' }];
    var index = 0;
    function parse(to, state) {
      if (typeof to !== 'string') {
        return { pathname: to.pathname || '/', search: to.search || '', hash: to.hash || '', state: to.state !== undefined ? to.state : state, key: String(Date.now()) };
      }

      var url = new URL(to, 'http://history' + entries[index].pathname);
      return { pathname: url.pathname, search: url.search, hash: url.hash, state: state, key: String(Date.now()) };
    }

    function notify(action) {
      history.action = action;
      history.location = entries[index];
      history.length = entries.length;
      listeners.slice().forEach(function (cb) { cb(entries[index], action); });
    }

    var history = {
      action: 'POP',
      location: entries[0],
      length: 1,
      push: function (to, state) { entries = entries.slice(0, index + 1).concat([parse(to, state)]); index++; notify('PUSH'); },
      replace: function (to, state) { entries[index] = parse(to, state); notify('REPLACE'); },
      go: function (n) { var next = Math.max(0, Math.min(entries.length - 1, index + n)); if (next !== index) { index = next; notify('POP'); } },
      goBack: function () { history.go(-1); },
      goForward: function () { history.go(1); },
      back: function () { history.go(-1); },
      forward: function () { history.go(1); },
      block: function () { return function () {}; },
      createHref: function (to) { var l = typeof to === 'string' ? parse(to) : to; return (l.pathname || '/') + (l.search || '') + (l.hash || ''); },
      listen: function (cb) {
        listeners.push(cb);
        return function () { listeners = listeners.filter(function (l) { return l !== cb; }); };
      },
    };
    return history;
  }

  var local = {
    /* events.on({event, callback}): a Subscription; events other frames emit arrive as {event, payload}. */
    on: function (payload) {
      if (!payload || typeof payload.event !== 'string' || typeof payload.callback !== 'function') {
        return fail('events.on needs an event name and a callback.');
      }

      var list = subscriptions[payload.event] = subscriptions[payload.event] || [];
      list.push(payload.callback);
      return { unsubscribe: function () { subscriptions[payload.event] = list.filter(function (cb) { return cb !== payload.callback; }); } };
    },
    createHistory: createHistory,
    /* view.onClose(callback): true where the view can be closed (a dialog or modal); the callback runs before it closes. */
    onClose: function (callback) {
      if (typeof callback !== 'function') {
        return fail('view.onClose needs a function.');
      }

      return send('onClose', null).then(function (closable) {
        if (closable) {
          closeCallbacks.push(callback);
        }

        return closable;
      });
    },
    /* new Modal(...).open(): the resource opens in a dialog on the page; onClose gets what the modal passes to view.close(). */
    openModal: function (payload) {
      var options = Object.assign({}, payload || {});
      var onClose = typeof options.onClose === 'function' ? options.onClose : function () {};
      var id = 'modal-' + (nextId++);
      delete options.onClose;
      options.modalId = id;
      modals[id] = onClose;
      return send('openModal', options).catch(function (e) { delete modals[id]; throw e; });
    },
    /* showFlag: a flag's action buttons hold functions, which cannot cross to the page: they are left off. */
    showFlag: function (payload) {
      var options = Object.assign({}, payload || {});
      if (Array.isArray(options.actions) && options.actions.length > 0) {
        console.warn('HostSim Forge bridge: flag actions are not shown in the sandbox.');
      }

      delete options.actions;
      return send('showFlag', options);
    },
  };

  function callBridge(name, payload) {
    if (Object.prototype.hasOwnProperty.call(local, name)) {
      try {
        return Promise.resolve(local[name](payload));
      } catch (e) {
        return Promise.reject(e);
      }
    }

    if (FORWARDED.indexOf(name) < 0) {
      return fail('callBridge("' + name + '") is not implemented by the sandbox (it answers ' + FORWARDED.concat(Object.keys(local)).sort().join(', ') + ').', true);
    }

    return send(name, payload);
  }

  /* Auto-resize for modules without a viewportSize (Forge does this with iframe-resizer): the host applies it to inline frames only. */
  if (framed && typeof ResizeObserver === 'function') {
    var last = -1;
    var report = function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height); // the root's box: the content, margins included
      if (height !== last) {
        last = height;
        post({ hostsim: 'forge', size: { height: height } });
      }
    };
    var start = function () {
      hostReady().then(function () {
        new ResizeObserver(report).observe(document.documentElement);
        report();
      }, function () {});
    };
    if (document.body) {
      start();
    } else {
      document.addEventListener('DOMContentLoaded', start);
    }
  }

  window.__bridge = { callBridge: callBridge };
})();

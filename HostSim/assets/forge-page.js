/*
 * The Forge sandbox pages' own UI, for /_sim/forge-host.js: full-screen dialogs (the macro config editor, modals) with
 * their Close button (which runs the frame's view.onClose callbacks first, at most 5 s), and the Confluence edit mode
 * (placeholders with "Edit diagram", "Insert diagram", "Publish", as on the Connect pages).
 */
window.HostSimForgePage = function (host) {
  'use strict';

  var cfg = host.cfg;
  var api = host.api;
  var body = document.body;
  var closeWaits = {};
  var nextWait = 1;

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
    host.register(iframe, info);
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
    host.frames.delete(info.window);
    if (info.opener && host.frames.has(info.opener.window) && info.modalId) {
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
  // ?edit=1: the page opens in edit mode (where navigating to the page's editor leads, e.g. from the viewer's full view).
  if (new URLSearchParams(location.search).get('edit') === '1') {
    body.classList.add('editing');
    renderPlaceholders().catch(report);
  }
  onClick('insert-diagram', function () { return openEditor(null); });
  onClick('page-publish', function () {
    return api('POST', '/pages/' + encodeURIComponent(cfg.pageId) + '/publish', {}).then(function () { location.reload(); });
  });
  return {
    openDialog: openDialog,
    closeDialog: closeDialog,
    closeReady: function (id) {
      if (closeWaits[id]) {
        closeWaits[id]();
      }
    },
  };
};

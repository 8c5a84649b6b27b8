// The test resource of HostSim's Forge sandbox: the real @forge/bridge, loaded as an app's Custom UI loads it, exposed as
// window.forgeBridge so the browser tests can make each call and check what HostSim and App really answer.
// window.probe holds what the tests need besides: CSP checks (an inline script and eval, both of which Forge's CSP refuses).
import * as bridge from '@forge/bridge';

window.forgeBridge = bridge;

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition });
});

window.probe = {
  violations,
  /** Adds an inline script to the document; it runs only if the CSP allows inline script. */
  tryInline() {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.head.append(script);
    return new Promise((resolve) => setTimeout(() => resolve(window.inlineRan === true), 200));
  },
  /** eval of a string, from a task of the page's own (not inside a DevTools evaluation): refused unless the CSP has 'unsafe-eval'. */
  tryEval() {
    return new Promise((resolve) => setTimeout(() => {
      try {
        resolve({ ran: (0, eval)('1 + 1') === 2 });
      } catch (e) {
        resolve({ ran: false, error: e.name });
      }
    }, 0));
  },
};

bridge.view.getContext().then((context) => {
  document.querySelector('[data-testid=probe-module]').textContent = `${context.moduleKey} (${context.extension.type})`;
  document.body.dataset.ready = 'true';
}, (e) => {
  document.querySelector('[data-testid=probe-module]').textContent = `getContext failed: ${e.message}`;
});

/* iframe-worker 1.0.4's inline iframe script (shim/index.js), as a file: the site's Content Security Policy
 * forbids inline scripts, and the worker's iframe inherits that policy. shim-csp.js loads this file into the
 * iframe with the worker's address in data-worker; the functions are the shim's own. MIT licence (LICENSE). */
(function () {
  "use strict";
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function c(s, n) { parent.postMessage(s, n || "*"); };
  window.importScripts = function d(...s) {
    return s.reduce((n, e) => n.then(() => new Promise(r => { let t = document.createElement("script"); t.src = e, t.onload = r, document.body.appendChild(t); })), Promise.resolve());
  };
  addEventListener("error", ({ error }) => { parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error })); });
})();

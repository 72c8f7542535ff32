/* "Showing results for ...": tells the reader when search corrected a misspelt word.
 *
 * The search worker wrapper (search-worker.js) replaces a query word that matches nothing
 * by the closest word of the site's vocabulary ("verteboplasty" -> "vertebroplasty"), and
 * adds the query it searched for to that query's result message as `corrected`. This
 * script listens to the same worker as Material does: it wraps the Worker constructor
 * (the browser's, or the iframe-worker shim's from file://) before Material's bundle
 * starts its worker (overrides/main.html loads it just before the bundle, which does so
 * as it runs), and fills the line that overrides/partials/search.html puts
 * between Material's result count and the result list. That line sits in a polite live
 * region, so screen readers announce it with the results. No network, no inline script.
 * It also keeps Material from rendering results the reader has already typed past.
 */
(function () {
  "use strict";
  var QUERY = 2;
  var RESULT = 3;
  var Native = window.Worker;
  if (typeof Native !== "function") return;

  function show(event) {
    var message = event.data;
    if (!message || message.type !== RESULT) return;
    var line = document.querySelector(".search-correction__line");
    var query = line && line.querySelector(".search-correction__query");
    if (!query) return;
    var data = message.data || {};
    var corrected = (data.items || []).length ? data.corrected || "" : "";
    if (query.textContent !== corrected) query.textContent = corrected;
    line.hidden = !corrected;
  }

  // Results the reader has typed past are dropped before Material renders them: the
  // page asks once per keystroke, and on a slow phone rendering every answer in turn
  // (each a list of up to 60 pages) kept the newest one waiting for a second in a freshly
  // opened tab. The worker wrapper says which query each result answers (`query`); only
  // the answer to the query sent last goes on to Material (and to `show`).
  function Worker(url, options) {
    var worker = new Native(url, options);
    if (!/search-worker\.js/.test(String(url))) return worker;
    var sent = null;
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === QUERY) sent = message.data;
      return post.apply(worker, arguments);
    };
    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === RESULT && message.data && "query" in message.data &&
          message.data.query !== sent) {
        event.stopImmediatePropagation();
        return;
      }
      show(event);
    });
    return worker;
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();

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
 */
(function () {
  "use strict";
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

  function Worker(url, options) {
    var worker = new Native(url, options);
    if (/search-worker\.js/.test(String(url))) worker.addEventListener("message", show);
    return worker;
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();

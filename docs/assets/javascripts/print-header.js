/* Running header and footer on every printed sheet (print.css `@page` margin boxes):
 * the page title, its address and its review date, copied from the print-meta block
 * (overrides/partials/print-meta.html) into custom properties on the root element, which
 * the page margin boxes inherit. No request, no inline script (the CSP allows neither). */
(function () {
  "use strict";
  var meta = document.querySelector(".print-meta");
  if (!meta) return;
  function cssString(text) {
    return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\n\r]/g, " ") + '"';
  }
  var root = document.documentElement.style;
  root.setProperty("--act-print-title", cssString(meta.dataset.printTitle || ""));
  root.setProperty("--act-print-address", cssString(meta.dataset.printAddress || ""));
  root.setProperty("--act-print-reviewed", cssString(meta.dataset.printReviewed || ""));
})();

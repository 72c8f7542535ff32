/* Keyboard and screen-reader access to diagrams in GLightbox (mkdocs-glightbox 0.5.3).
 *
 * - GLightbox opens its dialog without moving focus into it and closes it without giving
 *   focus back, leaving a keyboard user behind the overlay. When the dialog appears,
 *   focus its close button; when it goes, return focus to the link that opened it.
 * - The enlarged image gets alt="" (so screen readers skip it) unless the link carries
 *   `data-alt`: copy each diagram's alt text onto its link before GLightbox starts
 *   (this file loads before glightbox's start-up script).
 * - The dialog has no accessible name: give it one.
 * - GLightbox's stylesheet is only needed once a diagram opens: link it from here, beside
 *   this file's own address, so it never holds up the first paint (hooks/act/glightbox.py
 *   takes its <link> out of the page).
 */
(function () {
  "use strict";
  var opener = null;
  var open = false;

  var self = document.currentScript && document.currentScript.src;
  if (self && /\/javascripts\/lightbox-access\.js$/.test(self.split(/[?#]/)[0])) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = self.split(/[?#]/)[0].replace(/javascripts\/lightbox-access\.js$/, "stylesheets/glightbox.min.css");
    document.head.appendChild(sheet);
  }

  document.querySelectorAll("a.glightbox").forEach(function (link) {
    var img = link.querySelector("img");
    if (img && img.alt && !link.dataset.alt) link.dataset.alt = img.alt;
  });

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.glightbox") : null;
    if (link) opener = link;
  }, true);

  new MutationObserver(function () {
    var dialog = document.querySelector(".glightbox-container");
    if (dialog && !open) {
      open = true;
      dialog.setAttribute("aria-label", "Diagram, enlarged");
      dialog.setAttribute("aria-modal", "true");
      var close = dialog.querySelector(".gclose");
      if (close) close.focus();
    } else if (!dialog && open) {
      open = false;
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    }
  }).observe(document.body, { childList: true });
})();

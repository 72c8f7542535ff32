/* Keyboard access to diagrams. GLightbox (from mkdocs-glightbox 0.5.3) opens its dialog
 * without moving focus into it and closes it without giving focus back, so a keyboard
 * user is left behind the overlay. When the dialog appears, focus its close button;
 * when it goes, return focus to the diagram link that opened it. */
(function () {
  "use strict";
  var opener = null;
  var open = false;

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.glightbox") : null;
    if (link) opener = link;
  }, true);

  new MutationObserver(function () {
    var dialog = document.querySelector(".glightbox-container");
    if (dialog && !open) {
      open = true;
      var close = dialog.querySelector(".gclose");
      if (close) close.focus();
    } else if (!dialog && open) {
      open = false;
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    }
  }).observe(document.body, { childList: true });
})();

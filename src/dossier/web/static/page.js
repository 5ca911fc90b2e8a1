// Small page helpers (no inline scripts: the Content-Security-Policy forbids them).
// "Print" links open the browser's print dialog; the print style sheet does the rest.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (link) {
    link.addEventListener("click", function (evt) { evt.preventDefault(); window.print(); });
  });
})();

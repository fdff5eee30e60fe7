// The certificate's print button and progress bar, from a file rather than inline
// markup: the Content-Security-Policy allows no inline script or style attribute.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("[data-progress]").forEach(function (bar) {
    bar.style.inlineSize = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0)) + "%";
  });
})();

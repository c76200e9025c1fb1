// Events forms: move focus to the error summary, and show the price only for paid events.
// The form works fully without this script.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }

    var free = document.getElementById("id_is_free");
    var price = document.getElementById("event-price");
    if (free && price) {
      var sync = function () { price.setAttribute("data-hidden", free.checked ? "true" : "false"); };
      if (!price.querySelector(".is-invalid")) {
        free.addEventListener("change", sync);
        sync();
      }
    }
  });
})();

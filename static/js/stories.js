/* Stories: small enhancements; the form works fully without them. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }

    // The name to show is only asked for when a name will be shown.
    var nameField = document.getElementById("div_id_name");
    var choices = document.querySelectorAll("input[name='display_choice']");
    function syncName() {
      var chosen = document.querySelector("input[name='display_choice']:checked");
      if (nameField) { nameField.hidden = !!chosen && chosen.value === "anonymous"; }
    }
    Array.prototype.forEach.call(choices, function (input) { input.addEventListener("change", syncName); });
    syncName();
  });
})();

/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");

  // Keep the home page countdown right when a page stays open past midnight.
  function updateCountdowns() {
    var nodes = document.querySelectorAll("[data-countdown]");
    nodes.forEach(function (node) {
      var parts = node.getAttribute("data-countdown").split("-");
      var day = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
      var now = new Date();
      var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      var days = Math.round((day - today) / 86400000);
      var text = days > 1 ? "In " + days + " days" : days === 1 ? "Tomorrow" : days === 0 ? "Today is the Day" : null;
      var value = node.querySelector(".countdown__value");
      if (text && value && value.textContent !== text) { value.textContent = text; }
    });
  }
  updateCountdowns();
  window.setInterval(updateCountdowns, 60000);

  // Filter panels fold into a disclosure on phones, so results come first; on a wide
  // screen there is room, so they start open. Without this script they start folded.
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) { details.open = true; });
  }

  // "Copy link" under share links: shown only where the browser can copy.
  if (navigator.clipboard) {
    document.querySelectorAll(".share__copy-button[hidden]").forEach(function (button) { button.hidden = false; });
  }

  // Copy buttons: <button data-copy-target="id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(target.value || target.textContent.trim()).then(function () {
      var status = button.parentElement.querySelector("[data-copy-status]");
      if (status) { status.textContent = "Copied"; }
    });
  });
})();

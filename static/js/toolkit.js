/* Progressive enhancement for the toolkit: the page works without it.
   - Copy buttons: shown only where the clipboard can be used; site.js does the copying
     (<button data-copy-target="id">), so the suggested post stays visible text for everyone.
   - Character counts on the graphic maker's fields. */
(function () {
  "use strict";

  if (navigator.clipboard && window.isSecureContext !== false) {
    document.querySelectorAll(".toolkit-copy__button[data-copy-target][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".toolkit-copy__button");
    if (!button) { return; }
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (status) { status.textContent = ""; }
  }, true);

  document.querySelectorAll(".toolkit-make__form textarea[maxlength], .toolkit-make__form input[type=text][maxlength]").forEach(function (field) {
    var limit = Number(field.getAttribute("maxlength"));
    if (!limit) { return; }
    var counter = document.createElement("span");
    counter.className = "toolkit-counter";
    counter.id = field.id + "-counter";
    field.insertAdjacentElement("afterend", counter);
    var describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    describedBy.push(counter.id);
    field.setAttribute("aria-describedby", describedBy.join(" "));
    function update() {
      var left = limit - field.value.length;
      counter.textContent = left + (left === 1 ? " character" : " characters") + " left";
    }
    field.addEventListener("input", update);
    update();
  });
})();

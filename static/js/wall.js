/* The live wall: fetches wall.json every few seconds and updates the figures, the posts and
   the hourly line without a reload. When the network drops it says so, keeps the last
   figures on screen and tries again, waiting longer each time (up to two minutes). */
(function () {
  "use strict";
  var root = document.querySelector("[data-wall-poll]");
  if (!root || !window.fetch) { return; }
  var url = root.getAttribute("data-wall-poll");
  var fmt = new Intl.NumberFormat("en-GB");
  var status = root.querySelector("[data-wall-status]");
  var failures = 0;

  function interval() {
    var seconds = parseFloat(root.getAttribute("data-wall-interval")) || 15;
    var wait = Math.max(seconds, 0.5) * 1000;
    return failures ? Math.min(wait * Math.pow(2, failures), 120000) : wait;
  }

  function text(tag, className, value) {
    var el = document.createElement(tag);
    el.className = className;
    el.textContent = value;
    return el;
  }

  function updatePosts(posts) {
    var list = root.querySelector("[data-wall-posts]");
    if (!list) { return; }
    var known = {};
    Array.prototype.forEach.call(list.querySelectorAll("[data-wall-post]"), function (li) {
      known[li.getAttribute("data-wall-post")] = true;
    });
    var items = posts.map(function (post) {
      var li = document.createElement("li");
      li.className = "wall__post" + (known[String(post.id)] ? "" : " wall__post--new");
      li.setAttribute("data-wall-post", post.id);
      li.appendChild(text("p", "wall__post-text", post.text));
      li.appendChild(text("p", "wall__post-author", (post.author_name || post.author) + " · " + post.network));
      return li;
    });
    if (!items.length) { items = [text("li", "wall__post wall__post--empty", "Posts will appear here as they arrive.")]; }
    list.replaceChildren.apply(list, items);
  }

  function updateLine(hours) {
    var line = root.querySelector("[data-wall-line]");
    if (!line || !hours || !hours.length) { return; }
    var peak = Math.max.apply(null, hours) || 1;
    var step = 600 / Math.max(hours.length - 1, 1);
    line.setAttribute("points", hours.map(function (v, i) {
      return (i * step).toFixed(1) + "," + (120 - v / peak * 120).toFixed(1);
    }).join(" "));
  }

  function update(data) {
    Object.keys(data.figures).forEach(function (key) {
      var el = root.querySelector('[data-wall-figure="' + key + '"]');
      var value = data.figures[key] === null ? "–" : fmt.format(data.figures[key]);
      if (el && el.textContent !== value) { el.textContent = value; }
    });
    if (data.mode !== "figures") { updatePosts(data.posts); }
    updateLine(data.hours);
    var hoursTo = root.querySelector("[data-wall-hours-to]");
    if (hoursTo && data.hours_to) { hoursTo.textContent = data.hours_to.slice(11, 13) + ":00"; }
    if (status) {
      status.classList.remove("wall__status--offline");
      status.textContent = data.last_updated ? "Updated " + data.last_updated.slice(11, 16) + " UTC" : "";
    }
  }

  var lastPoll = Date.now();
  var busy = false;

  function poll() {
    busy = true;
    lastPoll = Date.now();
    fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { failures = 0; update(data); })
      .catch(function () {
        failures += 1;
        if (status) {
          status.classList.add("wall__status--offline");
          status.textContent = "Connection lost: showing the last figures, trying again…";
        }
      })
      .then(function () { busy = false; });
  }

  // Checked twice a second, so a changed interval (or a recovered network) takes effect at once.
  window.setInterval(function () {
    if (!busy && Date.now() - lastPoll >= interval()) { poll(); }
  }, 500);
  window.addEventListener("online", function () { failures = 0; lastPoll = 0; });
})();

/* Live reach: re-reads data.json every 30–60 s and updates the figures, the network table,
   the chart and the hourly table without a reload. The page works fully without it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-reach-poll]");
  if (!root || !window.fetch) { return; }
  var url = root.getAttribute("data-reach-poll");
  // The interval is read on every tick, so it can be changed while the page is open.
  function interval() {
    var seconds = parseFloat(root.getAttribute("data-reach-interval")) || 45;
    return Math.max(seconds, 0.5) * 1000 * (document.hidden ? 2 : 1);
  }
  var lastPoll = Date.now();
  var busy = false;
  var fmt = new Intl.NumberFormat("en-GB");
  var timeFmt = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London"
  });
  var status = root.querySelector("[data-reach-status]");
  var lastGenerated = null;

  function show(value) { return value === null || value === undefined ? "–" : fmt.format(value); }

  function setText(el, text) {
    if (el && el.textContent !== text) {
      el.textContent = text;
      var card = el.closest(".reach-figure");
      if (card) {
        card.classList.remove("reach-figure--changed");
        void card.offsetWidth;
        card.classList.add("reach-figure--changed");
      }
      return true;
    }
    return false;
  }

  function updateChart(data) {
    var series = (data.timeline && data.timeline.series) || [];
    if (!series.length) { return; }
    // Two drawings of one chart: the wide one and the phone's compact one.
    root.querySelectorAll("[data-reach-chart]").forEach(function (svg) { redrawChart(svg, series); });
    var current = series.filter(function (s) { return s.current; })[0];
    if (current) {
      current.posts.forEach(function (v, i) {
        var cell = root.querySelector('[data-timeline-cell="' + i + '"]');
        if (cell) { cell.textContent = show(v); }
      });
    }
  }

  function redrawChart(svg, series) {
    var left = parseFloat(svg.getAttribute("data-left"));
    var top = parseFloat(svg.getAttribute("data-top"));
    var w = parseFloat(svg.getAttribute("data-plot-w"));
    var h = parseFloat(svg.getAttribute("data-plot-h"));
    var peak = 0;
    series.forEach(function (s) { s.posts.forEach(function (v) { peak = Math.max(peak, v); }); });
    var scale = niceCeiling(peak);
    series.forEach(function (s) {
      var line = svg.querySelector('[data-series-year="' + s.year + '"]');
      if (!line) { return; }
      var n = Math.max(s.posts.length - 1, 1);
      var points = s.posts.map(function (v, i) {
        var y = top + h - (scale ? v / scale * h : 0);
        return (left + i * w / n).toFixed(1) + "," + y.toFixed(1);
      }).join(" ");
      line.setAttribute("points", points);
    });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f, i) {
      var tick = svg.querySelector('[data-tick="' + i + '"]');
      if (tick) { tick.textContent = String(Math.floor(scale * f)); }
    });
  }

  function niceCeiling(value) {
    if (value <= 0) { return 0; }
    var magnitude = Math.pow(10, String(Math.floor(value)).length - 1);
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * magnitude) { return Math.floor(steps[i] * magnitude); }
    }
    return 10 * magnitude;
  }

  function apply(data) {
    var changed = false;
    Object.keys(data.totals || {}).forEach(function (key) {
      root.querySelectorAll('[data-figure="' + key + '"]').forEach(function (el) {
        changed = setText(el, show(data.totals[key])) || changed;
      });
    });
    (data.networks || []).forEach(function (n) {
      root.querySelectorAll('[data-network="' + n.network + '"]').forEach(function (el) {
        el.textContent = show(n[el.getAttribute("data-field")]);
      });
    });
    updateChart(data);
    var updated = root.querySelector("[data-reach-updated]");
    if (updated && data.last_updated) {
      var when = timeFmt.format(new Date(data.last_updated));
      updated.textContent = (updated.closest(".reach-embed") ? "Updated " : "Last updated ") + when + " (UK time).";
    }
    if (changed && status) { status.textContent = "Figures updated at " + timeFmt.format(new Date()) + "."; }
  }

  function poll() {
    busy = true;
    lastPoll = Date.now();
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.generated_at !== lastGenerated) {
          lastGenerated = data.generated_at;
          apply(data);
        }
      })
      .catch(function () { /* keep the figures shown; try again next time */ })
      .then(function () { busy = false; lastPoll = Date.now(); });
  }
  window.setInterval(function () {
    if (!busy && Date.now() - lastPoll >= interval()) { poll(); }
  }, 500);
})();

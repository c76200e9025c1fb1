// The event page: the event's time on the visitor's own clock, when it reads differently from
// both the event's zone and UK time (which the page already shows). Without this script the
// page shows those two; nothing else depends on it.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  // "Saturday 13 March 2027", as the page writes dates (browsers differ on the comma).
  function day(date, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.weekday + " " + parts.day + " " + parts.month + " " + parts.year;
  }
  function clock(date, zone) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  }
  // "Thursday 12 March 2027, 10:00–11:30", or "… 22:00 to Friday 13 March 2027, 01:00".
  function range(start, end, zone) {
    var first = day(start, zone), last = day(end, zone);
    if (first === last) { return first + ", " + clock(start, zone) + "–" + clock(end, zone); }
    return first + ", " + clock(start, zone) + " to " + last + ", " + clock(end, zone);
  }
  ready(function () {
    var target = document.querySelector("[data-visitor-time]");
    if (!target || typeof Intl === "undefined" || !Intl.DateTimeFormat) { return; }
    var visitorZone;
    try { visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!visitorZone) { return; }
    var start = new Date(target.getAttribute("data-start"));
    var end = new Date(target.getAttribute("data-end"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) { return; }
    var eventZone = target.getAttribute("data-zone");
    var yours = range(start, end, visitorZone);
    if (yours === range(start, end, eventZone) || yours === range(start, end, "Europe/London")) { return; }
    target.textContent = "Your time (" + visitorZone.replace(/_/g, " ") + "): " + yours;
    target.hidden = false;
  });
})();

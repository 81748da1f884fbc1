/* Every date box of the workspace that uses the browser's own date picker (the field
 * forms: quick log, support log, and a few bespoke screens) shows the device's own date
 * format ("12/01/2026" on a US phone: 12 January or 1 December?). Beside it this script
 * says the date as the rest of the workspace does, "Tue 1 Dec 2026" (issue 17), and the
 * box is described by it for screen readers. Text date boxes (ips/date_input.py) already
 * read that way and are left alone.
 *
 * Scripts that set a date themselves (static/ips/field.js) send "ips:date-set".
 */
"use strict";

(function () {
  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function said(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts) { return ""; }
    var day = new Date(0);
    day.setUTCFullYear(+parts[1], +parts[2] - 1, +parts[3]); // Date.UTC reads year 1 as 1901
    if (day.getUTCDate() !== +parts[3]) { return ""; } // no such day
    return DAYS[day.getUTCDay()] + " " + day.getUTCDate() + " " + MONTHS[day.getUTCMonth()] + " " + String(day.getUTCFullYear()).padStart(4, "0");
  }

  function setUp(input, n) {
    var echo = document.createElement("span");
    echo.className = "ips-date-echo";
    echo.id = (input.id || "date-box-" + n) + "-said";
    echo.setAttribute("data-date-said", "");
    input.insertAdjacentElement("afterend", echo);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", described ? described + " " + echo.id : echo.id);
    function show() { echo.textContent = said(input.value); }
    ["input", "change", "ips:date-set"].forEach(function (type) { input.addEventListener(type, show); });
    if (input.form) {
      input.form.addEventListener("reset", function () { setTimeout(show, 0); });
    }
    show();
  }

  function start() {
    document.querySelectorAll('main input[type="date"]').forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

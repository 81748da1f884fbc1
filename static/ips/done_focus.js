// After "Done" on a next step (the staff home, My week) the page comes back with
// #next-step-done-<n>: keyboard focus goes to the Done button now in that place (the next
// step), or to the list's heading when none is left, instead of dropping to the page's
// start (issue 17). The list is [data-done-list], its heading [data-done-heading].
document.addEventListener("DOMContentLoaded", function () {
  var done = /^#next-step-done-(\d+)$/.exec(window.location.hash);
  if (!done) { return; }
  history.replaceState(null, "", window.location.pathname + window.location.search);
  var buttons = document.querySelectorAll("[data-done-list] button[type=submit]");
  var target = buttons.length
    ? buttons[Math.min(Number(done[1]), buttons.length - 1)]
    : document.querySelector("[data-done-heading]");
  if (target) { target.focus(); }
});

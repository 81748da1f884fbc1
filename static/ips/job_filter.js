/* The support log's Job select offers only the chosen person's jobs (issue 17).
 *
 * Every job option carries its person (data-seeker, coaching/forms.py JobSelect). With a
 * person chosen, the select lists that person's jobs only; choosing a job first picks its
 * person. Options are taken out and put back (iOS ignores `hidden` on options), all in the
 * page, so it works from the phone's offline copy too. Without this script every job is
 * listed, each named with its person.
 */
"use strict";

(function () {
  function setUp(form) {
    var who = form.querySelector('select[name="seeker"]');
    var job = form.querySelector('select[name="job"]');
    if (!who || !job) { return; }
    var all = Array.prototype.slice.call(job.options);
    var blank = all.filter(function (o) { return !o.dataset.seeker; });
    var hint = document.getElementById("job-filter-hint");
    // Opened for a retention check (?job=…&check=30): the check is about that job only. A
    // person or job changed on the form drops it, said on the page (the banner goes, the
    // question reads as usual), never moved onto the other job (red team, issue 17).
    var check = form.querySelector('input[name="check"]');
    var checkJob = form.querySelector('input[name="check_job"]');

    function dropCheckIfMoved() {
      if (!check || !check.value || !checkJob || !checkJob.value || job.value === checkJob.value) { return; }
      check.value = "";
      checkJob.value = "";
      var banner = form.querySelector("[data-named-check]");
      if (banner) { banner.hidden = true; }
      var legend = form.querySelector("[data-check-legend]");
      if (legend) { legend.textContent = legend.dataset.plain; }
      var notAsked = form.querySelector('input[name="still_employed"][value=""]');
      var label = notAsked && notAsked.closest("label");
      if (label && label.lastChild) { label.lastChild.textContent = " Not asked this time"; }
    }

    function show() {
      var person = who.value;
      var keep = job.value;
      var offered = all.filter(function (o) { return !person || o.dataset.seeker === person; });
      job.replaceChildren.apply(job, blank.concat(offered.filter(function (o) { return o.dataset.seeker; })));
      var stillThere = offered.some(function (o) { return o.value === keep; });
      job.value = stillThere ? keep : "";
      dropCheckIfMoved();
      if (hint) {
        var count = offered.filter(function (o) { return o.dataset.seeker; }).length;
        hint.textContent = !person ? "" : count === 0 ? "No jobs recorded for this person."
          : count === 1 ? "1 job of this person." : count + " jobs of this person.";
      }
    }

    who.addEventListener("change", show);
    job.addEventListener("change", function () {
      dropCheckIfMoved();
      var chosen = job.options[job.selectedIndex];
      if (chosen && chosen.dataset.seeker && who.value !== chosen.dataset.seeker) {
        who.value = chosen.dataset.seeker;
        show();
      }
    });
    show();
  }

  function start() {
    document.querySelectorAll("form[data-job-filter]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

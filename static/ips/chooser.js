/* Choosers (Wagtail's modal behind "Choose a kind of work", "Choose the employer", ...)
   for keyboard and screen-reader users (issue 17):
   - opening one puts focus in its search box, not on the dialog;
   - ArrowDown / ArrowUp move from the search box through the results (Tab works too),
     Enter on a result chooses it;
   - closing it (a choice, the Close button or Escape) gives focus back to the button that
     opened it; once a row is chosen that button is hidden, so focus goes to the same
     chooser's visible button (its "Actions" menu, named by the choice);
   - when new results replace the ones a result had focus in, focus goes to the search box.
   Loaded with every chooser widget (ips.workspace.ScopedChooserWidget.media). */
(function () {
  "use strict";
  var opener = null;

  function visible(el) {
    return !!el && el.getClientRects().length > 0;
  }

  function searchBox(modal) {
    return modal.querySelector("[data-chooser-modal-search] input[type=text], [data-chooser-modal-search] input[type=search]");
  }

  function choices(modal) {
    return Array.prototype.filter.call(
      modal.querySelectorAll("a[data-chooser-modal-choice]"),
      visible
    );
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest("[data-chooser-action-choose]");
      if (button) opener = button;
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var modal = event.target.closest && event.target.closest(".modal");
    if (!modal) return;
    var search = searchBox(modal);
    var list = choices(modal);
    var stops = search ? [search].concat(list) : list;
    var at = stops.indexOf(event.target);
    if (at < 0 || !list.length) return;
    var next = event.key === "ArrowDown" ? Math.min(at + 1, stops.length - 1) : Math.max(at - 1, 0);
    event.preventDefault();
    stops[next].focus();
  });

  function focusSearch(modal) {
    var search = searchBox(modal);
    if (search && visible(search)) search.focus();
  }

  function giveFocusBack() {
    if (!opener) return;
    var target = opener;
    if (!visible(target)) {
      var chooser = opener.closest(".chooser");
      var buttons = chooser ? chooser.querySelectorAll("button, a[href]") : [];
      target = Array.prototype.find.call(buttons, visible) || null;
    }
    opener = null;
    if (target) target.focus();
  }

  function bind() {
    if (!window.jQuery) return;
    // Wagtail's modal is a Bootstrap one: "shown" once its first results are in.
    window.jQuery(document).on("shown.bs.modal", function (event) {
      focusSearch(event.target);
    });
    // Wagtail focuses the opener on "hidden"; ours runs after it (the event bubbles here).
    window.jQuery(document).on("hidden.bs.modal", function () {
      giveFocusBack();
    });
    // New results replace the old ones: focus on a result (or a page link) would fall to
    // the page's body, behind the dialog; it goes to the search box instead.
    window.jQuery(document).on("ajaxComplete", function () {
      var active = document.activeElement;
      if (active && active !== document.body) return;
      var modal = Array.prototype.find.call(document.querySelectorAll(".modal"), visible);
      if (modal) focusSearch(modal);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();

/* Each cell of a listing table (or a table marked ips-stack) gets its column's heading as data-label, which
   workspace.css shows before the value when the table stacks into cards (below 600 px); a cell with
   nothing in it is marked data-empty and left out of its card.
   Tables keep their semantics for screen readers at every width. */
(function () {
  function label(table) {
    var heads = table.querySelectorAll("thead tr:last-child th");
    if (!heads.length) return;
    var names = [];
    heads.forEach(function (th) {
      var span = parseInt(th.getAttribute("colspan") || "1", 10);
      var text = th.innerText.replace(/\s+/g, " ").trim();
      for (var i = 0; i < span; i++) names.push(text);
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var index = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var name = names[index] || "";
        if (name && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", name);
        // A card shows no name over nothing (issue 17, item 5): an empty cell is left out.
        var blank = !cell.textContent.trim() && !cell.querySelector("input, select, button, img, svg");
        cell.toggleAttribute("data-empty", blank);
        index += parseInt(cell.getAttribute("colspan") || "1", 10);
      });
    });
    table.classList.add("ips-cards");
  }
  function all() {
    document.querySelectorAll("table.listing, table.ips-stack").forEach(label);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
  // Wagtail swaps listing results in place when filtering or searching.
  document.addEventListener("w-swap:success", all);
})();

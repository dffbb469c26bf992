/*
 * Filter box and sortable columns for the generated glossary (scripts/render/glossary.py,
 * overrides/partials/glossary/table.html). Without JavaScript the full static table shows;
 * this only reveals the hidden filter and turns sortable headers into buttons.
 */
(function () {
  "use strict";

  function normalise(text) {
    return (text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var text = cell.getAttribute("data-value") || cell.textContent;
    return kind === "number" ? parseFloat(text) || 0 : normalise(text);
  }

  function setup(root) {
    if (root.dataset.glossaryReady === "true") return;
    root.dataset.glossaryReady = "true";
    var body = root.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.rows);
    var label = root.querySelector(".glossary__filter");
    var input = root.querySelector("[data-glossary-filter]");
    if (label && input) {
      label.hidden = false;
      input.addEventListener("input", function () {
        var words = normalise(input.value).split(" ").filter(Boolean);
        rows.forEach(function (row) {
          var text = normalise(row.textContent);
          row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
        });
      });
    }
    root.querySelectorAll("th[data-sort]").forEach(function (th) {
      var index = th.cellIndex;
      var kind = th.getAttribute("data-sort");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "glossary__sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        root.querySelectorAll("th[aria-sort]").forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.slice().sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : x.localeCompare(y, document.documentElement.lang);
          return ascending ? order : -order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-glossary]").forEach(setup);
  }

  // Loaded inside the page content (front matter extra_javascript), this file runs again on
  // every visit through instant navigation: subscribe to the theme's document$ only once.
  if (typeof document$ !== "undefined") {
    if (!window.__dl4sciGlossary) {
      window.__dl4sciGlossary = true;
      document$.subscribe(init);
    }
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

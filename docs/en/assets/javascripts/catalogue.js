/*
 * Filters for the generated resource catalogue (scripts/catalogue.py, overrides/partials/catalogue/).
 * The filter form ships hidden and disabled, so without JavaScript the whole static list shows;
 * this script reveals and enables it. Plain ES2017, no dependencies.
 */
(function () {
  "use strict";

  var ANY_GROUPS = ["data", "domain"];

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // What each entry is tagged with, read from what the reader sees: its kind, status and chips
  // carry the same labels as the select options (both come from the schema's x-labels), so no
  // hidden copy of the values has to ship with every entry. The category comes from the group.
  function tagsOf(row, selects) {
    var labels = Array.prototype.map.call(
      row.querySelectorAll(".cat-kind, .cat-status, .cat-tags > li"),
      function (element) { return element.textContent.trim(); }
    );
    var tags = {};
    selects.forEach(function (select) {
      var name = select.getAttribute("data-filter");
      var group = row.closest("[data-" + name + "]");
      var values = group ? group.getAttribute("data-" + name).split(" ") : [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value && labels.indexOf(option.textContent.trim()) !== -1) {
          values.push(option.value);
        }
      });
      // No field chip means a general-purpose resource: it suits every field.
      tags[name] = values.length || ANY_GROUPS.indexOf(name) === -1 ? values : ["any"];
    });
    return tags;
  }

  function matchesTags(tags, selections) {
    return selections.every(function (selection) {
      if (!selection.value) return true;
      var values = tags[selection.name] || [];
      // A resource for "any data" (or any field) suits every specific data type (or field).
      if (ANY_GROUPS.indexOf(selection.name) !== -1 && values.indexOf("any") !== -1) return true;
      return values.indexOf(selection.value) !== -1;
    });
  }

  function setup(form) {
    if (form.dataset.catalogueReady === "true") return;
    form.dataset.catalogueReady = "true";
    var root = form.closest(".catalogue");
    if (!root) return;
    var rows = Array.prototype.slice.call(root.querySelectorAll(".cat-list > li[id]"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".cat-group"));
    // Search the entry's text and its category (the group heading) together.
    var texts = rows.map(function (row) {
      var heading = row.closest(".cat-group");
      heading = heading ? heading.querySelector("h3") : null;
      return normalise((heading ? heading.textContent + " " : "") + (row.textContent || ""));
    });
    var textInput = form.querySelector("[data-filter='text']");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var tags = rows.map(function (row) { return tagsOf(row, selects); });
    var count = root.querySelector(".catalogue-count");
    var empty = root.querySelector(".catalogue-empty");
    var template = form.getAttribute("data-count-template") || "{shown} / {total}";

    function apply() {
      var words = textInput ? normalise(textInput.value).split(" ").filter(Boolean) : [];
      var selections = selects.map(function (select) {
        return { name: select.getAttribute("data-filter"), value: select.value };
      });
      var shown = 0;
      rows.forEach(function (row, index) {
        var visible = matchesTags(tags[index], selections) &&
          words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".cat-list > li:not([hidden])");
      });
      if (count) {
        count.textContent = template
          .replace("{shown}", String(shown))
          .replace("{total}", String(rows.length));
      }
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // The reset event fires before the controls are cleared.
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

    Array.prototype.forEach.call(form.elements, function (control) { control.disabled = false; });
    form.hidden = false;
    if (count) count.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-catalogue-filters]"), setup);
  }

  // Material's instant navigation swaps pages without a reload and announces each one on document$.
  // Loaded inside the page content (front matter extra_javascript), this file runs again on
  // every visit through instant navigation: subscribe to the theme's document$ only once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    if (!window.__dl4sciCatalogue) {
      window.__dl4sciCatalogue = true;
      window.document$.subscribe(init);
    }
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

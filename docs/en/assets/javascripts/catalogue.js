/* Filters for All resources (scripts/render/catalogue.py). The form ships hidden and disabled, so
 * without JavaScript the whole list shows; this reveals it. Plain ES2017, no dependencies. */
(function () {
  "use strict";

  var ANY = ["data", "domain"]; // an entry tagged "any" (or with no field) matches every value

  function normalise(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // Tags are read from the labels an entry shows, which are the options' labels (both come
  // from the schema), so no hidden copy of the values ships with every entry.
  function tagsOf(row, selects) {
    var shown = Array.prototype.map.call(
      row.querySelectorAll(".cat-kind, .cat-status, .cat-tags > li"),
      function (element) { return element.textContent.trim(); }
    );
    var tags = {};
    selects.forEach(function (select) {
      var name = select.getAttribute("data-filter");
      var group = row.closest("[data-" + name + "]");
      var values = group ? [group.getAttribute("data-" + name)] : [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value && shown.indexOf(option.textContent.trim()) !== -1) values.push(option.value);
      });
      tags[name] = values.length || ANY.indexOf(name) === -1 ? values : ["any"];
    });
    return tags;
  }

  function matches(tags, selects) {
    return selects.every(function (select) {
      var values = tags[select.getAttribute("data-filter")];
      return !select.value || values.indexOf(select.value) !== -1 ||
        (ANY.indexOf(select.getAttribute("data-filter")) !== -1 && values.indexOf("any") !== -1);
    });
  }

  function setup(form) {
    if (form.dataset.catalogueReady === "true") return;
    form.dataset.catalogueReady = "true";
    var root = form.closest(".catalogue");
    if (!root) return;
    var rows = Array.prototype.slice.call(root.querySelectorAll(".cat-list > li[id]"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".cat-group"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var tags = rows.map(function (row) { return tagsOf(row, selects); });
    // The text search also finds an entry by its category (its group's heading).
    var texts = rows.map(function (row) {
      var heading = row.closest(".cat-group");
      heading = heading && heading.querySelector("h3");
      return normalise((heading ? heading.textContent + " " : "") + row.textContent);
    });
    var textInput = form.querySelector("[data-filter='text']");
    var count = root.querySelector(".catalogue-count");
    var empty = root.querySelector(".catalogue-empty");
    var template = form.getAttribute("data-count-template") || "{shown} / {total}";

    function apply() {
      var words = textInput ? normalise(textInput.value).split(" ").filter(Boolean) : [];
      var shown = 0;
      rows.forEach(function (row, index) {
        row.hidden = !(matches(tags[index], selects) &&
          words.every(function (word) { return texts[index].indexOf(word) !== -1; }));
        if (!row.hidden) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".cat-list > li:not([hidden])");
      });
      if (count) {
        count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
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

  // Loaded with the page content, this file runs again on every instant-navigation visit:
  // subscribe to the theme's document$ (one event per page) only once.
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

// "Where do I start?" (start.md): show the form, answer from the rules in the table, keep the
// choice in the URL. Without JavaScript the table is the whole guide. The answer is the first
// row (top to bottom) whose data-<input> lists the chosen option; an empty list means "any".
// The optional field (a fifth select, empty = any field) adds a copy of that field's item of the
// static "By field" list; without a field the answer and the URL are those of the four inputs.
(() => {
  "use strict";
  const INPUTS = ["data", "goal", "labels", "size"];

  function fits(row, name, value) {
    const list = row.getAttribute("data-" + name);
    return !list || list.split(" ").includes(value);
  }

  function init() {
    const guide = document.querySelector("[data-start-guide]");
    const table = document.querySelector("[data-start-table]");
    if (!guide || !table || guide.dataset.startReady === "true") return;
    guide.dataset.startReady = "true";
    const form = guide.querySelector("[data-start-form]");
    const result = guide.querySelector("[data-start-result]");
    const answer = guide.querySelector("[data-start-answer]");
    const link = guide.querySelector("[data-start-rule-link]");
    const rows = Array.from(table.querySelectorAll("tr[data-rule]"));
    const fieldSelect = form.elements.field;
    const fieldAnswer = guide.querySelector("[data-start-field-answer]");
    const fieldItems = document.querySelectorAll("[data-start-fields] [data-field]");
    const params = new URLSearchParams(location.search);
    for (const name of fieldSelect ? [...INPUTS, "field"] : INPUTS) {
      const select = form.elements[name];
      const wanted = params.get(name);
      if (wanted && Array.from(select.options).some((o) => o.value === wanted)) select.value = wanted;
    }

    function showField(field) {
      if (!fieldAnswer) return;
      const item = Array.from(fieldItems).find((i) => i.dataset.field === field);
      const body = fieldAnswer.querySelector("[data-start-field-body]");
      body.textContent = "";
      if (item) body.appendChild(item.querySelector(".start-field").cloneNode(true));
      fieldAnswer.hidden = !item;
      guide.dataset.field = item ? field : "";
    }

    function update(share) {
      const choice = {};
      for (const name of INPUTS) choice[name] = form.elements[name].value;
      const row = rows.find((r) => INPUTS.every((name) => fits(r, name, choice[name])));
      for (const r of rows) r.classList.toggle("start-rule--match", r === row);
      answer.textContent = "";
      if (row) {
        answer.appendChild(row.querySelector(".start-rec").cloneNode(true));
        link.href = "#" + row.id;
        link.textContent = link.dataset.template.replace("{n}", row.dataset.number);
      }
      guide.dataset.answer = row ? row.dataset.rule : "";
      const field = fieldSelect ? fieldSelect.value : "";
      showField(field);
      if (share) {
        const query = new URLSearchParams(choice);
        if (field) query.set("field", field);
        const url = location.pathname + "?" + query + location.hash;
        history.replaceState(history.state, "", url);
      }
    }

    form.addEventListener("change", () => update(true));
    form.addEventListener("submit", (event) => event.preventDefault());
    guide.querySelector("[data-start-nojs]").hidden = true;
    form.hidden = false;
    result.hidden = false;
    update(false);
  }

  // With instant navigation the theme swaps the page content and emits on document$.
  // Loaded inside the page content (front matter extra_javascript), this file runs again on
  // every visit through instant navigation: subscribe to the theme's document$ only once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    if (!window.__dl4sciStart) {
      window.__dl4sciStart = true;
      window.document$.subscribe(init);
    }
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

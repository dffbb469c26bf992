// "Where do I start?" (start.md): show the form, answer from the rules in the table, keep the
// choice in the URL. Without JavaScript the table is the whole guide. The answer is the first
// row (top to bottom) whose data-<input> lists the chosen option; an empty list means "any".
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
    const params = new URLSearchParams(location.search);
    for (const name of INPUTS) {
      const select = form.elements[name];
      const wanted = params.get(name);
      if (wanted && Array.from(select.options).some((o) => o.value === wanted)) select.value = wanted;
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
      if (share) {
        const url = location.pathname + "?" + new URLSearchParams(choice) + location.hash;
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

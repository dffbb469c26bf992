// Language switcher: always point at the twin of the page being read.
//
// The header (and its language menu) is rendered once; with instant navigation only the page
// content is swapped, so the menu would keep pointing at the twin of the first page loaded.
// Each page carries its twins in a hidden [data-md-alternates] element inside the content, so
// after every navigation we copy them into the menu. Switching language is a full page load:
// the whole header, search index and palette labels change language with it.
(function () {
  "use strict";

  function twins() {
    var data = document.querySelector("[data-md-alternates]");
    var result = {};
    if (!data) return result;
    Array.prototype.forEach.call(data.attributes, function (attr) {
      if (attr.name.indexOf("data-href-") === 0) {
        result[attr.name.slice(10)] = new URL(attr.value, location.href).href;
      }
    });
    return result;
  }

  function update() {
    var links = twins();
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var href = links[link.getAttribute("hreflang")];
      if (href) link.href = href;
    });
  }

  // Capture phase, so the theme's own click handlers (instant navigation, its language
  // redirect) never see the click; the section anchor travels with us, since twins share ids.
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
      if (!link) return;
      event.stopPropagation();
      update();
      if (location.hash) link.href = link.href.split("#")[0] + location.hash;
    },
    true
  );

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
})();

// "Cite this page" (overrides/partials/exports/cite.html): show the copy buttons, which copy the
// citation shown next to them. One delegated listener, so pages swapped in by instant navigation
// work too; without the Clipboard API the buttons stay hidden and the text is still selectable.
(function () {
  "use strict";

  if (!navigator.clipboard) return;

  function reveal() {
    document.querySelectorAll(".cite-page__copy[hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-page__copy");
    if (!button) return;
    var code = button.closest(".cite-page__format").querySelector("code");
    navigator.clipboard.writeText(code.textContent).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  } else {
    document.addEventListener("DOMContentLoaded", reveal);
  }
})();

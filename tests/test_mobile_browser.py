"""No page scrolls sideways on a phone: every built page of both languages at 360 px.

One browser tab visits the pages one after another (about 55, the 404 pages included); a page
fails when the document is wider than the viewport, and the message names the page and the
widest element that sticks out (the one to fix: wrap it, or let the element itself scroll)."""

from __future__ import annotations

import time

import pytest

from tests.conftest import built_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

# The widest element whose box ends right of the viewport, outside any element that scrolls or
# clips sideways itself (those do not move the page). Run only on a page that overflows.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x !== "visible") return p !== document.documentElement && p !== document.body;
    }
    return false;
  };
  let widest = null, width = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 1 && box.width > width && !clipped(el)) {
      widest = el; width = box.width;
    }
  }
  if (!widest) return "no single element";
  const name = widest.tagName.toLowerCase() + (widest.id ? "#" + widest.id : "") +
    Array.from(widest.classList).map((c) => "." + c).join("");
  const right = Math.round(widest.getBoundingClientRect().right);
  return `${name} (${Math.round(width)} px wide, ends at ${right} px): ` +
    JSON.stringify((widest.textContent || "").trim().slice(0, 60));
}"""


def test_no_page_scrolls_sideways_at_360_px(browser, server: str, site: dict) -> None:
    pages = [p.parent.relative_to(site["dir"]).as_posix() for p in built_pages(site["dir"])]
    paths = ["" if p == "." else p + "/" for p in pages]
    paths += [p.relative_to(site["dir"]).as_posix() for p in sorted(site["dir"].rglob("404.html"))]
    assert len(paths) > 50 and "zh/" in paths and "zh/404.html" in paths
    context = browser.new_context(viewport=PHONE, locale="en-US")
    tab = context.new_page()
    found = []
    started = time.monotonic()
    try:
        for path in paths:
            tab.goto(server + path, wait_until="load")
            scroll, client = tab.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                found.append(f"/{path}: {scroll} px wide at {client} px; {tab.evaluate(WIDEST)}")
    finally:
        context.close()
    print(f"{len(paths)} pages at 360 px in {time.monotonic() - started:.1f} s")
    assert not found, "pages that scroll sideways on a phone:\n" + "\n".join(found)

""" "Cite this page" and the exports in a browser: two clicks to a copied citation, no
accessibility violation with the box open, and the What's new and All resources pages load no
export file on a first view (links only)."""

from __future__ import annotations

import pytest

from tests.test_quality_browser import AXE, new_tab, settled

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["about/", "zh/resources/all/", "whats-new/", "zh/whats-new/"])
def test_two_clicks_copy_the_citation_and_the_box_passes_axe(
    browser, server: str, path: str
) -> None:
    tab = new_tab(browser)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    loaded: list[str] = []
    tab.on("request", lambda r: loaded.append(r.url))
    try:
        tab.goto(server + path)
        tab.wait_for_load_state("networkidle")
        assert not [u for u in loaded if "/exports/" in u or u.endswith("feed.xml")], loaded
        assert not [u for u in loaded if not u.startswith(server)], loaded  # no third party
        tab.locator("details.cite-page > summary").click()  # first click
        button = tab.locator("details.cite-page button.cite-page__copy").first
        button.click()  # second click
        expected = tab.locator("details.cite-page pre code").first.inner_text()
        tab.wait_for_function(
            "(b) => b.textContent === b.dataset.copied", arg=button.element_handle()
        )
        assert tab.evaluate("() => navigator.clipboard.readText()") == expected
        settled(tab)
        # The box only: the whole page is test_quality_browser.py's.
        found = AXE.run(tab, context="details.cite-page").response["violations"]
        assert not found, f"axe on /{path}, cite box open: {[v['id'] for v in found]}"
        assert tab.console_errors == [], tab.console_errors
    finally:
        tab.context.close()

"""The All resources page in a browser: filters work after instant navigation, and without
JavaScript the full static table is there with the filters hidden."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ROWS = ".catalogue tbody tr[id^='res-']"


def visible_rows(page) -> int:
    return page.locator(f"{ROWS}:visible").count()


@pytest.mark.parametrize("lang", ["", "zh/"])
def test_filters_work_after_instant_navigation(page, server: str, lang: str) -> None:
    page.goto(f"{server}{lang}resources/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__instantMarker = 3")
    page.locator(".md-nav--primary a.md-nav__link[href$='resources/all/']").first.click()
    page.wait_for_url(f"{server}{lang}resources/all/")
    assert page.evaluate("window.__instantMarker") == 3, "the click reloaded the page"

    form = page.locator("form[data-catalogue-filters]")
    form.wait_for(state="visible")
    total = page.locator(ROWS).count()
    assert total >= 45 and visible_rows(page) == total
    page.locator("#catalogue-filter-text").fill("PyTorch")
    page.wait_for_timeout(200)
    shown = visible_rows(page)
    assert 0 < shown < total
    assert page.locator("#res-pytorch").is_visible()
    page.locator("#catalogue-filter-status").select_option("archived")
    page.wait_for_timeout(200)
    assert visible_rows(page) < shown
    assert not page.console_errors, page.console_errors


def test_without_javascript_the_whole_catalogue_is_shown(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{server}resources/all/")
        total = tab.locator(ROWS).count()
        assert total >= 45
        assert tab.locator(f"{ROWS}:visible").count() == total
        assert not tab.locator("form[data-catalogue-filters]").is_visible()
    finally:
        context.close()

"""The catalogue in a browser: the list never scrolls sideways at desktop width (at phone width,
tests/test_mobile_browser.py checks every page), every entry keeps its anchor, the All resources
filters (domain included) work after instant navigation, without JavaScript every entry is
shown, and the Chinese site shows a blocked entry's alternatives. (axe checks All resources in
tests/test_quality_browser.py; the tour page's full entries are checked here.)"""

from __future__ import annotations

import pytest

from scripts.data import resources
from tests.test_quality_browser import axe_report, new_tab, settled

pytestmark = pytest.mark.browser

ENTRIES = ".cat-list > li[id^='res-']"
WIDTHS = (390, 1280)
LANGS = ("", "zh/")
CATALOGUE = resources.load_catalogue(resources.DEFAULT_DATA)
BLOCKED = [  # blocked by their host's record in data/access.yaml or their own cn_access
    entry
    for entry in CATALOGUE.entries
    if (access := CATALOGUE.access_of(entry)) is not None
    and access.level == "blocked"
    and entry.mirrors
]


def visible_entries(page) -> int:
    return page.locator(f"{ENTRIES}:visible").count()


def choose(page, name: str, value: str) -> None:
    page.locator(f"#catalogue-filter-{name}").select_option(value)
    page.wait_for_timeout(150)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["resources/all/", "resources/"])
def test_no_sideways_scroll_and_every_anchor(browser, server: str, lang, path) -> None:
    """At desktop width; tests/test_mobile_browser.py loads every page at 360 px."""
    width = 1280
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(f"{server}{lang}{path}")
        tab.wait_for_load_state("networkidle")
        scroll, inner = tab.evaluate(
            "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"/{lang}{path} at {width} px scrolls sideways ({scroll} px)"
        ids = tab.locator(ENTRIES).evaluate_all("items => items.map(item => item.id)")
        # Each entry once (the tour page orders categories its own way).
        assert sorted(ids) == sorted(f"res-{entry.id}" for entry in CATALOGUE.entries)
        # An anchor, opened from elsewhere, lands on its entry.
        last = CATALOGUE.entries[-1].id
        tab.goto(f"{server}{lang}about/")
        tab.goto(f"{server}{lang}{path}#res-{last}")
        tab.wait_for_load_state("networkidle")
        top = tab.locator(f"#res-{last}").evaluate("li => li.getBoundingClientRect().top")
        assert 0 <= top < 900, f"#res-{last} is at {top} px"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_filters_work_after_instant_navigation(page, server: str, lang: str) -> None:
    page.goto(f"{server}{lang}resources/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__instantMarker = 3")
    page.locator(".md-nav--primary a.md-nav__link[href$='resources/all/']").first.click()
    page.wait_for_url(f"{server}{lang}resources/all/")
    assert page.evaluate("window.__instantMarker") == 3, "the click reloaded the page"

    form = page.locator("form[data-catalogue-filters]")
    form.wait_for(state="visible")
    total = page.locator(ENTRIES).count()
    assert total == len(CATALOGUE.entries) and visible_entries(page) == total
    page.locator("#catalogue-filter-text").fill("PyTorch")
    page.wait_for_timeout(200)
    shown = visible_entries(page)
    assert 0 < shown < total
    assert page.locator("#res-pytorch").is_visible()
    choose(page, "status", "archived")
    assert visible_entries(page) < shown
    page.locator("form[data-catalogue-filters] button[type=reset]").click()
    page.wait_for_timeout(200)
    assert visible_entries(page) == total
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("lang", LANGS)
def test_each_filter_selects_exactly_its_entries(page, server: str, lang: str) -> None:
    """Every filter (domain included) against the data: entries tagged 'any' match every value."""
    page.goto(f"{server}{lang}resources/all/")
    page.locator("form[data-catalogue-filters]").wait_for(state="visible")

    def expected(group: str, value: str) -> set[str]:
        def tags(entry) -> tuple[str, ...]:
            found = getattr(entry, group)
            return found if isinstance(found, tuple) else (found,)

        return {
            f"res-{entry.id}"
            for entry in CATALOGUE.entries
            if value in tags(entry) or (group in ("data", "domain") and "any" in tags(entry))
        }

    cases = [("domain", "genomics"), ("domain", "materials"), ("data", "graphs")]
    cases += [("category", "models"), ("kind", "course"), ("level", "beginner")]
    cases += [("status", "archived")]
    for group, value in cases:
        choose(page, group, value)
        shown = page.locator(f"{ENTRIES}:visible").evaluate_all("items => items.map(i => i.id)")
        assert set(shown) == expected(group, value), (group, value)
        # Groups without a visible entry disappear with their heading.
        for heading in page.locator(".cat-group:visible").all():
            assert heading.locator(f"{ENTRIES}:visible").count() > 0
        choose(page, group, "")
    choose(page, "domain", "genomics")
    choose(page, "level", "beginner")
    both = expected("domain", "genomics") & expected("level", "beginner")
    assert visible_entries(page) == len(both) > 0
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_entry_is_shown(browser, server: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        for path in ("resources/all/", "resources/"):
            tab.goto(f"{server}{lang}{path}")
            total = tab.locator(ENTRIES).count()
            assert total == len(CATALOGUE.entries)
            assert tab.locator(f"{ENTRIES}:visible").count() == total
        assert not tab.locator("form[data-catalogue-filters]").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["resources/all/", "resources/"])
def test_blocked_entries_show_their_mirrors_on_the_chinese_site(
    browser, server: str, path: str, width: int
) -> None:
    assert BLOCKED, "the catalogue has no entry blocked in mainland China with a mirror"
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(f"{server}zh/{path}")
        for entry in BLOCKED:
            box = tab.locator(f"#res-{entry.id} .cat-cn--blocked")
            assert box.is_visible(), entry.id
            assert "无法访问" in box.inner_text()
            for mirror in entry.mirrors:
                assert box.locator(f"a[href='{mirror.url}']").is_visible(), (entry.id, mirror)
        tab.goto(f"{server}{path}")
        assert tab.locator(".cat-cn").count() == 0  # the English site does not show them
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_full_entries_on_the_tour_page_pass_axe(browser, server: str, lang: str):
    """Every rule, light scheme: every entry in its full form. The dark scheme's colour rules
    run on All resources (every entry, short form) and on a field page (full entries) in
    tests/test_quality_browser.py; a second dark pass here cost 4-5 s a language."""
    tab = new_tab(browser)
    try:
        tab.goto(f"{server}{lang}resources/")
        tab.wait_for_load_state("networkidle")
        settled(tab)
        found = axe_report(tab)
        assert not found, f"axe on /{lang}resources/: {found}"
    finally:
        tab.context.close()

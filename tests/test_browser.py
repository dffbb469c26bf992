"""What only a browser shows: instant navigation, the language switch, search, requests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import type_search

pytestmark = pytest.mark.browser


def open_switcher_link(page, lang: str):
    page.hover(".md-header__option .md-select")
    return page.locator(f".md-select__link[hreflang={lang}]")


def test_instant_navigation_then_language_switch_lands_on_twin(page, server: str) -> None:
    page.goto(server)
    page.evaluate("window.__instantMarker = 42")
    page.locator(".md-nav--primary a.md-nav__link[href$='about/']").first.click()
    page.wait_for_url(f"{server}about/")
    # The address changes before the theme swaps the new content in: wait for the content.
    expect(page.locator("article h1")).to_have_text("About this site")
    assert page.evaluate("window.__instantMarker") == 42, "the click reloaded the page"

    link = open_switcher_link(page, "zh")
    expect(link).to_have_attribute("href", re.compile(r"/zh/about/$"))
    link.click()
    page.wait_for_url(f"{server}zh/about/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h1").first.inner_text() == "关于本站"

    # Instant navigation on the Chinese side, then back to English lands on the twin again.
    page.evaluate("window.__instantMarker = 7")
    page.locator(".md-nav--primary a.md-nav__link[href$='references/']").first.click()
    page.wait_for_url(f"{server}zh/references/")
    expect(page.locator("article h1")).to_have_text("参考文献")
    assert page.evaluate("window.__instantMarker") == 7
    link = open_switcher_link(page, "en")
    expect(link).to_have_attribute("href", re.compile(r"/references/$"))
    link.click()
    page.wait_for_url(f"{server}references/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert not page.console_errors, page.console_errors


def test_language_switch_keeps_the_section_anchor(page, server: str) -> None:
    page.goto(f"{server}about/#licence")
    open_switcher_link(page, "zh").click()
    page.wait_for_url(f"{server}zh/about/#licence")


def search(page, query: str) -> list[str]:
    type_search(page, query)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)"
    )


def test_chinese_search_finds_only_chinese_pages(page, server: str) -> None:
    page.goto(f"{server}zh/")
    for query in ("深度学习", "学习", "综述"):
        results = search(page, query)
        assert results, f"no results for {query}"
        assert all("/zh/" in url for url in results), (query, results)


def test_english_search_finds_only_english_pages(page, server: str) -> None:
    page.goto(server)
    results = search(page, "survey")
    assert results
    assert not [url for url in results if "/zh/" in url], results


def test_english_word_on_chinese_site_finds_no_english_page(page, server: str) -> None:
    page.goto(f"{server}zh/")
    results = search(page, "licence")  # only the English about page uses this word
    assert not [url for url in results if "/zh/" not in url], results


def test_no_request_leaves_the_local_origin(page, server: str) -> None:
    origin = re.match(r"https?://[^/]+", server).group(0)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("", "about/", "zh/", "zh/about/", "references/", "no-such-page/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(origin) and not u.startswith("data:")]
    assert requests and not outside, outside

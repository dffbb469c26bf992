"""What only a browser shows for the glossary: Chinese search finds glossary terms and their
parts, and the glossary table filters, sorts and deep-links."""

from __future__ import annotations

import json

import pytest

from tests.browser import type_search

pytestmark = pytest.mark.browser

# Compound terms and their parts: a user dictionary changes what counts as a word.
QUERIES = ["卷积神经网络", "神经网络", "自监督学习", "自监督", "迁移学习", "谱聚类", "数据增强"]


def all_results(page, query: str) -> list[str]:
    """Page paths of every result (the theme shows ten and loads more as you scroll)."""
    type_search(page, query)
    page.wait_for_timeout(300)
    count = -1
    while True:
        links = page.eval_on_selector_all(
            ".md-search-result__item > a", "links => links.map(a => a.pathname)"
        )
        if len(links) == count:
            break
        count = len(links)
        # The theme renders four more results each time the list *reaches* its bottom.
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 0")
        page.wait_for_timeout(150)
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 1e9")
        page.wait_for_timeout(300)
    return sorted(set(links))


def pages_using(site_dir, query: str) -> set[str]:
    """Pages whose indexed text contains the term (the index of the Chinese site)."""
    index = json.loads((site_dir / "zh/search/search_index.json").read_text(encoding="utf-8"))
    return {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if query in (doc["title"] + doc["text"]).replace("\u200b", "")
    }


@pytest.mark.parametrize("query", QUERIES)
def test_chinese_search_finds_every_page_using_a_term(page, server: str, site: dict, query) -> None:
    expected = {f"/dl4sci/zh/{location}" for location in pages_using(site["dir"], query)}
    assert expected, f"no page uses {query}: pick another sample term"
    page.goto(f"{server}zh/")
    found = set(all_results(page, query))
    assert expected <= found, f"{query}: not found {sorted(expected - found)}"
    assert all(path.startswith("/dl4sci/zh/") for path in found), found


def test_glossary_filter_sort_and_anchor(page, server: str) -> None:
    page.goto(server)
    page.evaluate("window.__instantMarker = 1")
    page.locator(".md-nav--primary a.md-nav__link[href$='glossary/']").first.click()
    page.wait_for_url(f"{server}glossary/")
    assert page.evaluate("window.__instantMarker") == 1, "the click reloaded the page"
    # The address changes before the theme swaps the content in; glossary.js then reveals the
    # filter, which is the sign that it has set the table up.
    page.locator("[data-glossary-filter]").wait_for(state="visible")

    rows = page.locator(".glossary tbody tr")
    total = rows.count()
    assert total >= 60
    filter_box = page.locator("[data-glossary-filter]")
    filter_box.fill("spectral")
    visible = page.locator(".glossary tbody tr:not([hidden])")
    assert visible.count() == 1
    assert visible.first.get_attribute("id") == "term-spectral-clustering"
    filter_box.fill("")
    assert page.locator(".glossary tbody tr:not([hidden])").count() == total

    page.locator("th[data-sort='number'] button").click()
    page.locator("th[data-sort='number'] button").click()  # descending
    first = page.locator(".glossary tbody tr").first.locator("td").nth(3)
    assert first.get_attribute("data-value") == "10"
    assert not page.console_errors, page.console_errors


def test_chinese_glossary_deep_link(page, server: str) -> None:
    page.goto(f"{server}zh/glossary/#term-hugging-face")
    row = page.locator("#term-hugging-face")
    assert row.is_visible()
    assert "Hugging Face" in row.inner_text() and "抱抱脸" in row.inner_text()
    page.locator("[data-glossary-filter]").fill("谱聚类")
    assert page.locator(".glossary tbody tr:not([hidden])").first.get_attribute("id") == (
        "term-spectral-clustering"
    )


def test_glossary_and_status_pages_make_no_outside_request(page, server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("glossary/", "zh/glossary/", "translation-status/", "zh/translation-status/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    origin = server.split("/dl4sci/")[0]
    outside = [u for u in requests if not u.startswith(origin) and not u.startswith("data:")]
    assert not outside, outside

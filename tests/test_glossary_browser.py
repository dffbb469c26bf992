"""What only a browser shows for the glossary: Chinese search finds glossary terms and their
parts, the glossary table filters, sorts and deep-links, and the English term after a term's
first use on Chinese pages shows, reads well in both themes and leads to the glossary."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import type_search
from tests.search_model import pages_using as index_pages_using

pytestmark = pytest.mark.browser
AXE = Axe()

# Compound terms and their parts (a user dictionary changes what counts as a word), and
# everyday words of the field pages.
# A smoke set for the real browser: a term inside longer words (神经网络 in 图神经网络), one after
# a dropped single-character stop word (自监督), a glossary term and a field's everyday word. Every
# glossary term and its parts is checked against the built index by
# test_search_index.py::test_a_chinese_word_finds_every_page_using_it (tests/search_model.py),
# which returned the same pages as the theme's worker for 586 queries (see that module).
QUERIES = ["神经网络", "自监督", "谱聚类", "单细胞"]


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
    """Pages of the Chinese site that use the word where a reader sees it: as whole words or
    inside one (图神经网络 uses 神经网络), not cut out of two (之后继续 does not use 后继)."""
    index = json.loads((site_dir / "zh/search/search_index.json").read_text(encoding="utf-8"))
    return index_pages_using(index, query)


def test_chinese_search_finds_every_page_using_a_term(page, server: str, site: dict) -> None:
    """Each query in turn in one tab (the worker builds the Chinese index once)."""
    page.goto(f"{server}zh/")
    problems = []
    for query in QUERIES:
        expected = {f"/dl4sci/zh/{location}" for location in pages_using(site["dir"], query)}
        assert expected, f"no page uses {query}: pick another sample term"
        found = set(all_results(page, query))
        if not expected <= found:
            problems.append(f"{query}: not found {sorted(expected - found)}")
        if not all(path.startswith("/dl4sci/zh/") for path in found):
            problems.append(f"{query}: pages of another language {sorted(found)}")
    assert not problems, "\n".join(problems)


def test_result_previews_do_not_show_the_hidden_parts(page, server: str, site: dict) -> None:
    """图神经网络 is found by 神经网络 through the index's hidden ``parts`` field; the result
    shows the page's text, not that list of word endings."""
    index = json.loads((site["dir"] / "zh/search/search_index.json").read_text(encoding="utf-8"))
    parts = [
        doc["parts"]
        for doc in index["docs"]
        if doc["location"].startswith("fields/proteins/") and "parts" in doc
    ]
    assert any("神经网络" in listed.split() for listed in parts)
    page.goto(f"{server}zh/")
    assert "/dl4sci/zh/fields/proteins/" in all_results(page, "神经网络")
    shown = page.locator(".md-search-result__list").inner_text()
    assert "图神经网络" in shown
    for listed in parts:
        assert " ".join(listed.split()[:2]) not in shown


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
    values = page.evaluate(
        "() => [...document.querySelectorAll('.glossary tbody tr')]"
        ".map((row) => Number(row.cells[3].dataset.value))"
    )
    # Sections 1-10, then terms that took hold after the survey (11), then the site's own (12).
    assert values == sorted(values, reverse=True) and values[0] == 12 and values[-1] == 1
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


def px(value: str) -> float:
    return float(value.removesuffix("px"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_english_term_on_first_use_shows_reads_well_and_links(browser, server, scheme) -> None:
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{server}zh/supervised-methods/")
        glosses = tab.locator("article .term-en")
        assert glosses.count() >= 5
        link = tab.locator('article .term-en a[href$="#term-transfer-learning"]')
        expect(link).to_have_count(1)  # the first use only
        expect(link).to_be_visible()  # plain text: no hover needed on a touch screen
        assert link.inner_text() == "transfer learning"
        assert link.get_attribute("lang") == "en"
        gloss = link.locator("xpath=..")
        assert gloss.inner_text() == "（transfer learning）"
        term = gloss.evaluate("span => span.previousSibling.textContent")
        assert term.endswith("迁移学习")
        sizes = gloss.evaluate(
            "s => [getComputedStyle(s).fontSize, getComputedStyle(s.parentElement).fontSize]"
        )
        assert px(sizes[0]) < px(sizes[1])  # smaller than the sentence around it

        results = AXE.run(
            tab,
            context={"include": [["article .term-en"]]},
            options={
                "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                "resultTypes": ["violations", "passes"],
            },
        )
        assert not results.response["violations"], results.response["violations"]
        passes = {rule["id"]: len(rule["nodes"]) for rule in results.response["passes"]}
        assert passes.get("color-contrast", 0) >= 5, passes

        link.click()  # one click from the term to its glossary row
        tab.wait_for_url(re.compile(r"/zh/glossary/#term-transfer-learning$"))
        expect(tab.locator("#term-transfer-learning")).to_be_visible()
    finally:
        context.close()


def test_english_terms_stay_out_of_the_chinese_search_index(site: dict) -> None:
    index = json.loads((site["dir"] / "zh/search/search_index.json").read_text(encoding="utf-8"))
    pages = [doc for doc in index["docs"] if not doc["location"].startswith("glossary/")]
    assert not [doc["location"] for doc in pages if "transfer learning" in doc["text"]]
    built = (site["dir"] / "zh/supervised-methods/index.html").read_text(encoding="utf-8")
    assert 'class="term-en" data-search-exclude>' in built

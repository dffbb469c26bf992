"""The "Where do I start?" page in a browser: the form, shared URLs, no JavaScript, Chinese."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.data import resources, start_guide
from scripts.data.fields import load_fields

pytestmark = pytest.mark.browser

GUIDE = start_guide.load_guide()
GUIDE_CATALOGUE = resources.load_catalogue(start_guide.CATALOGUE_DIR)


def expected(choice: dict[str, str]) -> start_guide.Rule:
    rule = start_guide.resolve(GUIDE, choice)
    assert rule is not None
    return rule


def choose(page, choice: dict[str, str]) -> None:
    for name, value in choice.items():
        page.select_option(f"#start-{name}", value)


def answer(page) -> str:
    return page.locator("[data-start-guide]").get_attribute("data-answer")


CHOICES = [
    {"data": "images", "goal": "predict", "labels": "few", "size": "small"},
    {"data": "tabular", "goal": "predict", "labels": "plenty", "size": "small"},
    {"data": "sequences", "goal": "predict", "labels": "none", "size": "large"},
    {"data": "graphs", "goal": "transform", "labels": "few", "size": "large"},
    {"data": "multimodal", "goal": "generate", "labels": "plenty", "size": "large"},
]


@pytest.mark.parametrize("choice", CHOICES, ids=lambda c: "-".join(c.values()))
def test_choosing_inputs_shows_the_right_recommendation(page, server: str, choice) -> None:
    page.goto(f"{server}start/")
    form = page.locator("[data-start-form]")
    assert form.is_visible()
    assert not page.locator("[data-start-nojs]").is_visible()
    choose(page, choice)
    rule = expected(choice)
    assert answer(page) == rule.id
    box = page.locator("[data-start-answer]")
    assert rule.title.en in box.inner_text()
    if rule.no_default:
        assert "No good default" in box.inner_text()
    assert box.locator(".start-rec__list--read a").count() == len(rule.read)
    # The matching row is marked in the table, and the answer links to it.
    assert page.locator("tr.start-rule--match").get_attribute("id") == f"rule-{rule.id}"
    assert page.locator("[data-start-rule-link]").get_attribute("href") == f"#rule-{rule.id}"
    # The URL now carries the choice, ready to be shared.
    assert {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()} == choice
    assert not page.console_errors, page.console_errors


def test_shared_url_restores_the_choice(page, server: str) -> None:
    choice = {"data": "tabular", "goal": "understand", "labels": "none", "size": "large"}
    page.goto(f"{server}start/?data=tabular&goal=understand&labels=none&size=large")
    for name, value in choice.items():
        assert page.locator(f"#start-{name}").input_value() == value
    rule = expected(choice)
    assert answer(page) == rule.id == "understand-without-labels"
    assert rule.title.en in page.locator("[data-start-answer]").inner_text()
    # Unknown values are ignored (the form keeps its default), without errors.
    page.goto(f"{server}start/?data=spreadsheets&goal=generate")
    assert page.locator("#start-data").input_value() == "images"
    assert page.locator("#start-goal").input_value() == "generate"
    assert (
        answer(page)
        == expected({"data": "images", "goal": "generate", "labels": "plenty", "size": "small"}).id
    )
    assert not page.console_errors, page.console_errors


def test_keyboard_changes_the_answer_and_focus_is_visible(page, server: str) -> None:
    page.goto(f"{server}start/")
    page.locator("#start-goal").focus()
    assert document_active_id(page) == "start-goal"
    page.keyboard.press("Tab")
    assert document_active_id(page) == "start-labels"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # predict -> understand, on a closed select
    assert page.locator("#start-goal").input_value() == "understand"
    assert (
        answer(page)
        == expected(
            {"data": "images", "goal": "understand", "labels": "plenty", "size": "small"}
        ).id
    )
    assert "goal=understand" in page.url
    # Keyboard focus shows an outline (the focus-visible rule of start.css).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def document_active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_without_javascript_the_full_table_is_there(browser, server: str) -> None:
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}start/")
        assert not tab.locator("[data-start-form]").is_visible()
        assert not tab.locator("[data-start-result]").is_visible()
        assert tab.locator("[data-start-nojs]").is_visible()
        rows = tab.locator("[data-start-table] tbody tr")
        assert rows.count() == len(GUIDE.rules)
        assert rows.first.is_visible()
        for number, rule in enumerate(GUIDE.rules):
            row = rows.nth(number)
            assert row.get_attribute("id") == f"rule-{rule.id}"
            assert rule.title.en in row.inner_text()
    finally:
        context.close()


def test_chinese_page_works_the_same(page, server: str) -> None:
    page.goto(f"{server}zh/start/?data=images&goal=predict&labels=few&size=large")
    assert page.locator("html").get_attribute("lang") == "zh"
    rule = expected({"data": "images", "goal": "predict", "labels": "few", "size": "large"})
    assert answer(page) == rule.id
    box = page.locator("[data-start-answer]")
    assert rule.title.zh in box.inner_text()
    assert page.locator("label[for=start-data]").inner_text() == GUIDE.inputs["data"].label.zh
    choose(page, {"goal": "generate", "size": "small"})
    rule = expected({"data": "images", "goal": "generate", "labels": "few", "size": "small"})
    assert answer(page) == rule.id and rule.no_default
    assert "没有合适的默认方案" in box.inner_text()
    assert "data=images&goal=generate&labels=few&size=small" in page.url
    assert urlsplit(page.url).path.endswith("/zh/start/")
    # Links in the answer stay on the Chinese site.
    target = rule.read[0].split(".md#")[0]
    link = box.locator(".start-rec__list--read a").first
    # (the theme's instant navigation makes hrefs absolute)
    assert link.get_attribute("href").endswith("/zh/" + rule.read[0].replace(".md#", "/#"))
    link.click()
    page.wait_for_url(f"{server}zh/{target}/**")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert not page.console_errors, page.console_errors


def test_home_page_leads_here_with_instant_navigation(page, server: str) -> None:
    page.goto(server)
    page.wait_for_load_state("networkidle")  # instant navigation is ready once it has the sitemap
    page.evaluate("window.__instantMarker = 1")
    page.locator("article a.md-button[href$='start/']").click()
    page.wait_for_url(f"{server}start/")
    assert page.evaluate("window.__instantMarker") == 1, "the click reloaded the page"
    page.locator("[data-start-form]").wait_for(state="visible", timeout=5000)
    choose(page, {"data": "graphs", "goal": "predict", "labels": "plenty", "size": "small"})
    assert answer(page) == "graphs-predict-small"
    assert "data=graphs" in page.url
    assert not page.console_errors, page.console_errors


# --- The optional field (data/fields/*.yaml) ----------------------------------------------------

FIELDS = load_fields()


def field_links(page, selector: str) -> tuple[str, list[str]]:
    """The field page's link and the starters' links inside ``selector``."""
    block = page.locator(selector)
    return (
        block.locator(".start-field__page a").get_attribute("href"),
        [
            a.get_attribute("href")
            for a in block.locator(".start-rec__list--starters > li > a").all()
        ],
    )


def starter_hrefs(field_id: str) -> list[str]:
    return [GUIDE_CATALOGUE.get(rid).url for rid in FIELDS.get(field_id).starters]


def test_choosing_a_field_adds_its_block(page, server: str) -> None:
    page.goto(f"{server}start/")
    assert page.locator("label[for=start-field]").inner_text() == "Your field (optional)"
    assert page.locator("#start-field").input_value() == ""
    page.select_option("#start-field", "genomics")
    block = page.locator("[data-start-field-answer]")
    assert block.is_visible()
    assert "For your field" in block.inner_text()
    href, starters = field_links(page, "[data-start-field-answer]")
    assert href.endswith("/fields/genomics/")
    assert starters == starter_hrefs("genomics")
    assert parse_qs(urlsplit(page.url).query)["field"] == ["genomics"]
    # The four inputs' answer is unchanged by the field.
    assert (
        answer(page)
        == expected({"data": "images", "goal": "predict", "labels": "plenty", "size": "small"}).id
    )
    page.select_option("#start-field", "")
    assert not block.is_visible()
    assert "field" not in parse_qs(urlsplit(page.url).query)
    assert not page.console_errors, page.console_errors


def test_a_shared_url_restores_the_field_in_chinese(page, server: str) -> None:
    page.goto(f"{server}zh/start/?data=sequences&goal=predict&labels=few&size=large&field=proteins")
    assert page.locator("#start-field").input_value() == "proteins"
    assert page.locator("label[for=start-field]").inner_text() == "你的领域（可选）"
    block = page.locator("[data-start-field-answer]")
    assert block.is_visible() and "针对你的领域" in block.inner_text()
    href, starters = field_links(page, "[data-start-field-answer]")
    assert href.endswith("/zh/fields/proteins/")
    assert sorted(starters) == sorted(starter_hrefs("proteins"))
    assert (
        answer(page)
        == expected({"data": "sequences", "goal": "predict", "labels": "few", "size": "large"}).id
    )
    # An unknown field is ignored, like an unknown option of the other inputs.
    page.goto(f"{server}start/?field=astrology")
    assert page.locator("#start-field").input_value() == ""
    assert not page.locator("[data-start-field-answer]").is_visible()
    assert not page.console_errors, page.console_errors


def test_without_a_field_the_answer_is_as_before(page, server: str) -> None:
    choice = {"data": "tabular", "goal": "predict", "labels": "plenty", "size": "small"}
    page.goto(f"{server}start/")
    choose(page, choice)
    assert not page.locator("[data-start-field-answer]").is_visible()
    assert page.locator("[data-start-result] .start-field").count() == 0
    assert {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()} == choice


def test_without_javascript_every_field_is_listed(browser, server: str) -> None:
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}start/")
        assert not tab.locator("#start-field").is_visible()
        items = tab.locator("[data-start-fields] > li")
        assert [i.get_attribute("data-field") for i in items.all()] == [
            f.id for f in FIELDS.entries
        ]
        assert items.first.is_visible()
        href, starters = field_links(tab, "#field-genomics")
        assert href == "../fields/genomics/"
        assert starters == starter_hrefs("genomics")
    finally:
        context.close()

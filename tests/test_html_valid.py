"""Valid HTML on every built page of both languages (scripts/build/html_valid.py, the Nu Html
Checker).

One Java process checks the session's site, the variant build (tests/helpers.py), whose about
page has a hostile description, and that page with its description written back unescaped (to
prove the check catches what escaping prevents). Unit tests of the allow-list need no Java.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.build.html_valid import (
    Allowed,
    Finding,
    findings,
    load_allowlist,
    parse_allowlist,
    report,
    site_pages,
    triage,
    validate,
)
from tests.helpers import HOSTILE

HOSTILE_PAGE = "about/index.html"


class MetaDescriptions(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "description":
            self.found.append(a.get("content") or "")


def meta_descriptions(path: Path) -> list[str]:
    parser = MetaDescriptions()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def unescaped_copy(page: Path, target: Path) -> Path:
    """The hostile page with its description written raw, as a template without | e would."""
    html = page.read_text(encoding="utf-8")
    # Line-based: whatever the template wrote (escaped or not), the tag has a line of its own.
    new, n = re.subn(
        r'^(\s*)<meta name="description" .*$',
        lambda m: f'{m.group(1)}<meta name="description" content="{HOSTILE}">',
        html,
        count=1,
        flags=re.M,
    )
    assert n == 1, f"{page}: no <meta name=description> line"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def checked(site: dict, variant: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("vnu")
    hostile = variant["dir"]  # its about page has HOSTILE as description, in both languages
    pages = site_pages(site["dir"])
    extra = {
        "hostile/" + HOSTILE_PAGE: hostile / HOSTILE_PAGE,
        "hostile/zh/" + HOSTILE_PAGE: hostile / "zh" / HOSTILE_PAGE,
        "unescaped/" + HOSTILE_PAGE: unescaped_copy(hostile / HOSTILE_PAGE, tmp / "unescaped.html"),
    }
    found = validate({**pages, **extra})
    by_group: dict[str, list[Finding]] = {"site": [], "hostile": [], "unescaped": []}
    for f in found:
        group = f.page.split("/", 1)[0] if f.page in extra else "site"
        by_group[group].append(f)
    return {"pages": pages, "extra": extra, **by_group}


# --- the built site ---------------------------------------------------------------------------


def test_both_languages_are_checked(checked: dict) -> None:
    pages = checked["pages"]
    assert "index.html" in pages and "zh/index.html" in pages and "404.html" in pages
    english = {p for p in pages if not p.startswith("zh/")}
    assert {f"zh/{p}" for p in english} <= set(pages), "a page without its Chinese twin"


def test_no_validator_finding_outside_the_allowlist(checked: dict) -> None:
    unlisted, _ = triage(checked["site"], load_allowlist())
    assert not unlisted, "\n" + report(unlisted, [])


def test_every_allowlist_entry_still_occurs(checked: dict) -> None:
    _, unused = triage(checked["site"], load_allowlist())
    assert not unused, "\n" + report([], unused)


# --- bad input: a hostile page description ---------------------------------------------------


def test_hostile_description_is_escaped_and_valid(checked: dict) -> None:
    unlisted, _ = triage(checked["hostile"], load_allowlist())
    assert not unlisted, "\n" + report(unlisted, [])
    for name, path in checked["extra"].items():
        if name.startswith("hostile/"):
            assert meta_descriptions(path) == [HOSTILE], f"{name}: description changed on the way"


def test_unescaped_description_fails_validation(checked: dict) -> None:
    """What make test would report if the template wrote the description unescaped."""
    errors = [f for f in checked["unescaped"] if f.kind == "error"]
    assert any(f.line and "meta" in f.message for f in errors), [str(f) for f in errors]
    unlisted, _ = triage(errors, load_allowlist())
    assert unlisted, "the allow-list must not cover a broken meta tag"


# --- the allow-list and the triage, without Java -----------------------------------------------


def test_allowlist_file_is_well_formed() -> None:
    for entry in load_allowlist():
        assert len(entry.reason) >= 80, f"{entry}: say why it stays, in a sentence or two"
        assert entry.pages, entry


def test_allowlist_problems_are_all_reported() -> None:
    bad = [
        {"kind": "error", "message": "x", "pages": ["*"], "reason": "r"},
        {"kind": "note", "message": "(", "pages": "*", "reason": "r", "link": "http://a"},
        {
            "kind": "warning",
            "message": "x",
            "pages": ["*"],
            "reason": "r",
            "link": "https://a",
            "x": 1,
        },
    ]
    with pytest.raises(ValueError) as info:
        parse_allowlist(bad, "list.yaml")
    text = str(info.value)
    for expected in (  # the schema (tests/vnu-allowlist.schema.json), then the patterns
        "list.yaml:1: link: missing required field",
        "list.yaml:1: kind: unknown value 'note' (expected one of: error, warning)",
        "list.yaml:1: link: an https URL of the upstream issue",
        "list.yaml:1: pages: expected a list, got text",
        "list.yaml:1: message: not a regular expression",
        "list.yaml:1: x: unknown field",
    ):
        assert expected in text, text


def allowed(**kw: object) -> Allowed:
    base = {"kind": "error", "message": "^Bad", "pages": ["*"], "reason": "r", "link": "https://x"}
    return parse_allowlist([{**base, **kw}])[0]


def test_triage_matches_kind_message_page_and_extract_narrowly() -> None:
    hit = Finding("zh/a/index.html", 3, "error", "Bad value", '<label tabindex="">')
    listed = allowed(pages=["zh/a/*"], extract='tabindex=""')
    assert triage([hit], [listed]) == ([], [])
    for other in (
        Finding("a/index.html", 3, "error", "Bad value", '<label tabindex="">'),  # page
        Finding("zh/a/index.html", 3, "warning", "Bad value", '<label tabindex="">'),  # kind
        Finding("zh/a/index.html", 3, "error", "Not bad", '<label tabindex="">'),  # message
        Finding("zh/a/index.html", 3, "error", "Bad value", '<label tabindex="0">'),  # extract
    ):
        assert triage([other], [listed]) == ([other], [listed]), other


def test_findings_from_vnu_json(tmp_path: Path) -> None:
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text("<!doctype html>", encoding="utf-8")
    url = page.resolve().as_uri()
    messages = [
        {"type": "error", "url": url, "lastLine": 9, "message": "E", "extract": "<a>"},
        {"type": "info", "subType": "warning", "url": url, "lastLine": 2, "message": "W"},
        {"type": "info", "url": url, "lastLine": 4, "message": "just a note"},
        {"type": "non-document-error", "url": url, "message": "could not read"},
    ]
    got = findings(messages, {"x/index.html": page})
    assert [str(f) for f in got] == [
        "x/index.html:0: error: could not read",
        "x/index.html:2: warning: W",
        "x/index.html:9: error: E",
    ]


def test_a_bad_allow_list_is_one_message_before_the_validator_runs(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from scripts.build import html_valid

    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")

    def bad_list() -> list:
        raise ValueError("tests/vnu-allowlist.yaml:2: message: not a regular expression")

    def no_validator(pages: object) -> list:
        raise AssertionError("the validator ran before the allow-list was read")

    monkeypatch.setattr(html_valid, "load_allowlist", bad_list)
    monkeypatch.setattr(html_valid, "validate", no_validator)
    assert html_valid.main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("tests/vnu-allowlist.yaml:2: message:")

"""CITATION.cff and "cite this page" (scripts/render/cite_page.py, partials/exports/cite.html)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.data import ui
from scripts.render import cite_page
from tests.conftest import built_pages

ROOT = Path(__file__).resolve().parent.parent
CFF_SCHEMA = ROOT / "tests" / "fixtures" / "schemas" / "citation-file-format-1.2.0.json"


def mkdocs_yml() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: !ENV tags stay plain text


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(cff)]
    assert not errors, errors
    assert cff["license"] == "CC-BY-4.0"


def test_one_author_name_in_mkdocs_yml_ui_strings_and_citation_cff() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    author = mkdocs_yml()["site_author"]
    assert [a["name"] for a in cff["authors"]] == [author]
    assert ui.text("cite.authors", "en") == author


def cite_blocks(path: Path) -> list:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
        "details.cite-page"
    )


def test_every_page_has_one_cite_block_that_parses(site: dict) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    pages = built_pages(site["dir"])
    assert len(pages) > 40
    for path in pages:
        blocks = cite_blocks(path)
        name = path.relative_to(site["dir"]).as_posix()
        assert len(blocks) == 1, name
        plain, bibtex = (code.get_text() for code in blocks[0].select("pre code"))
        url = site["base"] + name.removesuffix("index.html")
        assert url in plain and commit[:7] in plain, name
        entry = bibtexparser.parse_string(bibtex).entries[0]
        assert entry.entry_type == "misc"
        assert entry["url"] == url
        assert commit[:7] in entry["note"]
        assert dt.date.fromisoformat(entry["urldate"])
        assert entry["author"] == "{" + ui.text("cite.authors", "en") + "}" or name.startswith(
            "zh/"
        )


def test_cite_block_speaks_the_page_language(site: dict) -> None:
    zh = cite_blocks(site["dir"] / "zh" / "about" / "index.html")[0]
    assert zh.summary.get_text(strip=True) == ui.text("cite.summary", "zh")
    plain = zh.select("pre code")[0].get_text()
    assert plain.startswith(ui.text("cite.authors", "zh") + "。《关于本站》。")
    en = cite_blocks(site["dir"] / "about" / "index.html")[0]
    assert en.summary.get_text(strip=True) == "Cite this page"
    # The copy buttons wait for site.js (hidden without scripts; the text stays selectable).
    assert all(b.has_attr("hidden") for b in en.select("button.cite-page__copy"))


def test_outside_git_the_commit_is_left_out(tmp_path: Path) -> None:
    info = cite_page.build_info(tmp_path)
    assert info.commit == ""
    text = cite_page.page_citation("T", "t/", "https://x.org/t/", "Site", "en", info)
    assert "commit" not in text["plain"] and "commit" not in text["bibtex"]
    assert text["plain"] == (
        f"The companion site's contributors. “T”. Site. Built on {info.date.isoformat()}."
        " https://x.org/t/"
    )


def test_source_date_epoch_fixes_the_build_date() -> None:
    assert cite_page.build_date({"SOURCE_DATE_EPOCH": "0"}) == dt.date(1970, 1, 1)
    assert cite_page.build_date({"SOURCE_DATE_EPOCH": "soon"}) == dt.datetime.now(dt.UTC).date()


@pytest.mark.parametrize("title", ["Tips & {tricks} 100% _fast_ #1", "引用 {本页}"])
def test_titles_with_bibtex_specials_round_trip(title: str) -> None:
    info = cite_page.BuildInfo(dt.date(2026, 1, 2), "a" * 40)
    text = cite_page.page_citation(title, "zh/x/", "https://x.org/zh/x/", "站", "zh", info)
    entry = bibtexparser.parse_string(text["bibtex"]).entries[0]
    assert entry.key == "dl4sci-zh-x-2026"
    assert entry["language"] == "zh"
    assert "aaaaaaa" in entry["note"] and "a" * 8 not in entry["note"]
    unescaped = entry["title"][1:-1].replace("\\", "")
    assert unescaped == title

"""scripts/build/compare_builds.py: what differs between two builds of the site (make
properdocs-check builds one with MkDocs and one with ProperDocs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scripts.build import compare_builds

LANGUAGES = ["en", "zh"]


def site(root: Path) -> Path:
    """A two-language site: two pages each, a search index per language."""
    for lang, prefix in (("en", ""), ("zh", "zh/")):
        for page in ("index.html", "about/index.html"):
            path = root / prefix / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f'<html><meta name="generator" content="mkdocs-1.6.1"><p>{lang} {page}</p></html>',
                encoding="utf-8",
            )
        index = {
            "config": {"lang": LANGUAGES, "separator": "[\\s]+"},
            "docs": [
                {"location": "", "title": "Home", "text": f"{lang} home"},
                {"location": "about/#licence", "title": "Licence", "text": "CC BY"},
            ],
        }
        path = root / prefix / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index), encoding="utf-8")
    return root


def test_identical_builds_have_no_difference(tmp_path: Path) -> None:
    a, b = site(tmp_path / "a"), site(tmp_path / "b")
    found, summary = compare_builds.compare_sites(a, b, LANGUAGES)
    assert found == []
    assert summary == "4 HTML pages in both builds; search index entries en 2, zh 2"


def test_the_generator_tag_is_not_a_difference(tmp_path: Path) -> None:
    a, b = site(tmp_path / "a"), site(tmp_path / "b")
    page = b / "zh" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7"),
        encoding="utf-8",
    )
    assert compare_builds.compare_sites(a, b, LANGUAGES)[0] == []


def test_pages_indexes_and_html_that_differ_are_each_named(tmp_path: Path) -> None:
    a, b = site(tmp_path / "a"), site(tmp_path / "b")
    shutil.rmtree(b / "zh" / "about")
    (b / "extra.html").write_text("<p>new</p>", encoding="utf-8")
    (b / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    path = b / "zh" / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["separator"] = "[\\s\\-]+"
    index["docs"][0]["text"] = "其他"
    index["docs"].append({"location": "new/", "title": "New", "text": ""})
    path.write_text(json.dumps(index), encoding="utf-8")
    found, _ = compare_builds.compare_sites(a, b, LANGUAGES)
    zh = "search index (zh, zh/search/search_index.json)"
    assert found == [
        "page only in the first: zh/about/index.html",
        "page only in the second: extra.html",
        f"{zh}: config 'separator': '[\\\\s]+' != '[\\\\s\\\\-]+'",
        f"{zh}: entry only in the second: new/",
        f"{zh}: entry differs: (home) (text)",
        "page HTML differs: index.html",
    ]


def test_a_missing_index_is_a_difference(tmp_path: Path) -> None:
    a, b = site(tmp_path / "a"), site(tmp_path / "b")
    (b / "zh" / "search" / "search_index.json").unlink()
    found, _ = compare_builds.compare_sites(a, b, LANGUAGES)
    assert found == ["search index (zh, zh/search/search_index.json): missing in the second"]


def test_the_command_compares_two_built_folders(tmp_path: Path, capsys) -> None:
    a, b = site(tmp_path / "a"), site(tmp_path / "b")
    assert compare_builds.main(["--sites", str(a), str(b)]) == 0
    assert "same pages, search indexes and HTML" in capsys.readouterr().out
    (b / "about" / "index.html").write_text("<p>other</p>", encoding="utf-8")
    assert compare_builds.main(["--sites", str(a), str(b)]) == 1
    assert "page HTML differs: about/index.html" in capsys.readouterr().out


def test_a_folder_without_pages_is_an_error_not_a_difference(tmp_path: Path, capsys) -> None:
    assert compare_builds.main(["--sites", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert "no built pages in" in capsys.readouterr().err

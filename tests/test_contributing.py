"""The contributor workflow: edit and view-source links on every page, the contributor guides,
issue forms and pull request template."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.data import site_paths
from tests.conftest import built_pages

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/dl4sci-survey/survey-companion"


def source_of(site_dir: Path, page: Path) -> str:
    """docs/<lang>/<file>.md for a built page, from the language of its URL and the twin rule."""
    rel = page.parent.relative_to(site_dir).as_posix()
    lang, rest = ("zh", rel[3:]) if rel == "zh" or rel.startswith("zh/") else ("en", rel)
    rest = "" if rest == "." else rest
    for folder in dict.fromkeys((lang, "en")):  # an untranslated page shows the English source
        source = site_paths.page_src(rest, ROOT / "docs" / folder)
        if source is not None:
            return f"docs/{folder}/{source}"
    raise AssertionError(f"no source for {page}")


def test_every_page_links_to_edit_and_view_its_own_source(site: dict) -> None:
    site_dir: Path = site["dir"]
    pages = [p for p in built_pages(site_dir) if p.parent.name != "404"]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        source = source_of(site_dir, page)
        assert f'href="{REPO}/edit/main/{source}"' in html, page
        assert f'href="{REPO}/raw/main/{source}"' in html, page


def test_generated_tables_link_to_their_data_file(site: dict) -> None:
    for page in ("glossary", "zh/glossary"):
        html = (site["dir"] / page / "index.html").read_text(encoding="utf-8")
        assert f'href="{REPO}/edit/main/data/glossary.yaml"' in html


def test_no_script_talks_to_github(site: dict) -> None:
    """Links only: the theme's repository widget would fetch star counts from the GitHub API."""
    for page in built_pages(site["dir"]):
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in html, page
        assert not re.search(r"<script[^>]+src=\"https?://", html), page


def test_contributor_guides_cover_every_task() -> None:
    english = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    chinese = (ROOT / "CONTRIBUTING.zh.md").read_text(encoding="utf-8")
    for command in (
        "python -m scripts translations update",
        "python -m scripts glossary dict",
        "python -m scripts glossary check",
        "python -m scripts typography check",
        "python -m scripts resources check",
        "make check",
    ):
        assert command in english and command in chinese, command
    for heading in ("## Translating a page", "## Adding a glossary term", "## Adding a resource"):
        assert heading in english
    for heading in ("## 翻译页面", "## 添加术语", "## 添加资源"):
        assert heading in chinese
    assert (
        english.count('<a id="translations"></a>')
        == chinese.count('<a id="translations"></a>')
        == 1
    )


def test_issue_forms_are_valid_github_forms() -> None:
    forms = ROOT / ".github" / "ISSUE_TEMPLATE"
    for name in ("translation-error.yml", "broken-resource.yml"):
        form = yaml.safe_load((forms / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids)), name
        for item in form["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
            assert item["attributes"], name
    assert (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").is_file()

"""scripts/data/site_paths.py: page <-> URL, language prefix, the nav, mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from scripts.data import site_paths
from scripts.data.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def test_page_src_inverts_page_url_for_every_page() -> None:
    """One mapping between a Markdown file and its directory URL, both ways."""
    docs = ROOT / "docs" / "en"
    for path in docs.rglob("*.md"):
        src = path.relative_to(docs).as_posix()
        assert site_paths.page_src(site_paths.page_url(src), docs) == src
    assert site_paths.page_src("no-such-page/", docs) is None


def test_site_path_has_the_language_prefix_only_outside_the_default_language() -> None:
    assert site_paths.site_path("en", "index.md") == "/"
    assert site_paths.site_path("en", "resources/all.md") == "/resources/all/"
    assert site_paths.site_path("zh", "resources/index.md") == "/zh/resources/"
    assert site_paths.built_page(Path("site"), "zh", "about.md") == Path("site/zh/about/index.html")
    assert site_paths.split_language("zh/about/", ["en", "zh"]) == ("zh", "about/")
    assert site_paths.split_language("zhx/about/", ["en", "zh"]) == ("en", "zhx/about/")


def test_relative_links_and_urls_between_pages() -> None:
    assert site_paths.relative_link("resources/index.md", "resources/all.md") == "all.md"
    assert site_paths.relative_link("about.md", "resources/all.md") == "resources/all.md"
    assert site_paths.relative_url("resources/all.md", "references.md") == "../../references/"
    assert site_paths.relative_url("index.md", "index.md") == "./"


def test_nav_pages_give_section_labels_to_bare_index_pages() -> None:
    nav = [
        {"Home": "index.md"},
        {"3 Resources": ["resources/index.md", {"All": "r/all.md"}]},
        {"Loose": ["loose.md"]},  # not an index page: it keeps no label
    ]
    assert site_paths.nav_pages(nav) == [
        ("index.md", "Home"),
        ("resources/index.md", "3 Resources"),
        ("r/all.md", "All"),
        ("loose.md", None),
    ]


def test_site_languages_come_from_mkdocs_own_config_loader() -> None:
    assert tuple(site_paths.site_languages(ROOT / "mkdocs.yml")) == LANGUAGES

"""The built HTML of both languages: twins, ids, hreflang, descriptions, no third parties."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.data import site_paths
from tests.conftest import built_pages

ROOT = Path(__file__).resolve().parent.parent

CJK = re.compile(r"[\u4e00-\u9fff]")


class Collector(HTMLParser):
    """Collects the tags and attributes the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def parse(path: Path) -> list[tuple[str, dict[str, str]]]:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.tags


def content_ids(path: Path) -> list[str]:
    """Heading ids inside the article, in order (the theme's own h1 has none)."""
    html = path.read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return re.findall(r"<h[2-6][^>]*\bid=\"([^\"]+)\"", article)


def english_pages(site_dir: Path) -> list[Path]:
    return [p for p in built_pages(site_dir) if p.relative_to(site_dir).parts[0] != "zh"]


def test_both_languages_are_built(site: dict) -> None:
    en = english_pages(site["dir"])
    assert len(en) >= 3
    for page in en:
        twin = site["dir"] / "zh" / page.relative_to(site["dir"])
        assert twin.is_file(), f"no Chinese twin for {page.relative_to(site['dir'])}"
        assert parse(page)[0] == ("html", {"lang": "en", "class": "no-js"})
        assert parse(twin)[0] == ("html", {"lang": "zh", "class": "no-js"})


def test_twins_have_the_same_heading_ids(site: dict) -> None:
    for page in english_pages(site["dir"]):
        twin = site["dir"] / "zh" / page.relative_to(site["dir"])
        assert content_ids(page) == content_ids(twin), page.relative_to(site["dir"])


def test_no_generated_numeric_slugs(site: dict) -> None:
    for page in built_pages(site["dir"]):
        bad = [i for i in content_ids(page) if re.fullmatch(r"_?\d+|_\d+", i)]
        assert not bad, f"{page}: headings without explicit ids: {bad}"


def test_hreflang_alternates_on_every_page(site: dict) -> None:
    for page in built_pages(site["dir"]):
        links = {
            a["hreflang"]: a["href"]
            for tag, a in parse(page)
            if tag == "link"
            and a.get("rel") == "alternate"
            and "hreflang" in a
            and "type" not in a  # a typed alternate is the feed (test_exports_feeds.py)
        }
        assert set(links) == {"en", "zh", "x-default"}, page
        for href in links.values():
            assert not urlsplit(href).netloc, f"{page}: absolute alternate {href}"
        assert links["x-default"] == links["en"]


def test_one_language_tag_per_language_everywhere(site: dict) -> None:
    """<html lang>, head alternates, the header's language links and the sitemap all say en or
    zh (the locales of mkdocs.yml); the review found zh-Hans in the head and zh elsewhere."""
    allowed = {"en", "zh", "x-default"}
    for page in built_pages(site["dir"]):
        chinese = page.relative_to(site["dir"]).parts[0] == "zh"
        for tag, attrs in parse(page):
            if tag == "html":
                assert attrs.get("lang") == ("zh" if chinese else "en"), page
            for name in ("hreflang", "lang"):
                if name in attrs:
                    assert attrs[name] in allowed, f"{page}: <{tag} {name}={attrs[name]!r}>"
    for sitemap in (site["dir"] / "sitemap.xml", site["dir"] / "zh" / "sitemap.xml"):
        tags = set(re.findall(r'hreflang="([^"]+)"', sitemap.read_text(encoding="utf-8")))
        assert tags <= allowed, f"{sitemap}: {tags}"


def test_every_page_has_its_own_meta_description(site: dict) -> None:
    defaults = set()
    for tag, attrs in parse(site["dir"] / "404.html"):
        if tag == "meta" and attrs.get("name") == "description":
            defaults.add(attrs["content"])
    for page in built_pages(site["dir"]):
        descriptions = [
            a["content"] for t, a in parse(page) if t == "meta" and a.get("name") == "description"
        ]
        assert len(descriptions) == 1 and descriptions[0].strip(), page
        assert descriptions[0] not in defaults, f"{page}: uses the site-wide description"
        if "zh" in page.relative_to(site["dir"]).parts[:1]:
            assert CJK.search(descriptions[0]), (
                f"{page}: Chinese page with a non-Chinese description"
            )


def test_nothing_is_loaded_from_third_parties(site: dict) -> None:
    for page in [*built_pages(site["dir"]), site["dir"] / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert 'data-md-component="source"' not in html, f"{page}: would call the GitHub API"
        for tag, attrs in parse(page):
            url = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") not in ("canonical",):
                url = attrs.get("href")
            if url:
                assert not urlsplit(url).netloc, f"{page}: <{tag}> loads {url}"


def test_sitemaps_and_404(site: dict) -> None:
    sitemap = (site["dir"] / "sitemap.xml").read_text(encoding="utf-8")
    assert "/zh/about/" in sitemap and "hreflang" in sitemap
    assert (site["dir"] / "zh" / "sitemap.xml").is_file()
    not_found = (site["dir"] / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in not_found and "页面不存在" in not_found
    assert parse(site["dir"] / "404.html")[0][1]["lang"] == "en", "root 404 must be English"
    assert not_found.index("Page not found") < not_found.index("页面不存在")
    zh_not_found = (site["dir"] / "zh" / "404.html").read_text(encoding="utf-8")
    assert zh_not_found.index("页面不存在") < zh_not_found.index("Page not found")
    assert f'href="/{site["dir"].name}/zh/"' in not_found
    # No twin to switch to: the switcher and hreflang name each language's home, on both 404s
    # (rendered before the pages, they held the last page's twins).
    for page in (not_found, zh_not_found):
        links = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', page)
        base = f"/{site['dir'].name}/"
        assert links == [(base, "en"), (base + "zh/", "zh"), (base, "x-default")]
        assert re.findall(r'href="([^"]+)" hreflang="\w+" class="md-select__link"', page) == [
            base,
            base + "zh/",
        ]


def test_search_index_per_language(site: dict) -> None:
    en = json.loads((site["dir"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh = json.loads(
        (site["dir"] / "zh" / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert en["docs"] and zh["docs"]
    assert not [d for d in en["docs"] if d["location"].startswith("zh/")]
    assert not [d for d in zh["docs"] if d["location"].startswith("zh/")]
    assert all(CJK.search(d["title"] + d["text"]) for d in zh["docs"] if d["text"])
    assert not any(CJK.search(d["title"]) for d in en["docs"])
    assert "\\u200b" in zh["config"]["separator"] or "\u200b" in zh["config"]["separator"]
    assert zh["config"]["lang"] == ["en", "zh"]


def test_chinese_pages_search_their_own_index(site: dict) -> None:
    html = (site["dir"] / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="__config"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["base"].endswith("zh/")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_section_pages_name_their_survey_section(site: dict, lang: str) -> None:
    from tests.pages import pages, read, relative

    for path in pages(lang):
        section = read(path).meta.get("survey_section")
        if not section:
            continue
        html_path = site_paths.built_page(site["dir"], lang, relative(path, lang))
        html = html_path.read_text(encoding="utf-8")
        label = f"Survey section {section}" if lang == "en" else f"对应综述第 {section} 节"
        assert label in html, f"{html_path}: no '{label}'"


def test_the_scripts_templates_are_not_published(site: dict) -> None:
    """The fragments scripts/ render and the PDF stylesheets live in templates/, outside the
    theme folder MkDocs copies into the site (it published partials/pdf/*.css before)."""
    assert not (site["dir"] / "partials").exists()
    published = {path.name for path in site["dir"].rglob("*.css")}
    stylesheets = {path.name for path in (ROOT / "templates").rglob("*.css")}
    assert {"book.css", "figure.css"} <= stylesheets and not stylesheets & published
    # MkDocs publishes every file of overrides/ that is not a template it renders
    files = [path for path in (ROOT / "overrides").rglob("*") if path.is_file()]
    assert {path.suffix for path in files} == {".html"}


def _entry_blocks(html: str) -> dict[str, str]:
    """Each catalogue entry's HTML (from its <li id="res-..."> to the next entry)."""
    starts = [(m.start(), m["id"]) for m in re.finditer(r'<li id="res-(?P<id>[a-z0-9-]+)">', html)]
    ends = [start for start, _ in starts[1:]] + [len(html)]
    return {entry_id: html[start:end] for (start, entry_id), end in zip(starts, ends, strict=True)}


def test_every_blocked_entry_shows_a_mirror_or_an_alternative_on_the_chinese_site(
    site: dict,
) -> None:
    """Issue 23: access is inherited per host (data/access.yaml); on the Chinese pages every
    entry that is blocked from mainland China names a way round, mirrors and alternatives
    labelled apart; the English pages show none of it."""
    from scripts.data import resources

    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    blocked = {
        entry.id
        for entry in catalogue.entries
        if (access := catalogue.access_of(entry)) is not None and access.level == "blocked"
    }
    assert len(blocked) >= 5, blocked
    for page in ("zh/resources/all/index.html", "zh/resources/index.html"):
        blocks = _entry_blocks((site["dir"] / page).read_text(encoding="utf-8"))
        for entry_id in blocked & set(blocks):
            block = blocks[entry_id]
            assert "cat-cn--blocked" in block, (page, entry_id)
            ways = re.findall(r'<span class="cat-(mirrors|alternatives)">[^<]*<a href="http', block)
            assert ways, f"{page}: {entry_id} is blocked but names no mirror or alternative"
        assert blocked <= set(
            _entry_blocks((site["dir"] / "zh/resources/all/index.html").read_text(encoding="utf-8"))
        )
    for page in ("resources/all/index.html", "resources/index.html"):
        assert "cat-cn" not in (site["dir"] / page).read_text(encoding="utf-8")


def test_the_status_definitions_are_on_both_catalogue_pages(site: dict) -> None:
    for page in ("resources/all/index.html", "zh/resources/all/index.html"):
        html = (site["dir"] / page).read_text(encoding="utf-8")
        assert html.count('<dl class="cat-status-list"') == 3, page
        assert 'data-status-set="maintained"' in html and 'data-status-set="finished"' in html


def test_review_dates_appear_only_with_their_sources(site: dict) -> None:
    for page in ("resources/index.html", "zh/resources/index.html"):
        html = (site["dir"] / page).read_text(encoding="utf-8")
        reviewed = re.findall(
            r'<details class="cat-evidence cat-review"><summary>.*?</details>', html, re.S
        )
        assert reviewed, page
        for block in reviewed:
            assert '<ul class="cat-sources">' in block and '<a href="http' in block, block[:200]
        # No date outside such a block says "reviewed".
        rest = re.sub(
            r'<details class="cat-evidence cat-review">.*?</details>', "", html, flags=re.S
        )
        assert "cat-review" not in rest

"""Every catalogue entry is reachable from a page a reader visits: a res: link or a rendered
list on some page other than the All resources page (which lists everything by design), in the
built site of each language. And the catalogue keeps its size (issue 22: at least 170)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.data import resources
from tests.conftest import built_pages

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = resources.load_catalogue(ROOT / "data" / "resources")


def test_the_catalogue_has_at_least_170_entries() -> None:
    assert CATALOGUE.problems == ()
    assert len(CATALOGUE.entries) >= 170, len(CATALOGUE.entries)


def linked_ids(site_dir: Path, lang: str) -> set[str]:
    """Ids of entries that some built page of ``lang`` (not resources/all) lists or links to."""
    by_url: dict[str, set[str]] = {}
    for entry in CATALOGUE.entries:
        by_url.setdefault(entry.url, set()).add(entry.id)
    found: set[str] = set()
    for page in built_pages(site_dir):
        path = page.relative_to(site_dir).as_posix()
        if (path.startswith("zh/") != (lang == "zh")) or path.endswith("resources/all/index.html"):
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article is None:
            continue
        for item in article.select("li[id^=res-]"):
            found.add(item["id"].removeprefix("res-"))
        for link in article.select("a[href]"):
            href = link["href"]
            found |= by_url.get(href, set())
            if "#res-" in href:  # a gone entry's link goes to its catalogue row
                found.add(href.split("#res-", 1)[1])
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_entry_is_linked_from_some_page(site: dict, lang: str) -> None:
    missing = sorted({e.id for e in CATALOGUE.entries} - linked_ids(site["dir"], lang))
    assert not missing, (
        f"catalogue entries no {lang} page lists or links (add a res: link or a marker): "
        + ", ".join(missing)
    )


def test_the_check_sees_lists_links_and_nothing_else(tmp_path: Path) -> None:
    first, second, third = CATALOGUE.entries[:3]
    page = '<article><ul><li id="res-{}">x</li></ul><a href="{}">y</a></article>'
    for folder, html in {
        "a": page.format(first.id, second.url),
        "resources/all": page.format(third.id, third.url),  # the full list does not count
    }.items():
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text(html, encoding="utf-8")
    assert linked_ids(tmp_path, "en") >= {first.id, second.id}
    assert third.id not in linked_ids(tmp_path, "en")
    assert linked_ids(tmp_path, "zh") == set()

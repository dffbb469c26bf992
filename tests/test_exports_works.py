"""scripts/exports/works.py and the built site's bibliography files: every generated file read
back with a real parser (bibtexparser, rispy, the CSL data schema) and compared with
data/references.bib; the COinS spans read the way Zotero's COinS translator reads them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import jsonschema
import pytest
import rispy
from bs4 import BeautifulSoup

from scripts.data import references
from scripts.data.references import load_works, name_parts
from scripts.exports import site as exports_site
from scripts.exports import works
from scripts.render.citations import context_object, context_objects, render_list
from scripts.render.templates import render_template

ROOT = Path(__file__).resolve().parent.parent
CSL_SCHEMA = ROOT / "tests" / "fixtures" / "schemas" / "csl-data.json"
WORKS = load_works()


def csl_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(CSL_SCHEMA.read_text(encoding="utf-8")))


def bib_files(site_dir: Path, ext: str) -> list[Path]:
    files = sorted((site_dir / "exports").rglob(f"*.{ext}"))
    return [f for f in files if f.name not in ("resources.json", "resource.schema.json")]


# --- The whole bibliography and the per-page files ----------------------------------------------


def test_csl_json_is_valid_against_the_csl_data_schema(site: dict) -> None:
    validator = csl_validator()
    files = bib_files(site["dir"], "json")
    assert len(files) > 20, files
    for path in files:
        items = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(items)]
        assert not errors, f"{path}: {errors[:3]}"
    items = json.loads((site["dir"] / "exports" / "references.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == list(WORKS)
    for item in items:
        work = WORKS[item["id"]]
        assert item["title"] == work.title
        assert item["issued"]["date-parts"][0][0] == int(work.year)
        families = [a.get("family") or a.get("literal") for a in item["author"]]
        real = [a for a in work.authors if a != "others"]
        assert families == [name_parts(a)[0] for a in real]
        assert item.get("DOI", "") == work.doi
    types = {i["id"]: i["type"] for i in items}
    assert types["raghu2020survey"] == "article"  # an arXiv preprint
    assert types["goodfellow2014generative"] == "paper-conference"


def test_bibtex_round_trips_to_the_same_entries(site: dict) -> None:
    source = {
        e.key: e
        for e in bibtexparser.parse_string(
            (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
        ).entries
    }
    for path in bib_files(site["dir"], "bib"):
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        assert not library.failed_blocks, path
        for entry in library.entries:
            original = source[entry.key]
            assert entry.entry_type == original.entry_type
            assert {f.key: f.value for f in entry.fields} == {
                f.key: f.value for f in original.fields
            }, f"{path}: {entry.key}"
    whole = bibtexparser.parse_string(
        (site["dir"] / "exports" / "references.bib").read_text(encoding="utf-8")
    )
    assert [e.key for e in whole.entries] == list(source)


def test_ris_records_match_the_bibliography(site: dict) -> None:
    for path in bib_files(site["dir"], "ris"):
        records = rispy.loads(path.read_text(encoding="utf-8"))
        assert records, path
        for record in records:
            work = WORKS[record["id"]]
            assert record["title"] == work.title
            assert record["year"] == work.year
            assert record["authors"] == [a for a in work.authors if a != "others"]
            assert record["type_of_reference"] in ("JOUR", "CPAPER", "BOOK", "CHAP")
            assert record.get("doi", "") == work.doi
            if work.arxiv:
                assert f"https://arxiv.org/abs/{work.arxiv}" in record["urls"]
    whole = rispy.loads((site["dir"] / "exports" / "references.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in whole] == list(WORKS)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_page_file_holds_the_works_that_page_cites(site: dict, lang: str) -> None:
    pages = exports_site.cited_pages(lang, "en")
    assert "introduction.md" in pages
    for page, keys in pages.items():
        stem = works.file_stem(page)
        path = site["dir"] / "exports" / lang / f"{stem}.json"
        assert [i["id"] for i in json.loads(path.read_text(encoding="utf-8"))] == keys, page


def test_pages_link_their_own_downloads(site: dict) -> None:
    for html_path, files in (
        ("introduction/index.html", "exports/en/introduction"),
        ("zh/introduction/index.html", "exports/zh/introduction"),
        ("references/index.html", "exports/references"),
        ("zh/references/index.html", "exports/references"),
    ):
        page = site["dir"] / html_path
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("p.exports-downloads a")]
        assert len(links) == 3, html_path
        for href in links:
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{html_path}: {href}"
            assert target.as_posix().endswith(files + target.suffix)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "BibTeX, RIS, CSL-JSON. Zotero's browser connector also finds"),
        ("zh", "BibTeX、RIS、CSL-JSON。Zotero 浏览器插件也能识别"),
    ],
)
def test_the_formats_list_ends_its_sentence_before_the_zotero_one(lang: str, text: str) -> None:
    html = render_template(
        "exports/downloads.html",
        label="exports.all_works",
        lang=lang,
        base="exports/references",
        formats=exports_site.BIB_FORMATS,
    )
    assert text in BeautifulSoup(html, "html.parser").get_text()


# --- COinS, read as Zotero reads it -------------------------------------------------------------
# zotero/translators COinS.js (detectWeb) takes every span.Z3988[title] and keeps those that
# Zotero.Utilities.parseContextObject (zotero/utilities openurl.js) gives an item type; two or
# more make the connector offer "multiple" items. parseContextObject splits the title on "&",
# decodes each value with "+" (and %2B) as a space, and tests genres as exact parts
# ("rft.genre=proceeding"). The functions below follow those rules.

FORMATS = {
    "info:ofi/fmt:kev:mtx:journal": "journalArticle",
    "info:ofi/fmt:kev:mtx:dc": "webpage",
}
BOOK_GENRES = {
    "rft.genre=bookitem": "bookSection",
    "rft.genre=proceeding": "conferencePaper",
    "rft.genre=conference": "conferencePaper",
}


def zotero_item(title: str) -> dict:
    parts = title.split("&")
    item: dict = {"creators": []}
    for part in parts:
        if part.startswith("rft_val_fmt="):
            fmt = unquote(part[12:])
            if fmt == "info:ofi/fmt:kev:mtx:book":
                item["type"] = next((t for g, t in BOOK_GENRES.items() if g in parts), "book")
            else:
                item["type"] = FORMATS.get(fmt)
            break
    for part in parts:
        key, _, value = part.partition("=")
        value = unquote(re.sub(r"\+|%2[bB]", " ", value))
        in_container = item.get("type") in ("journalArticle", "bookSection", "conferencePaper")
        title_key = {
            "rft.btitle": item.get("type") in ("book", "report"),
            "rft.atitle": in_container,
            "rft.title": not in_container,
        }
        if title_key.get(key):
            item["title"] = value
        elif key == "rft.type" and value == "preprint":
            item["type"] = "preprint"
        elif key in ("rft.au", "rft.aucorp"):
            item["creators"].append(value)
        elif key == "rft_id" and value.startswith("info:doi/"):
            item["doi"] = value[9:]
        elif key == "rft.date":
            item["date"] = value
    return item


def coins_titles(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [span["title"] for span in soup.select("span.Z3988[title]")]


def test_references_page_offers_every_work_to_zotero(site: dict) -> None:
    for html_path in ("references/index.html", "zh/references/index.html"):
        titles = coins_titles(site["dir"] / html_path)
        assert len(titles) == len(WORKS) > 1  # "multiple": the connector lists them all
        for title in titles:
            item = zotero_item(title)
            assert item["type"], title
            assert item["creators"] and item.get("title"), title
        by_title = {zotero_item(t)["title"]: zotero_item(t) for t in titles}
        for work in WORKS.values():
            item = by_title[work.title.replace("+", " ")]  # Zotero reads any "+" as a space
            assert item["date"] == work.year
            assert item.get("doi", "") == work.doi
            assert item["creators"] == [a for a in work.authors if a != "others"]


def test_a_page_offers_the_works_it_cites(site: dict) -> None:
    page = site["dir"] / "introduction" / "index.html"
    keys = references.citation_keys(
        (ROOT / "docs" / "en" / "introduction.md").read_text(encoding="utf-8")
    )
    titles = [zotero_item(t)["title"] for t in coins_titles(page)]
    assert titles == [WORKS[k].title.replace("+", " ") for k in keys]


def test_item_types_by_entry_type() -> None:
    types = {k: zotero_item(context_object(w))["type"] for k, w in WORKS.items()}
    assert types["raghu2020survey"] == "preprint"
    assert types["goodfellow2014generative"] == "conferencePaper"
    assert types["schawinski2017generative"] == "journalArticle"
    assert set(types.values()) <= {
        "preprint",
        "conferencePaper",
        "journalArticle",
        "book",
        "bookSection",
    }


# --- Bad or unusual input ------------------------------------------------------------------------

ODD_BIB = r"""
@article{muller2021odd,
  author  = {M{\"u}ller, J{\"o}rg and {Deep Learning Consortium} and others},
  title   = {Signal + noise: {A} \& {B} at 50\% {\"u}ber {GPUs}},
  journal = {Journal of Odd Titles},
  year    = {2021},
  month   = {jul},
  volume  = {3},
  number  = {2},
  pages   = {10--20},
  doi     = {10.1000/odd-1}
}
"""


def test_odd_titles_and_names_survive_every_format(tmp_path: Path) -> None:
    bib = tmp_path / "odd.bib"
    bib.write_text(ODD_BIB, encoding="utf-8")
    work = load_works(bib)["muller2021odd"]
    assert work.title == "Signal + noise: A & B at 50% über GPUs"
    item = zotero_item(context_object(work))
    # Zotero reads "+" as a space, so the plus sign is written as one: no "%2B" to misread.
    assert item["title"] == "Signal   noise: A & B at 50% über GPUs"
    assert item["creators"] == ["Müller, Jörg", "Deep Learning Consortium"]
    assert "&rft.aucorp=Deep Learning Consortium&" in context_object(work)
    assert "A %26 B at 50%25 über" in context_object(work)  # "&" and "%" escaped, letters kept
    csl = works.to_csl(work)
    assert csl["author"][1] == {"literal": "Deep Learning Consortium"}
    assert csl["issued"] == {"date-parts": [[2021, 7]]}
    assert csl["page"] == "10-20"
    assert not list(csl_validator().iter_errors([csl]))
    record = rispy.loads(works.ris([work]))[0]
    assert (record["start_page"], record["end_page"]) == ("10", "20")
    assert record["title"] == work.title
    again = bibtexparser.parse_string(works.bibtex([work])).entries[0]
    assert again["title"] == r"Signal + noise: {A} \& {B} at 50\% {\"u}ber {GPUs}"


def test_a_doi_is_percent_encoded_once_wherever_it_is_a_link(tmp_path: Path) -> None:
    """A DOI may hold any printable character: a "#" would end the address at the fragment."""
    bib = tmp_path / "odd.bib"
    bib.write_text(ODD_BIB.replace("10.1000/odd-1", "10.1000/abc<1>;2-#"), encoding="utf-8")
    work = load_works(bib)["muller2021odd"]
    address = "https://doi.org/10.1000/abc%3C1%3E%3B2-%23"  # rispy splits URLs at ";"
    assert work.link == address
    html = render_list([work], "en", "")
    assert [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")] == [address]
    assert works.to_csl(work)["URL"] == address and works.to_csl(work)["DOI"] == work.doi
    assert rispy.loads(works.ris([work]))[0]["urls"] == [address]


def test_an_unreadable_bibliography_gives_no_coins(tmp_path: Path) -> None:
    assert context_objects(tmp_path / "missing.bib") == {}


def test_file_stems_are_safe_names() -> None:
    assert works.file_stem("fields/genomics.md") == "fields-genomics"
    assert works.file_stem("index.md") == "index"
    assert works.file_stem("resources/index.md") == "resources"

"""The cited works of data/references.bib as files a reference manager imports: BibTeX,
RIS and CSL-JSON, each derived from the same ``Work`` (scripts/data/works.py), so they agree
with each other and with the COinS of the pages (scripts/render/coins.py). The tests read each
file back with a real parser (bibtexparser, rispy, the CSL data schema) and compare it with the
bibliography.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from bibtexparser.library import Library

from scripts.data.works import Work, name_parts, real_authors

# BibTeX entry type -> (CSL type, RIS type); an @article whose journal is a preprint server is
# a preprint (CSL "article", RIS "UNPB" would lose the journal, so RIS keeps JOUR).
TYPES = {
    "article": ("article-journal", "JOUR"),
    "inproceedings": ("paper-conference", "CPAPER"),
    "book": ("book", "BOOK"),
    "incollection": ("chapter", "CHAP"),
}


# --- CSL-JSON ------------------------------------------------------------------------------------


def to_csl(work: Work) -> dict:
    csl_type = "article" if work.preprint else None
    item: dict = {"id": work.key, "type": csl_type or TYPES.get(work.entry_type, ("document",))[0]}
    authors = []
    for author in real_authors(work):
        family, given = name_parts(author)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    item["author"] = authors
    item["title"] = work.title
    date = [int(work.year)] + ([work.month] if work.month else [])
    item["issued"] = {"date-parts": [date]}
    container = work.journal or work.booktitle
    if container and csl_type != "article":
        item["container-title"] = container
    if work.preprint and work.arxiv:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{work.arxiv}"
    elif work.publisher:
        item["publisher"] = work.publisher
    for name, value in (("volume", work.volume), ("issue", work.number), ("page", work.page_text)):
        if value:
            item[name] = value
    if work.doi:
        item["DOI"] = work.doi
    if work.link:
        item["URL"] = work.link
    return item


def csl_json(works: list[Work]) -> str:
    return json.dumps([to_csl(w) for w in works], ensure_ascii=False, indent=2) + "\n"


# --- RIS -----------------------------------------------------------------------------------------


def to_ris(work: Work) -> dict:
    record: dict = {
        "type_of_reference": TYPES.get(work.entry_type, ("", "GEN"))[1],
        "id": work.key,
        "authors": real_authors(work),
        "title": work.title,
        "year": work.year,
    }
    container = work.journal or work.booktitle
    if container:
        record["secondary_title"] = container
    if work.volume:
        record["volume"] = work.volume
    if work.number:
        record["number"] = work.number
    first, last = work.page_range
    if first:
        record["start_page"] = first
    if last:
        record["end_page"] = last
    if work.publisher:
        record["publisher"] = work.publisher
    if work.doi:
        record["doi"] = work.doi
    arxiv = f"https://arxiv.org/abs/{work.arxiv}" if work.arxiv else ""
    record["urls"] = list(dict.fromkeys(u for u in (work.link, arxiv) if u))
    return record


def ris(works: list[Work]) -> str:
    return rispy.dumps([to_ris(w) for w in works])


# --- BibTeX --------------------------------------------------------------------------------------


def bibtex(works: list[Work]) -> str:
    """The entries as data/references.bib has them (same keys, types and fields)."""
    library = Library([w.entry for w in works if w.entry is not None])
    return bibtexparser.write_string(library)


SAFE_NAME_RE = re.compile(r"[^a-z0-9-]+")


def file_stem(page: str) -> str:
    """The name of a page's "works cited" files: ``fields/genomics.md`` -> ``fields-genomics``."""
    stem = page.removesuffix(".md").removesuffix("/index") or "index"
    return SAFE_NAME_RE.sub("-", stem.lower()).strip("-") or "index"

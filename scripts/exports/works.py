"""The cited works of data/references.bib as BibTeX, RIS and CSL-JSON files, each derived from
the same ``Work`` (scripts/data/references.py), so they agree with each other and with the pages'
COinS (the tests read each file back with a real parser)."""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from bibtexparser.library import Library

from scripts.data.references import Work, name_parts, real_authors

# BibTeX entry type -> (CSL type, RIS type); an @article whose journal is a preprint server is
# a preprint (CSL "article", RIS "UNPB" would lose the journal, so RIS keeps JOUR).
TYPES = {
    "article": ("article-journal", "JOUR"),
    "inproceedings": ("paper-conference", "CPAPER"),
    "book": ("book", "BOOK"),
    "incollection": ("chapter", "CHAP"),
}


def _filled(record: dict) -> dict:
    """``record`` without its empty fields."""
    return {name: value for name, value in record.items() if value}


def to_csl(work: Work) -> dict:
    csl_type = "article" if work.preprint else TYPES.get(work.entry_type, ("document",))[0]
    authors = []
    for author in real_authors(work):
        family, given = name_parts(author)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    on_arxiv = work.preprint and work.arxiv
    return _filled(
        {
            "id": work.key,
            "type": csl_type,
            "author": authors,
            "title": work.title,
            "issued": {"date-parts": [[int(work.year)] + ([work.month] if work.month else [])]},
            "container-title": "" if work.preprint else work.journal or work.booktitle,
            "publisher": "arXiv" if on_arxiv else work.publisher,
            "number": f"arXiv:{work.arxiv}" if on_arxiv else "",
            "volume": work.volume,
            "issue": work.number,
            "page": work.page_text,
            "DOI": work.doi,
            "URL": work.link,
        }
    )


def csl_json(works: list[Work]) -> str:
    return json.dumps([to_csl(w) for w in works], ensure_ascii=False, indent=2) + "\n"


def to_ris(work: Work) -> dict:
    first, last = work.page_range
    arxiv = f"https://arxiv.org/abs/{work.arxiv}" if work.arxiv else ""
    return _filled(
        {
            "type_of_reference": TYPES.get(work.entry_type, ("", "GEN"))[1],
            "id": work.key,
            "authors": real_authors(work),
            "title": work.title,
            "year": work.year,
            "secondary_title": work.journal or work.booktitle,
            "volume": work.volume,
            "number": work.number,
            "start_page": first,
            "end_page": last,
            "publisher": work.publisher,
            "doi": work.doi,
            "urls": list(dict.fromkeys(u for u in (work.link, arxiv) if u)),
        }
    )


def ris(works: list[Work]) -> str:
    return rispy.dumps([to_ris(w) for w in works])


def bibtex(works: list[Work]) -> str:
    """The entries as data/references.bib has them (same keys, types and fields)."""
    library = Library([w.entry for w in works if w.entry is not None])
    return bibtexparser.write_string(library)


SAFE_NAME_RE = re.compile(r"[^a-z0-9-]+")


def file_stem(page: str) -> str:
    """The name of a page's "works cited" files: ``fields/genomics.md`` -> ``fields-genomics``."""
    stem = page.removesuffix(".md").removesuffix("/index") or "index"
    return SAFE_NAME_RE.sub("-", stem.lower()).strip("-") or "index"

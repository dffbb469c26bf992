"""Every field of data/references.bib, cleaned of BibTeX markup, one ``Work`` per entry: what
the bibliography's exports (scripts/exports/works.py) and COinS (scripts/render/coins.py) are
made from. Validation is scripts/data/references.py's (the build stops on a bad bibliography
before anything reads this)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry

from scripts.data.references import DEFAULT_BIB, _clean, _month, split_authors

PREPRINT_VENUES = ("arxiv",)


@dataclass(frozen=True)
class Work:
    """One entry of the bibliography with its fields cleaned of BibTeX markup."""

    key: str
    entry_type: str  # lower-case BibTeX type
    authors: tuple[str, ...]  # "Last, First" or an institution
    title: str
    year: str
    month: int = 0
    journal: str = ""
    booktitle: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    entry: Entry | None = None  # the parsed block, for BibTeX written as the data has it

    @property
    def preprint(self) -> bool:
        """An @article whose journal is a preprint server (or missing): "arXiv preprint"."""
        venue = self.journal.lower()
        return self.entry_type == "article" and (
            not venue or any(name in venue for name in PREPRINT_VENUES)
        )

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        return self.url

    @property
    def page_text(self) -> str:
        """Pages with a plain hyphen ("L110-L114"; the cleaned BibTeX "--" is an en dash)."""
        return self.pages.replace("--", "-").replace("–", "-")

    @property
    def page_range(self) -> tuple[str, str]:
        first, _, last = self.page_text.partition("-")
        return first.strip(), last.strip()


def _field(entry: Entry, name: str) -> str:
    found = entry.fields_dict.get(name)
    return "" if found is None else _clean(str(found.value))


def _work(entry: Entry) -> Work:
    raw_author = entry.fields_dict.get("author")
    return Work(
        key=entry.key,
        entry_type=entry.entry_type.lower(),
        authors=split_authors(str(raw_author.value)) if raw_author else (),
        title=_field(entry, "title"),
        year=_field(entry, "year"),
        month=_month(_field(entry, "month")),
        journal=_field(entry, "journal"),
        booktitle=_field(entry, "booktitle"),
        volume=_field(entry, "volume"),
        number=_field(entry, "number"),
        pages=_field(entry, "pages"),
        publisher=_field(entry, "publisher"),
        doi=_field(entry, "doi"),
        arxiv=_field(entry, "eprint"),
        url=_field(entry, "url"),
        entry=entry,
    )


def load_works(path: Path = DEFAULT_BIB) -> dict[str, Work]:
    """Every parseable entry of a .bib file by key, in file order (validation is
    scripts/references.py's job: the build stops on a bad bibliography before exports run)."""
    stat = path.stat()
    return dict(_load(str(path), stat.st_mtime_ns))


@lru_cache(maxsize=4)
def _load(path: str, _mtime_ns: int) -> tuple[tuple[str, Work], ...]:
    library = bibtexparser.parse_string(Path(path).read_text(encoding="utf-8"))
    return tuple((entry.key, _work(entry)) for entry in library.entries)


def name_parts(author: str) -> tuple[str, str]:
    """(family, given) from "Last, First"; an institution (no comma) is all family."""
    if "," in author:
        family, given = (part.strip() for part in author.split(",", 1))
        return family, given
    return author.strip(), ""


def real_authors(work: Work) -> list[str]:
    return [a for a in work.authors if a.lower() != "others"]

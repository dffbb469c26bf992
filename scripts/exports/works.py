"""The cited works of data/references.bib as a reference manager reads them: BibTeX, RIS,
CSL-JSON and COinS (the OpenURL ContextObject that Zotero's browser connector finds in a page).

Every format is derived from the same parsed entry (``Work``), so the four agree; the tests read
each file back with a real parser (bibtexparser, rispy, the CSL data schema) and compare it with
the bibliography.

COinS, as Zotero reads it (read in zotero/translators COinS.js, "lastUpdated" 2021-06-01, at
commit 2814370161d0, and Zotero.Utilities.parseContextObject in zotero/utilities openurl.js at
4051881d59c6): the translator takes every ``span.Z3988[title]``; the title is split on ``&``
and each value decoded with decodeURIComponent after ``+`` and ``%2B`` became spaces. A span
counts only if ``rft_val_fmt`` gives an item type: ``mtx:journal`` is a journal article,
``mtx:book`` with the exact part ``rft.genre=proceeding`` a conference paper (``bookitem`` a
book section), ``mtx:dc`` with ``rft.type=preprint`` a preprint. Two or more typed spans make
the connector offer a list to pick from ("multiple"). A span with a title and at least one
``rft.au`` is imported as it is; without a creator Zotero looks the item up online, which we
avoid by always naming the authors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import bibtexparser
import rispy
from bibtexparser.library import Library
from bibtexparser.model import Entry

from scripts.data.references import DEFAULT_BIB, _clean, _month, split_authors

# BibTeX entry type -> (CSL type, RIS type); an @article whose journal is a preprint server is
# a preprint (CSL "article", RIS "UNPB" would lose the journal, so RIS keeps JOUR).
TYPES = {
    "article": ("article-journal", "JOUR"),
    "inproceedings": ("paper-conference", "CPAPER"),
    "book": ("book", "BOOK"),
    "incollection": ("chapter", "CHAP"),
}
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


# --- Names ---------------------------------------------------------------------------------------


def name_parts(author: str) -> tuple[str, str]:
    """(family, given) from "Last, First"; an institution (no comma) is all family."""
    if "," in author:
        family, given = (part.strip() for part in author.split(",", 1))
        return family, given
    return author.strip(), ""


def _real_authors(work: Work) -> list[str]:
    return [a for a in work.authors if a.lower() != "others"]


# --- CSL-JSON ------------------------------------------------------------------------------------


def to_csl(work: Work) -> dict:
    csl_type = "article" if work.preprint else None
    item: dict = {"id": work.key, "type": csl_type or TYPES.get(work.entry_type, ("document",))[0]}
    authors = []
    for author in _real_authors(work):
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
        "authors": _real_authors(work),
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


# --- COinS ---------------------------------------------------------------------------------------


# Left as they are in values: Zotero splits on "&" and decodes each value with
# decodeURIComponent, which passes these, spaces and any non-ASCII letter through unchanged.
# So titles and names stay as the page shows them, which gzip then finds twice: the References
# page's spans cost a third less than fully encoded ones. Zotero reads "+" (and "%2B") as a
# space, so a literal "+" cannot survive and is written as one.
KEV_SAFE = " ,:/()'.-_~!*;@$"


def _kev(name: str, value: str) -> str:
    """One key=value pair, as short as Zotero reads it (one per work on the References page,
    so every byte counts on its first view)."""
    text = quote(value.replace("+", " "), safe=KEV_SAFE)
    return f"{name}={re.sub(r'(%[0-9A-F]{2})+', _unicode, text)}"


def _unicode(match: re.Match[str]) -> str:
    """Percent-encoded UTF-8 of letters back to the letters (decodeURIComponent is a no-op on
    them); ASCII escapes such as %26 for "&" stay."""
    raw = bytes.fromhex(match.group(0).replace("%", ""))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)
    return "".join(quote(c, safe=KEV_SAFE) if ord(c) < 128 else c for c in text)


def context_object(work: Work) -> str:
    """The COinS title of one work (OpenURL 1.0 KEV ContextObject; see the module docstring)."""
    parts = ["ctx_ver=Z39.88-2004"]
    if work.entry_type == "inproceedings":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=proceeding"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.btitle", work.booktitle)]
    elif work.entry_type == "incollection":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=bookitem"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.btitle", work.booktitle)]
    elif work.entry_type == "book":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=book"]
        parts += [_kev("rft.btitle", work.title)]
    elif work.preprint:
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:dc", "rft.type=preprint"]
        parts += [_kev("rft.title", work.title), _kev("rft.source", "arXiv")]
    else:
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:journal", "rft.genre=article"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.jtitle", work.journal)]
    for author in _real_authors(work):  # "Last, First" is split at the comma; else an institution
        parts.append(_kev("rft.au" if "," in author else "rft.aucorp", author))
    parts.append(_kev("rft.date", work.year))
    for name, value in (("rft.volume", work.volume), ("rft.issue", work.number)):
        if value:
            parts.append(_kev(name, value))
    if work.pages:
        parts.append(_kev("rft.pages", work.page_text))
    if work.publisher:
        parts.append(_kev("rft.pub", work.publisher))
    if work.doi:  # with a DOI, Zotero's link to the work is https://doi.org/<doi> anyway
        parts.append(_kev("rft_id", f"info:doi/{work.doi}"))
    elif work.link:
        parts.append(_kev("rft_id", work.link))
    return "&".join(parts)


def context_objects(path: Path = DEFAULT_BIB) -> dict[str, str]:
    """COinS titles by key (empty when the file cannot be read: the page lists stay usable)."""
    try:
        return {key: context_object(work) for key, work in load_works(path).items()}
    except OSError:
        return {}


SAFE_NAME_RE = re.compile(r"[^a-z0-9-]+")


def file_stem(page: str) -> str:
    """The name of a page's "works cited" files: ``fields/genomics.md`` -> ``fields-genomics``."""
    stem = page.removesuffix(".md").removesuffix("/index") or "index"
    return SAFE_NAME_RE.sub("-", stem.lower()).strip("-") or "index"

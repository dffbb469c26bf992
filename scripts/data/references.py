"""Bibliography: read and validate data/references.bib, and the citations pages make.

Pages cite works as ``[@key]`` or ``[@key1; @key2]``; scripts/render/citations.py turns them
into links at build time and, like the exports (scripts/exports/works.py), reads the entries as
works (for its COinS). ``python -m scripts references check`` validates the data and the
citations in ``docs/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field
from pylatexenc.latex2text import LatexNodes2Text

from scripts.data import markdown_reader, ui
from scripts.data.datafile import (
    check_parser,
    field_name,
    problems_or_ok,
    read_text,
    shown,
    validate,
)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BIB = ROOT / "data" / "references.bib"
DEFAULT_DOCS = ROOT / "docs"
SCHEMA_PATH = ROOT / "data" / "schema" / "reference.schema.json"

CITATION_RE = re.compile(r"\[(@[A-Za-z0-9_:\-]+(?:\s*;\s*@[A-Za-z0-9_:\-]+)*)\]")
KEY_RE = re.compile(r"^[a-z][a-z0-9]*[0-9]{4}[a-z0-9]*$")
YEAR_RE = re.compile(r"^(19|20)\d{2}$")
# Year/venue consistency. The usual slip is copying the year of the arXiv preprint
# onto a paper that appeared at a later conference or in a later journal volume (Real NVP:
# arXiv 2016, ICLR 2017). The checker can only compare years the entry states, so:
# - a conference paper names its edition in `booktitle` ("... (ICLR 2017)"), and that year must
#   equal `year`; any other venue that names a year must agree with `year` too;
# - a journal article that also has an arXiv eprint gives the journal `volume`, and for journals
#   whose volume number fixes the year (JOURNAL_FIRST_YEAR) the two must agree.
VENUE_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# The BibTeX types the exports map (exports/works.TYPES, the COinS of render/citations.py)
ENTRY_TYPES = ("article", "book", "incollection", "inproceedings")
PREPRINT_VENUES = ("arxiv",)  # a `journal` naming one of these is a preprint, not a journal
# Journals with one volume per year: volume number + offset = year (JMLR vol. 1 is 2000).
JOURNAL_VOLUME_OFFSET = {
    "journal of machine learning research": 1999,
    "proceedings of the national academy of sciences": 1903,
}
NEW_ARXIV_RE = re.compile(r"^(\d{4})\.\d{4,5}")  # YYMM.NNNNN: the month it was first posted
BIORXIV_DOI_RE = re.compile(r"^10\.1101/(\d{4})\.(\d{2})\.\d{2}\.")  # bioRxiv: posting date
# origdate: when a work was first public (a bioRxiv preprint, an online-first article) and
# neither its arXiv id nor its DOI says so: "2023-12" or "2023". It dates "Since the survey" items
# (scripts/lint/since.py) and the 2020+ badge; give it only from a source you have seen.
ORIGDATE_RE = re.compile(r"^((?:19|20)\d{2})(?:-(0[1-9]|1[0-2]))?$")
SURVEY_FIRST_APPEARED = (2020, 3)  # (year, month) of arXiv 2003.11755

# A field that swallowed the next one: no comma after its value ("title = {…}\n journal = {…}").
# A value that holds the next field: "{A}\n  journal = {B}" or "{A} volume = {5}" (its comma lost)
SWALLOWED_FIELD_RE = re.compile(r"(?:\n\s*|[}\"]\s+)(?P<name>[A-Za-z]+)\s*=\s*[{\"0-9]")
# BibTeX reads an unescaped % as a comment, and so does the cleaning: 'Reaching 95' for 95%.
UNESCAPED_PERCENT_RE = re.compile(r"(?<!\\)%")

TEXT_FIELDS = ("title", "journal", "booktitle", "volume", "number", "pages", "publisher", "url")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry, its fields cleaned of BibTeX markup: what pages cite and the
    exports (scripts/exports/works.py, scripts/render/citations.py) are made from."""

    key: str
    authors: tuple[str, ...]  # "Last, First" or an institution name
    title: str
    year: str
    venue: str = ""  # journal or booktitle
    arxiv: str = ""
    doi: str = ""
    month: int = 0  # 1-12 from the entry's month field; 0 when it has none
    origdate: str = ""  # first public, when arXiv id and DOI do not say: "2023-12" or "2023"
    line: int = 0
    suffix: str = ""  # "a", "b", … when two works would get the same author-year label
    entry_type: str = ""  # lower-case BibTeX type
    journal: str = ""
    booktitle: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
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
        """The work's address: its DOI's (percent-encoded: a DOI may hold "#", "<" or "?", and
        RIS readers split a UR line at ";"), else its arXiv page, else its url."""
        if self.doi:
            return f"https://doi.org/{quote(self.doi, safe='/:()')}"
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

    @property
    def year_label(self) -> str:
        """The year as labels and lists show it: '2021a' where two works share a label."""
        return self.year + self.suffix

    @property
    def first_appeared(self) -> tuple[int, int]:
        """(year, month) the work first became public, month 0 if unknown: the earliest of the
        arXiv id's year and month (2110.07511 -> (2021, 10)), a bioRxiv DOI's posting date
        (10.1101/2020.12.15.… -> (2020, 12)) and the entry's origdate; without any of these, the
        entry's year and month."""
        return min(self._first_dates())[0]

    @property
    def first_appeared_label(self) -> str:
        """How ``first_appeared`` was found, for messages: 'arXiv 2110.07511 (2021-10)'."""
        return min(self._first_dates())[1]

    def _first_dates(self) -> list[tuple[tuple[int, int], str]]:
        """Each date the entry gives for its first appearance, with how it was found."""
        dates = []
        if found := NEW_ARXIV_RE.match(self.arxiv):
            dates.append(((2000 + int(found[1][:2]), int(found[1][2:])), f"arXiv {self.arxiv}"))
        if found := BIORXIV_DOI_RE.match(self.doi):
            dates.append(((int(found[1]), int(found[2])), f"bioRxiv {self.doi}"))
        dates = [(date, f"{how} ({date[0]}-{date[1]:02d})") for date, how in dates]
        if found := ORIGDATE_RE.match(self.origdate):
            dates.append(((int(found[1]), int(found[2] or 0)), f"origdate {self.origdate}"))
        if not dates:
            date = (int(self.year) if self.year.isdigit() else 0, self.month)
            label = f"{date[0]}-{date[1]:02d}" if date[1] else f"{date[0]} (bib year)"
            dates.append((date, label))
        return dates

    @property
    def after_survey(self) -> bool:
        """First public after the survey (arXiv 2003.11755, March 2020): by the arXiv id's
        year and month where there is one (a 2021 journal paper whose preprint came out in
        2019 is not new), else by the year and month of publication (a 2020 paper without a
        month counts as before the survey)."""
        return self.first_appeared > SURVEY_FIRST_APPEARED

    @property
    def surnames(self) -> tuple[str, ...]:
        return tuple(_surname(a) for a in self.authors)

    def author_list(self, lang: str) -> str:
        """'Maithra Raghu, Eric Schmidt'; long lists keep six names and add 'et al.'."""
        names = [
            f"{given} {family}".strip() for family, given in map(name_parts, real_authors(self))
        ]
        more = len(names) > 6 or len(names) != len(self.authors)
        return ", ".join(names[:6]) + (
            f", {ui.text('references.list_et_al', lang)}" if more else ""
        )


@dataclass(frozen=True)
class Bibliography:
    path: Path
    references: dict[str, Reference] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


_LATEX = LatexNodes2Text()


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month(value: str) -> int:
    """1-12 from a BibTeX month (``jul``, ``July`` or ``7``); 0 if empty or not a month."""
    value = value.strip().lower()
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else 0
    return MONTHS.index(value[:3]) + 1 if value[:3] in MONTHS else 0


def _clean(text: str) -> str:
    """BibTeX markup (braces, accents such as {\\'e}, \\&, --) to plain Unicode text."""
    if "\\" in text or "{" in text or "--" in text:
        text = _LATEX.latex_to_text(text)
    return re.sub(r"\s+", " ", text).strip()


def _surname(author: str) -> str:
    """The family name, as ``name_parts`` has it: before the comma of "Last, First"; a name
    without a comma is an institution ("1000 Genomes Project Consortium"), or "others", whole."""
    return name_parts(author)[0]


AND_RE = re.compile(r"\s+and\s+")


def _split_authors(text: str) -> list[str]:
    """BibTeX's author list split at each " and " outside braces, so "{Genomes and Health
    Consortium}" stays one name."""
    names, start, depth = [], 0, 0
    for position, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and (separator := AND_RE.match(text, position)) and position >= start:
            names.append(text[start:position])
            start = separator.end()
    return [name for name in [*names, text[start:]] if name.strip()]


def name_parts(author: str) -> tuple[str, str]:
    """(family, given) from "Last, First"; an institution (no comma) is all family."""
    family, _, given = author.partition(",")
    return family.strip(), given.strip()


def real_authors(work: Reference) -> list[str]:
    return [a for a in work.authors if a.lower() != "others"]


def _fields(entry: Entry) -> dict[str, str]:
    """The entry's fields by lower-case name (BibTeX ignores their case), values trimmed."""
    return {item.key.lower(): str(item.value).strip() for item in entry.fields}


def _field_line(entry: Entry, item: Field) -> int:
    """The 1-based line of one of the entry's fields."""
    return (item.start_line or entry.start_line or 0) + 1


def _validate_entry(entry: Entry, path: str) -> list[str]:
    """The fields against data/schema/reference.schema.json, then what it cannot say; at the
    entry's line, or at the field's where one field is wrong (``path``: the file)."""
    fields = _fields(entry)
    found = [(field_name(at), message) for at, message in validate(fields, SCHEMA_PATH)]
    at_field: list[str] = []
    seen: set[str] = set()
    for item in entry.fields:
        name, where = item.key.lower(), f"{path}:{_field_line(entry, item)}"
        if name in seen:
            at_field.append(
                f"{where}: {name}: given twice (BibTeX ignores the case of field names)"
            )
        seen.add(name)
        if name != "url" and UNESCAPED_PERCENT_RE.search(str(item.value)):
            message = "an unescaped % starts a comment and cuts the text short: write \\%"
            at_field.append(f"{where}: {name}: {message}")
    year, origdate = fields.get("year", ""), fields.get("origdate", "")
    if entry.entry_type.lower() not in ENTRY_TYPES:
        known = ", ".join(f"@{name}" for name in ENTRY_TYPES[:-1]) + f" or @{ENTRY_TYPES[-1]}"
        found.append(("type", f"@{entry.entry_type} is not a type the exports map; use {known}"))
    if not KEY_RE.match(entry.key):
        found.append(("key", f"'{entry.key}' should look like surname+year+word, e.g. he2016deep"))
    if ORIGDATE_RE.match(origdate) and YEAR_RE.match(year) and origdate[:4] > year:
        found.append(("origdate", f"{origdate} is after the year {year}"))
    if not fields.get("eprint") and not fields.get("doi"):
        found.append(("eprint", "give an arXiv id (eprint) or a doi"))
    if YEAR_RE.match(year):
        found += _venue_year_problems(fields, entry.entry_type.lower(), year)
    for name in _split_authors(fields.get("author", "")):
        name = name.strip()
        braced = name.startswith("{") and name.endswith("}")
        if "," not in name and not braced and len(name.split()) > 1:
            message = f"'{name}' has no comma: write a person as 'Last, First', or brace an "
            found.append(("author", message + "institution's name: {ENCODE Project Consortium}"))
    where = f"{path}:{(entry.start_line or 0) + 1}"
    return list(dict.fromkeys(f"{where}: {name}: {message}" for name, message in found)) + at_field


def _same_work(entry: Entry, path: str, seen: dict[tuple[str, str], tuple[str, int]]) -> list[str]:
    """The entry's arXiv id (without its version) or DOI (in any case) when an earlier entry,
    in ``seen``, has it too: one key per work, else a page cites it twice under two labels."""
    found = []
    for item in entry.fields:
        name = item.key.lower()
        value = str(item.value).strip().lower()
        if name == "eprint":
            value = re.sub(r"v\d+$", "", value)
        elif name != "doi":
            continue
        key, line = seen.setdefault((name, value), (entry.key, (entry.start_line or 0) + 1))
        if key != entry.key:
            message = f"same {name} as '{key}' (line {line}): one key per work"
            found.append(f"{path}:{_field_line(entry, item)}: {name}: {message}")
    return found


def _swallowed_fields(entry: Entry, where: str) -> list[str]:
    """A field whose value holds the next field, at the line of the field (``where``: the file)."""
    found = []
    for item in entry.fields:
        if match := SWALLOWED_FIELD_RE.search(str(item.value)):
            message = f"looks like two fields: is a comma missing before '{match['name']} ='?"
            found.append(f"{where}:{_field_line(entry, item)}: {item.key.lower()}: {message}")
    return found


def _venue_year_problems(fields: dict[str, str], kind: str, year: str) -> list[tuple[str, str]]:
    """The year must be the venue's, not the preprint's (see VENUE_YEAR_RE above)."""
    found = []
    booktitle, journal = fields.get("booktitle", ""), fields.get("journal", "")
    for name, venue in (("booktitle", booktitle), ("journal", journal)):
        named = sorted(set(VENUE_YEAR_RE.findall(venue)))
        if named and year not in named:
            message = f"{year}, but the {name} names {', '.join(named)} ('{venue}'); give the "
            found.append(("year", message + "year of the version cited, not of the preprint"))
    if kind == "inproceedings" and not VENUE_YEAR_RE.search(booktitle):
        message = f"'{booktitle}' does not name the edition's year; write it as in '... "
        message += "Representations (ICLR 2017)', so it can be checked against year"
        found.append(("booktitle", message))
    volume = fields.get("volume", "")
    is_journal = journal and not any(p in journal.lower() for p in PREPRINT_VENUES)
    if is_journal and fields.get("eprint") and not volume:
        message = "give the journal volume; with an arXiv eprint the year is easily the "
        found.append(("volume", message + "preprint's rather than the journal's"))
    offset = JOURNAL_VOLUME_OFFSET.get(journal.lower())
    if offset and volume.isdigit() and int(volume) + offset != int(year):
        found.append(("year", f"{year}, but {journal} volume {volume} is {int(volume) + offset}"))
    return found


def load_bibliography(path: Path = DEFAULT_BIB) -> Bibliography:
    """Parse and validate a .bib file; never raises for bad content."""
    where = shown(path)
    text, unreadable = read_text(path)
    if unreadable:
        return Bibliography(path, {}, (str(unreadable),))
    library = bibtexparser.parse_string(text)
    problems: list[str] = []
    refs: dict[str, Reference] = {}
    works: dict[tuple[str, str], tuple[str, int]] = {}  # (eprint or doi, value): (key, line)
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        problems.extend(_swallowed_fields(entry, where))
        problems.extend(_validate_entry(entry, where))
        problems.extend(_same_work(entry, where, works))
        refs[entry.key] = _reference(entry, line)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            first = refs[block.key].line if block.key in refs else "?"
            message = f"duplicate key '{block.key}' (first defined at {where}:{first})"
            problems.append(f"{where}:{line}: key: {message}")
        else:
            problems.append(f"{where}:{line}: entry: cannot parse this BibTeX block")
    return Bibliography(path, _with_suffixes(refs), tuple(problems))


Work = Reference  # what the exports (scripts/exports/works.py) and COinS call an entry


def load_works(path: Path = DEFAULT_BIB) -> dict[str, Reference]:
    """Every parseable entry of a .bib file by key, in file order, read once per version of the
    file (the build stops on a bad bibliography before the exports read it)."""
    return dict(_load_works(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _load_works(path: str, _mtime_ns: int) -> tuple[tuple[str, Reference], ...]:
    return tuple(load_bibliography(Path(path)).references.items())


def _reference(entry: Entry, line: int) -> Reference:
    fields = _fields(entry)
    text = {name: _clean(fields.get(name, "")) for name in TEXT_FIELDS}
    authors = fields.get("author", "")
    return Reference(
        **text,
        key=entry.key,
        authors=tuple(_clean(a) for a in _split_authors(authors)),
        year=fields.get("year", ""),
        venue=text["journal"] or text["booktitle"],
        arxiv=fields.get("eprint", ""),
        doi=fields.get("doi", ""),
        month=_month(fields.get("month", "")),
        origdate=fields.get("origdate", ""),
        line=line,
        entry_type=entry.entry_type.lower(),
        entry=entry,
    )


def _with_suffixes(refs: dict[str, Reference]) -> dict[str, Reference]:
    """Works whose author-year labels would be the same get 2021a, 2021b, … in key order, so a
    reader can tell two citations of 'Avsec et al., 2021' apart."""
    groups: dict[tuple, list[str]] = {}
    for key in sorted(refs):
        groups.setdefault((_named(refs[key]), refs[key].year), []).append(key)
    out = dict(refs)
    for keys in groups.values():
        if len(keys) > 1:
            for letter, key in zip("abcdefghijklmnopqrstuvwxyz", keys, strict=False):
                out[key] = replace(refs[key], suffix=letter)
    return out


def _named(ref: Reference) -> tuple[str, ...]:
    """Who a label names: one or two surnames, or the first and "" for "et al.", or nobody."""
    names = [s for s in ref.surnames if s.lower() != "others"]
    if len(names) <= 2 and len(names) == len(ref.surnames):
        return tuple(names)
    return (names[0], "") if names else ()


def short_label(ref: Reference, lang: str) -> str:
    """Author-year label: 'He et al., 2016' / 'He 等，2016' (UI strings: render time only)."""
    named = _named(ref)
    if not named:
        who = "?"
    elif len(named) == 1:
        who = named[0]
    elif named[1]:
        who = f"{named[0]} {ui.text('references.and', lang)} {named[1]}"
    else:
        who = f"{named[0]} {ui.text('references.et_al', lang)}"
    return f"{who}{ui.text('common.comma', lang)}{ref.year_label}"


def _citations(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, key) of every citation outside fenced and inline code."""
    for number, (line, code) in enumerate(markdown_reader.fenced(markdown.split("\n")), start=1):
        text = "" if code else markdown_reader.CODE_SPAN_RE.sub("", line)
        for match in CITATION_RE.finditer(text):
            for part in match.group(1).split(";"):
                yield number, part.strip().lstrip("@")


def malformed_citation(line: str) -> str | None:
    """Why a line (outside fenced code) holds a citation the build cannot read, or None: a
    ``[@`` that the citation pattern does not take (split over lines, ``[@key, p. 2]``)."""
    if "[@" not in CITATION_RE.sub("", markdown_reader.CODE_SPAN_RE.sub("", line)):
        return None
    return (
        f"malformed citation in '{line.strip()[:60]}': write [@key] or [@key1; @key2] on one line"
    )


def citation_keys(markdown: str) -> list[str]:
    """Keys cited in a page, in order of first appearance, outside fenced and inline code."""
    return list(dict.fromkeys(key for _, key in _citations(markdown)))


def check_docs(docs_dir: Path, bib: Bibliography) -> list[str]:
    """Malformed citations and keys missing from the bibliography (the build rejects both), and
    entries no page cites."""
    problems: list[str] = []
    cited: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        text, unreadable = read_text(page)
        if unreadable:
            problems.append(str(unreadable))
            continue
        lines = markdown_reader.fenced(text.split("\n"))
        for number, (line, code) in enumerate(lines, start=1):
            if not code and (message := malformed_citation(line)):
                problems.append(f"{shown(page)}:{number}: citation: {message}")
        for number, key in _citations(text):
            cited.add(key)
            if key not in bib.references:
                problems.append(
                    f"{shown(page)}:{number}: citation: '{key}' is not in {bib.path.name}"
                )
    for key, ref in bib.references.items():
        if key not in cited:
            problems.append(f"{shown(bib.path)}:{ref.line}: key: '{key}' is cited by no page")
    return problems


def main(argv: list[str] | None = None) -> int:
    what = "validate the bibliography and every citation"
    parser, _ = check_parser(__doc__, what, bib=DEFAULT_BIB, docs=DEFAULT_DOCS)
    args = parser.parse_args(argv)
    bib = load_bibliography(args.bib)
    ok = f"OK: {len(bib.references)} references, all cited, all citations resolved."
    unread = any(": file: " in problem for problem in bib.problems)  # no keys to check against
    return problems_or_ok([*bib.problems, *([] if unread else check_docs(args.docs, bib))], ok)

"""``python -m scripts since check``: the "Since the survey" blocks (the rules, in both languages:
CONTRIBUTING.md, point 4). Each survey section's page (front matter ``survey_section: N``) has
exactly one; 3 to 8 items titled with a year or range, each citing data/references.bib, three
works at least. An item is dated by the first appearance (scripts/data/references.py, as the 2020+
badge) of its earliest post-survey work, so nothing older is presented as new; an older idea that
took hold later says so with a year after 2019. A key is an item of one page's blocks only.
A milestone (``- **2018** — ...``, the field pages) is dated the same way: each work a clause
cites first appeared in its year, unless the clause says when it did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scripts.data import markdown_reader
from scripts.data.datafile import check_parser, problems_or_ok, read_text, shown
from scripts.data.languages import DEFAULT, LANGUAGES
from scripts.data.references import (
    CITATION_RE,
    DEFAULT_BIB,
    Bibliography,
    citation_keys,
    load_bibliography,
)

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "docs"

YEAR = r"(?:19|20)\d\d"
# "**Title (2021).**", "**Title (2020–2022).**", "**Title (2019; in wide use since 2022).**",
# "**标题（2021 年）。**", "**标题（2022—2025 年）。**", "**标题（2019 年；2022 年起广泛使用）。**"
TITLE_RE = re.compile(
    rf"^    - \*\*(?P<title>.+?)\s*[(（](?P<first>{YEAR})(?:\s*[–—-]\s*(?P<last>{YEAR}))?"
    rf"(?:\s*年)?(?:\s*[;；]\s*(?P<note>[^)）]*?))?[)）][.。]\*\*"
)
MIN_ITEMS, MAX_ITEMS, MIN_WORKS = 3, 8, 3
MILESTONE_RE = re.compile(rf"^- \*\*(?P<year>{YEAR})\*\* — ")


@dataclass
class Item:
    line: int
    text: str  # continuation lines joined
    keys: list[str] = field(default_factory=list)


@dataclass
class Block:
    path: str
    line: int
    items: list[Item]


def blocks(text: str, path: str) -> list[Block]:
    """Every ``!!! since`` block of a page, with its items (continuation lines joined)."""
    return [
        Block(path, line, [Item(n, item, citation_keys(item)) for n, item in items])
        for line, items in markdown_reader.since_boxes(text)
    ]


def date_problems(item: Item, where: str, bib: Bibliography) -> list[str]:
    title = TITLE_RE.match(item.text)
    at = f"{where}: since:"
    if title is None:
        zh_form = "（2021 年）。"  # not UI: the Chinese title form the lint parses
        return [
            f"{at} the item title does not end in a year, '(2021).' or "
            f"'(2020–2022).' (Chinese '{zh_form}'): {item.text.strip()[:70]}"
        ]
    refs = sorted(
        (bib.references[key] for key in item.keys if key in bib.references),
        key=lambda ref: ref.first_appeared,
    )
    if not refs:
        return []
    first, note = int(title["first"]), title["note"]
    last = int(title["last"]) if title["last"] else None
    problems = [f"{at} the range {first}–{last} runs backwards"] if last and last < first else []
    new = [ref for ref in refs if ref.after_survey]
    if note is not None:
        if first != refs[0].first_appeared[0]:
            problems.append(
                f"{at} an item framed as older ('; …') is dated by its earliest citation: "
                f"@{refs[0].key} first appeared {refs[0].first_appeared_label}, "
                f"the title says {first}"
            )
        if not any(int(year) > 2019 for year in re.findall(YEAR, note)):
            problems.append(
                f"{at} the note '{note}' must say when the older idea took hold "
                "after the survey, with a year (e.g. 'in wide use since 2022')"
            )
    elif not new:
        works = ", ".join(f"@{ref.key} {ref.first_appeared_label}" for ref in refs)
        problems.append(
            f"{at} every work this item cites first appeared before the survey "
            f"(April 2020): {works}. Cite the post-2020 work, or frame the item as older: "
            f"'({refs[0].first_appeared[0]}; in wide use since YEAR)'"
        )
    else:
        latest = max(new, key=lambda ref: ref.first_appeared)
        if first != new[0].first_appeared[0]:
            problems.append(
                f"{at} the item is dated {first}, but its earliest post-survey citation "
                f"@{new[0].key} first appeared {new[0].first_appeared_label}; items are dated "
                "by first appearance"
            )
        if last and latest.first_appeared[0] > last:
            problems.append(
                f"{at} the range ends {last}, but @{latest.key} first appeared "
                f"{latest.first_appeared_label}; end the range with its latest cited work"
            )
    return problems


def milestones(text: str) -> list[Item]:
    """Every milestone item of a page (``- **2018** — ...``), continuation lines joined."""
    found: list[Item] = []
    current: Item | None = None
    for number, (line, code) in enumerate(markdown_reader.fenced(text.split("\n")), start=1):
        if not code and MILESTONE_RE.match(line):
            current = Item(number, line)
            found.append(current)
        elif current is not None and not code and line.startswith("  ") and line.strip():
            current.text += " " + line.strip()
        else:
            current = None
    return found


def milestone_problems(text: str, where: str, bib: Bibliography) -> list[str]:
    """Milestones whose clause (split at ``;``, but not inside ``[@a; @b]``) cites a work that
    first appeared in another year and does not name that year ("its paper followed in 2021")."""
    problems = []
    for item in milestones(text):
        year = int(MILESTONE_RE.match(item.text)["year"])  # type: ignore[index]  # all match
        for clause in re.split(r";\s(?![^\[\]]*\])|；", item.text):
            refs = [bib.references[k] for k in citation_keys(clause) if k in bib.references]
            words = CITATION_RE.sub("", clause)  # a key's year is not the clause saying when
            problems += [
                f"{where}:{item.line}: milestone: dated {year}, but @{ref.key} first appeared "
                f"{ref.first_appeared_label}; date it by first appearance (origdate in the "
                "bibliography for a preprint), or say in the clause when it came out"
                for ref in refs
                if ref.first_appeared[0] != year and str(ref.first_appeared[0]) not in words
            ]
    return problems


def block_problems(block: Block, bib: Bibliography) -> list[str]:
    where = f"{block.path}:{block.line}"
    problems: list[str] = []
    if not MIN_ITEMS <= len(block.items) <= MAX_ITEMS:
        problems.append(
            f"{where}: since: {len(block.items)} items, expected {MIN_ITEMS} to {MAX_ITEMS}"
        )
    for item in block.items:
        at = f"{block.path}:{item.line}"
        if not item.keys:
            problems.append(f"{at}: since: item without a citation: {item.text.strip()[:60]}")
        unknown = [key for key in item.keys if key not in bib.references]
        problems += [f"{at}: since: unknown citation key '{key}'" for key in unknown]
        problems += date_problems(item, at, bib)
    keys = {key for item in block.items for key in item.keys}
    if len(keys) < MIN_WORKS:
        problems.append(
            f"{where}: since: {len(keys)} distinct works cited, expected at least {MIN_WORKS}"
        )
    return problems


def twin_problems(found: list[Block], english: list[Block], where: str) -> list[str]:
    """A translated page's blocks (``where``: the page) against its English twin's
    (CONTRIBUTING.md, point 4): the same items in the same order, each citing the same works
    in the same order."""
    problems = []
    same = "the same items in the same order"
    if len(found) != len(english):
        count = f"{len(found)} blocks, the English page has {len(english)}"
        return [f"{where}:1: since: {count}: {same}"]
    for block, source in zip(found, english, strict=True):
        if len(block.items) != len(source.items):
            problems.append(
                f"{block.path}:{block.line}: since: {len(block.items)} items, the English block "
                f"({source.path}:{source.line}) has {len(source.items)}: {same}"
            )
            continue
        for item, twin in zip(block.items, source.items, strict=True):
            if item.keys != twin.keys:
                cites, twin_cites = (", ".join(f"@{k}" for k in i.keys) for i in (item, twin))
                problems.append(
                    f"{block.path}:{item.line}: since: cites {cites}; the English item "
                    f"({source.path}:{twin.line}) cites {twin_cites}: {same}"
                )
    return problems


def survey_pages(docs_dir: Path, lang: str = "en") -> dict[int, Path]:
    """The page of each survey section: of several (resources/index.md and all.md), the index."""
    found: dict[int, Path] = {}
    pages = sorted((docs_dir / lang).rglob("*.md"), key=lambda p: (p.name != "index.md", str(p)))
    for path in pages:
        meta = markdown_reader.split_page(read_text(path)[0])[0]  # check reports
        section = str(meta.get("survey_section", ""))
        if section.isdecimal():
            found.setdefault(int(section), path)
    return found


def check(docs_dir: Path, bib: Bibliography) -> list[str]:
    root = docs_dir.resolve().parent
    problems: list[str] = []
    english: dict[Path, list[Block]] = {}  # page inside the language folder -> its blocks
    for lang in LANGUAGES:
        required = survey_pages(docs_dir, lang)
        problems += [
            f"{shown(docs_dir / lang, root)}:1: since: no page has survey_section: {section}"
            for section in range(1, 11)
            if section not in required
        ]
        first_page: dict[str, tuple[Path, str]] = {}  # key -> (page, "path:line") citing it
        for path in sorted((docs_dir / lang).rglob("*.md")):
            where = shown(path, root)
            text, unreadable = read_text(path, root)
            if unreadable:
                problems.append(str(unreadable))
                continue
            problems += milestone_problems(text, where, bib)
            found = blocks(text, where)
            page = path.relative_to(docs_dir / lang)
            if lang == DEFAULT:
                english[page] = found
            elif page in english:
                problems += twin_problems(found, english[page], where)
            if path in required.values() and len(found) != 1:
                problems.append(
                    f"{where}:1: since: a survey page has one '!!! since' block, found {len(found)}"
                )
            for block in found:
                problems += block_problems(block, bib)
                for item in block.items:
                    for key in item.keys:
                        other = first_page.setdefault(key, (path, f"{where}:{item.line}"))
                        if other[0] != path:
                            problems.append(
                                f"{where}:{item.line}: since: @{key} is already an item of "
                                f"{other[1]}; one block per development: link to it instead"
                            )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    what = "check every Since block and milestone of both languages"
    parser, _ = check_parser(__doc__, what, docs=DEFAULT_DOCS, bib=DEFAULT_BIB)
    args = parser.parse_args(argv)
    found = check(args.docs, load_bibliography(args.bib))
    return problems_or_ok(
        found, "OK: Since-the-survey blocks well formed, dated, not repeated; milestones dated."
    )

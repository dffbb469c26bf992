"""Markdown as the data modules read it, one way for all of them: fenced code, inline code,
headings with their ``{ #id }``, front matter, "Since the survey" boxes, and marker lines to expand.

A marker (one grammar for all; the names are registered in scripts/render/page.py) is a line of
its own, indented by at most three spaces, holding one HTML comment whose text is a *name*
(lowercase letters, digits, hyphens) alone or followed by a colon and arguments:
``<!-- glossary -->``, ``<!-- resources: category=models -->``. It stays visible to editors and
is replaced at build time; an unknown name fails the build. Any other comment is left alone
(a note in words, text beside it, a line in code). A line that opens a marker (``<!-- name:``)
but does not close it with ``-->`` is an error, and so is a near miss (``slips``): a comment
alone on its line that fails the grammar (indented too far, a missing colon, ``cited_works``,
a capital) but otherwise reads as a marker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scripts.data.datafile import read_text

# CommonMark: a backtick fence's info string has no backtick (```bash``` is inline code).
FENCE_RE = re.compile(r"^\s*(?P<fence>`{3,}(?=[^`]*$)|~{3,})(?P<info>[^\n]*)")
MARKER_RE = re.compile(
    r"^ {0,3}<!--\s*(?P<name>[a-z][a-z0-9-]*)\s*(?:-->|:(?P<args>.*?)(?P<end>-->)?)\s*$"
)
# A comment alone on its line, at any indentation: its first word and what follows it.
COMMENT_LINE_RE = re.compile(r"^\s*<!--\s*(?P<word>[A-Za-z0-9_-]*)(?P<rest>.*?)\s*-->\s*$")
# Inline code: a run of backticks, then text, then a run of exactly as many backticks.
CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
# An attribute list at the end of a heading that gives it an id: ``{ #attention }``.
HEADING_ID_RE = re.compile(r"\s*\{[^}]*?#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
FRONT_MATTER_END_RE = re.compile(r"^---[ \t]*\r?$", re.M)
SINCE_RE = re.compile(r'^!!! since "[^"]+"\s*$')  # a "Since the survey" box
SINCE_ITEM_RE = re.compile(r"^    - \*\*")  # one of its items, which open with a bold title


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line with whether it is fenced code (the fence lines themselves included)."""
    fence: str | None = None
    for line in lines:
        opening = FENCE_RE.match(line)
        if fence is None:
            if opening:
                fence = opening["fence"]
            yield line, opening is not None
            continue
        # A closing fence (CommonMark): the same character, at least as many times as the
        # opening one, and nothing after it (```python inside a ``` block is code).
        if (
            opening
            and not opening["info"].strip()
            and opening["fence"].startswith(fence[0] * len(fence))
        ):
            fence = None
        yield line, True


@dataclass(frozen=True)
class Marker:
    line: int  # 1-based, counted from ``first_line``
    name: str
    args: str  # after the colon, stripped; "" without one
    closed: bool  # ends with ``-->`` on its line


def marker(line: str, number: int = 1) -> Marker | None:
    """The marker on ``line`` (not in code), or None for any other line: the one grammar."""
    match = MARKER_RE.match(line)
    if not match:
        return None
    closed = match["args"] is None or match["end"] is not None
    return Marker(number, match["name"], (match["args"] or "").strip(), closed)


def markers(markdown: str, first_line: int = 1) -> Iterator[Marker]:
    """Every marker of a page, outside fenced code."""
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=first_line):
        found = None if code else marker(line, number)
        if found:
            yield found


def slips(
    markdown: str, names: Iterable[str], first_line: int = 1
) -> Iterator[tuple[int, str, str]]:
    """(line, the comment, the name it nearly is) of each comment alone on its line, outside
    fenced code, that is not a marker but reads as one: its first word (lower case, ``_`` as
    ``-``) is a name of ``names`` or one letter away, with nothing after it, a colon, or only
    ``key=value`` arguments (``<!-- resources category=x -->``, ``<!-- Glossary -->``); or its
    words are one (``<!-- cited works -->``). A note (``<!-- figure out why -->``,
    ``<!-- Sources: Nature -->``) is not: left alone, a slip would drop its section unseen."""
    names = list(names)
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=first_line):
        comment = None if code or marker(line) else COMMENT_LINE_RE.match(line)
        if not comment:
            continue
        word, rest = comment["word"], comment["rest"].strip()
        tried = []
        if not rest or rest.startswith(":") or all("=" in part for part in rest.split()):
            tried.append(word)
        if rest and ":" not in rest and all(part.isalpha() for part in rest.split()):
            tried.append("-".join([word, *rest.split()]))
        found = [n for w in tried for n in names if _one_letter_apart(_name(w), n)]
        if found:
            yield number, comment.group(0).strip(), found[0]


def _name(word: str) -> str:
    return word.lower().replace("_", "-")


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are equal or differ by one inserted, deleted or changed letter."""
    if len(a) > len(b):
        a, b = b, a
    if not a or len(b) - len(a) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def replace_markers(markdown: str, render: Callable[[Marker], str], first_line: int = 1) -> str:
    """Replace every marker line outside fenced code with ``render(marker)`` as a block of its
    own (blank lines around it, so Markdown leaves raw HTML alone)."""
    out: list[str] = []
    lines = fenced(markdown.split("\n"))  # as every reader here counts lines (not splitlines)
    for number, (line, code) in enumerate(lines, start=first_line):
        found = None if code else marker(line, number)
        out.append("\n" + render(found).strip("\n") + "\n" if found else line)
    return "\n".join(out)


def outside_code_spans(line: str, replace: Callable[[str], str]) -> str:
    """Apply ``replace`` to the parts of ``line`` that are not inline code spans."""
    out, position = [], 0
    for span in CODE_SPAN_RE.finditer(line):
        out.append(replace(line[position : span.start()]))
        out.append(span.group(0))
        position = span.end()
    out.append(replace(line[position:]))
    return "".join(out)


def without_code_spans(text: str) -> str:
    """``text`` with every inline code span blanked out (a space each)."""
    return CODE_SPAN_RE.sub(" ", text)


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based, counted from ``first_line``
    level: int
    text: str  # without the attribute list
    id: str | None  # the explicit ``{ #id }``, if any


def headings(markdown: str, first_line: int = 1) -> list[Heading]:
    """Every ATX heading outside fenced code, with its explicit id."""
    found = []
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=first_line):
        match = None if code else HEADING_RE.match(line)
        if match:
            anchor = HEADING_ID_RE.search(match["text"])
            text = match["text"][: anchor.start()] if anchor else match["text"]
            level = len(match["level"])
            found.append(Heading(number, level, text.strip(), anchor["id"] if anchor else None))
    return found


def since_boxes(markdown: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Every ``!!! since "Title"`` box outside fenced code: (its line, its items as (line, text
    with the continuation lines joined)). A box ends at the first line that is not blank and
    not indented."""
    found: list[tuple[int, list[tuple[int, str]]]] = []
    items: list[tuple[int, str]] | None = None
    for number, (line, code) in enumerate(fenced(markdown.split("\n")), start=1):
        if SINCE_RE.match(line) and not code:
            items = []
            found.append((number, items))
        elif code or (line.strip() and not line.startswith("    ")):
            items = None
        elif items is not None and SINCE_ITEM_RE.match(line):
            items.append((number, line))
        elif items and line.startswith("      "):
            items[-1] = (items[-1][0], f"{items[-1][1]} {line.strip()}")
    return found


def front_matter(text: str) -> tuple[int, int] | None:
    """Character span of the front matter's body (between the ``---`` lines), if any."""
    if not text.startswith("---"):
        return None
    first = text.find("\n") + 1
    match = FRONT_MATTER_END_RE.search(text, first)
    return (first, match.start()) if match else None


def split_page(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter as data, the body after it, the body's first line number), read by MkDocs'
    own reader (``mkdocs.utils.meta.get_data``): front matter that is not a YAML mapping stays
    part of the page, as it does in the build. A byte order mark is dropped, as MkDocs reads a
    page (utf-8-sig): else the front matter of a page saved with one would go unseen."""
    from mkdocs.utils.meta import get_data

    text = text.removeprefix("\ufeff")
    body, meta = get_data(text)
    first = text[: len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1
    return meta, body, first


def page_index(path: Path) -> tuple[str, dict[str, str]] | None:
    """(front-matter title, {heading id: heading text}) of a Markdown file, for the headings
    with an explicit ``{ #id }``; None if there is no such file. Read again when it changes."""
    return _page_index(path, path.stat().st_mtime_ns) if path.is_file() else None


@lru_cache(maxsize=128)
def _page_index(path: Path, mtime: int) -> tuple[str, dict[str, str]]:
    del mtime  # part of the cache key only
    meta, body, _ = split_page(read_text(path)[0])  # a page that is not UTF-8 has no headings
    found: dict[str, str] = {}
    for heading in headings(body):
        if heading.id:
            found.setdefault(heading.id, heading.text)
    return str(meta.get("title") or ""), found


def link_problem(link: str, docs: Path) -> str | None:
    """Why ``page.md#anchor`` names no heading of docs/en (and of its Chinese twin), or None."""
    page, _, anchor = link.partition("#")
    english = page_index(docs / "en" / page)
    if english is None:
        return f"page {page!r} does not exist (no docs/en/{page})"
    if anchor not in english[1]:
        close = difflib.get_close_matches(anchor, list(english[1]), n=1)
        known = (
            f"did you mean #{close[0]}?" if close else f"known: {', '.join(english[1]) or 'none'}"
        )
        return f"docs/en/{page} has no heading with id #{anchor} ({known})"
    chinese = page_index(docs / "zh" / page)
    if chinese is not None and anchor not in chinese[1]:
        return f"docs/zh/{page} has no heading with id #{anchor}; twins must share heading ids"
    return None

"""Markdown as the data modules read it, one way for all of them: fenced code, inline code,
headings with their ``{ #id }``, front matter, and marker lines to expand.

A marker is an HTML comment on a line of its own (``<!-- resources: category=models -->``); it
stays visible to editors in the source and is replaced at build time. Lines inside fenced code
are never markers, so a page can show the syntax as an example.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FENCE_RE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
# Inline code: a run of backticks, then text, then a run of exactly as many backticks.
CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
# An attribute list at the end of a heading that gives it an id: ``{ #attention }``.
HEADING_ID_RE = re.compile(r"\s*\{[^}]*?#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
FRONT_MATTER_END_RE = re.compile(r"^---[ \t]*\r?$", re.M)


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
        # A closing fence uses the same character, at least as many times as the opening one.
        if opening and opening["fence"].startswith(fence[0] * len(fence)):
            fence = None
        yield line, True


def replace_marker_lines(
    markdown: str, pattern: re.Pattern[str], render: Callable[[re.Match[str]], str]
) -> str:
    """Replace every line that ``pattern`` matches, outside fenced code, with ``render(match)``
    as a block of its own (blank lines around it, so Markdown leaves raw HTML alone)."""
    out: list[str] = []
    for line, code in fenced(markdown.splitlines(keepends=True)):
        match = None if code else pattern.match(line)
        out.append(f"\n{render(match)}\n\n" if match else line)
    return "".join(out)


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
    part of the page, as it does in the build."""
    from mkdocs.utils.meta import get_data

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
    meta, body, _ = split_page(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for heading in headings(body):
        if heading.id:
            found.setdefault(heading.id, heading.text)
    return str(meta.get("title") or ""), found

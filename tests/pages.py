"""Read the Markdown sources: front matter, headings with their ids, block counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.data import markdown_reader

DOCS = Path(__file__).resolve().parent.parent / "docs"


@dataclass
class Source:
    path: Path
    meta: dict
    body: str
    body_line: int  # line number where the body starts


def read(path: Path) -> Source:
    return Source(path, *markdown_reader.split_page(path.read_text(encoding="utf-8")))


def pages(lang: str) -> list[Path]:
    root = DOCS / lang
    return sorted(p for p in root.rglob("*.md"))


def relative(path: Path, lang: str) -> str:
    return path.relative_to(DOCS / lang).as_posix()


def headings(source: Source) -> list[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id or None) for every heading outside code fences."""
    return [
        (heading.line, heading.level, heading.text, heading.id)
        for heading in markdown_reader.headings(source.body, source.body_line)
    ]


def block_counts(source: Source) -> dict[str, int]:
    """Admonitions, tables and fenced code blocks: a twin must have as many of each."""
    lines = source.body.split("\n")
    # Fenced blocks as the one Markdown reader sees them (a block starts where code starts).
    code = [inside for _, inside in markdown_reader.fenced(lines)]
    fences = sum(1 for i, inside in enumerate(code) if inside and (i == 0 or not code[i - 1]))
    admonitions = sum(1 for line in lines if re.match(r"^\s*(!!!|\?\?\?\+?)\s", line))
    tables = sum(
        1 for line in lines if re.match(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", line)
    )
    return {"admonitions": admonitions, "tables": tables, "code blocks": fences}


SINCE_RE = re.compile(r'^!!! since "[^"]+"\s*$')
ITEM_RE = re.compile(r"^    - \*\*")
CITE_RE = re.compile(r"@([A-Za-z0-9_:\-]+)")


def since_block_problems(body: str, known_keys: set[str]) -> list[str]:
    """What is wrong with a survey page's "Since the survey" block (`!!! since "…"`): one block,
    3 to 8 items, each item with a year and a citation, at least three distinct works cited, every
    key in the bibliography."""
    lines = body.split("\n")
    starts = [i for i, line in enumerate(lines) if SINCE_RE.match(line)]
    if len(starts) != 1:
        return [f"expected one '!!! since' block, found {len(starts)}"]
    block: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if line.strip() and not line.startswith("    "):
            break
        block.append(line)
    items: list[str] = []
    for line in block:
        if ITEM_RE.match(line):
            items.append(line)
        elif items and line.startswith("      "):
            items[-1] += " " + line.strip()
    problems = []
    if not 3 <= len(items) <= 8:
        problems.append(f"{len(items)} items, expected 3 to 8")
    keys: set[str] = set()
    for item in items:
        cited = set(CITE_RE.findall(item))
        if not cited:
            problems.append(f"item without a citation: {item.strip()[:60]}")
        if not re.search(r"(19|20)\d\d", item.split("**")[1] if item.count("**") >= 2 else ""):
            problems.append(f"item title without a year: {item.strip()[:60]}")
        keys |= cited
    problems += [f"unknown citation key '{key}'" for key in sorted(keys - known_keys)]
    if len(keys) < 3:
        problems.append(f"{len(keys)} distinct works cited, expected at least 3")
    return problems

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

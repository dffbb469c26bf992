"""Read the Markdown sources: front matter, headings with their ids, block counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DOCS = Path(__file__).resolve().parent.parent / "docs"
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ID_RE = re.compile(r"\{\s*#([^\s}]+)[^}]*\}\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Source:
    path: Path
    meta: dict
    body: str
    body_line: int  # line number where the body starts


def read(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        return Source(path, meta, text[end + 5 :], text[: end + 5].count("\n") + 1)
    return Source(path, {}, text, 1)


def pages(lang: str) -> list[Path]:
    root = DOCS / lang
    return sorted(p for p in root.rglob("*.md"))


def relative(path: Path, lang: str) -> str:
    return path.relative_to(DOCS / lang).as_posix()


def headings(source: Source) -> list[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id or None) for every heading outside code fences."""
    found, in_fence = [], False
    for number, line in enumerate(source.body.split("\n"), start=source.body_line):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING_RE.match(line)
        if match:
            id_match = ID_RE.search(match.group(2))
            found.append(
                (
                    number,
                    len(match.group(1)),
                    match.group(2),
                    id_match.group(1) if id_match else None,
                )
            )
    return found


def block_counts(source: Source) -> dict[str, int]:
    """Admonitions, tables and fenced code blocks: a twin must have as many of each."""
    lines = source.body.split("\n")
    fences = sum(1 for line in lines if FENCE_RE.match(line)) // 2
    admonitions = sum(1 for line in lines if re.match(r"^\s*(!!!|\?\?\?\+?)\s", line))
    tables = sum(
        1 for line in lines if re.match(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", line)
    )
    return {"admonitions": admonitions, "tables": tables, "code blocks": fences}

"""Where the site's text lives, line by line: Markdown pages and the ``zh`` fields of data/.

Shared by the term lint (scripts/glossary.py) and the typography lint (scripts/typography.py), so
both report the same ``path:line`` for the same text and both skip fenced code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

ROOT = Path(__file__).resolve().parent.parent
FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN_RE = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Line:
    path: str  # as shown in messages: relative to the project root when inside it
    number: int
    text: str


def shown(path: Path, root: Path = ROOT) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def markdown_lines(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """Every line of a page outside fenced code blocks (front matter included: titles are text)."""
    fence = ""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        opening = FENCE_RE.match(text)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)[0] * 3
            continue
        if not fence:
            yield Line(shown(path, root), number, text)


def without_code_spans(text: str) -> str:
    return CODE_SPAN_RE.sub(" ", text)


def _walk(node: Any, key: str | None = None) -> Iterator[tuple[int, str]]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "zh" and isinstance(value, str):
                yield node.lc.key(name)[0] + 1, value
            else:
                yield from _walk(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def zh_fields(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """The ``zh:`` strings of one YAML file, with the line of their key.

    A multi-line value is reported as one item at its key's line; YAML that cannot be parsed
    yields nothing here (the data's own validator reports it).
    """
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except YAMLError:
        return
    for number, text in _walk(data):
        yield Line(shown(path, root), number, text)


def data_files(data_dir: Path) -> list[Path]:
    return sorted([*data_dir.rglob("*.yaml"), *data_dir.rglob("*.yml")])


def zh_pages(docs_dir: Path) -> list[Path]:
    return sorted((docs_dir / "zh").rglob("*.md"))

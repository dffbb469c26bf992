"""Where the site's Chinese text lives, line by line, so that the Chinese lints report the same
``path:line`` and skip fenced code: pages, the ``zh`` fields of data/ (YAML and the JSON schemas'
labels), and Chinese text left in overrides/, templates/ and scripts/' string literals.
"""

from __future__ import annotations

import io
import re
import sys
import token
import tokenize
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import datafile, markdown_reader
from scripts.data.languages import HAN, HAN_RE

ROOT = Path(__file__).resolve().parents[2]
# Han characters or full-width and CJK punctuation: Chinese text in a template.
CHINESE_RE = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")
# A Python string with Chinese in it that is not a UI string (a lint's vocabulary) says so.
NOT_UI_RE = re.compile(r"#\s*not UI:")
JINJA_COMMENT_RE = re.compile(r"\{#.*?#\}", re.S)
SOURCES = (".md", ".yaml", ".yml", ".json")  # pages, data files and JSON schemas


@dataclass(frozen=True)
class Line:
    path: str  # as shown in messages: relative to the project root when inside it
    number: int
    text: str


def markdown_lines(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """Every line of a page outside fenced code blocks (front matter included: titles are text);
    none of a page that is not UTF-8 (``unreadable`` reports it)."""
    lines = markdown_reader.fenced(datafile.read_text(path)[0].split("\n"))
    for number, (text, code) in enumerate(lines, 1):
        if not code:
            yield Line(datafile.shown(path, root), number, text)


def _zh_values(node: Any) -> Iterator[tuple[int, str]]:
    """The ``zh:`` strings of parsed YAML with the line of their key (load_yaml keeps it in .lc)."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "zh" and isinstance(value, str):
                yield node.lc[name] + 1, value  # type: ignore[attr-defined]
            else:
                yield from _zh_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _zh_values(item)


def file_lines(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """A page's lines, or the ``zh`` strings of a YAML file or JSON schema (a multi-line value at
    its key's line; a file that cannot be parsed yields nothing: its validator reports it)."""
    if path.suffix == ".md":
        yield from markdown_lines(path, root)
    else:
        for number, text in _zh_values(datafile.load_yaml(path)[0]):
            yield Line(datafile.shown(path, root), number, text)


def files(paths: Iterable[Path], suffixes: tuple[str, ...] = SOURCES) -> list[Path]:
    """The files given, and the files under the folders given that end in one of ``suffixes``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(file for file in path.rglob("*") if file.suffix in suffixes)
        else:
            found.append(path)
    return found


def text_lines(paths: Iterable[Path], root: Path = ROOT, skip: tuple[str, ...] = ()) -> list[Line]:
    """The Chinese text of the pages and data files in ``paths``, but of files named in ``skip``."""
    return [
        line for path in files(paths) if path.name not in skip for line in file_lines(path, root)
    ]


def unreadable(paths: Iterable[Path], root: Path = ROOT) -> list[str]:
    """``path:line: file: not UTF-8 text (...)`` for each page in ``paths`` that is not: the lints
    read it as empty, and the check reports it once, from here."""
    found = (datafile.read_text(path, root)[1] for path in files(paths, (".md",)))
    return [str(problem) for problem in found if problem]


def python_strings(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """String literals with Chinese, one item per line; not docstrings, raw strings (regular
    expressions) or literals marked ``# not UI:`` on their line or a comment line above."""
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")  # as tokenize counts lines (not splitlines: U+2028)
    previous = token.NEWLINE
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == token.STRING and HAN_RE.search(tok.string):
            docstring = previous in (token.NEWLINE, token.INDENT, token.DEDENT)
            raw = "r" in tok.string[: tok.string.index(tok.string[-1])].lower()
            above = lines[tok.start[0] - 2].strip() if tok.start[0] > 1 else ""
            marked = bool(NOT_UI_RE.search(lines[tok.start[0] - 1])) or (
                above.startswith("#") and bool(NOT_UI_RE.search(above))
            )
            for offset, text in enumerate(tok.string.split("\n")):
                if not (docstring or raw or marked) and HAN_RE.search(text):
                    yield Line(datafile.shown(path, root), tok.start[0] + offset, text)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous = tok.type


def template_files(root: Path = ROOT, pattern: str = "*") -> list[Path]:
    """The files of overrides/ (the theme's) and templates/ (the scripts') matching ``pattern``."""
    found = (sorted((root / folder).rglob(pattern)) for folder in ("overrides", "templates"))
    return [path for paths in found for path in paths if path.is_file()]


def script_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "scripts").rglob("*.py"))


def ui_lines(
    root: Path = ROOT, pattern: re.Pattern[str] = HAN_RE, glob: str = "*.html"
) -> list[Line]:
    """Lines with ``pattern`` in templates outside Jinja comments (a file that is not UTF-8 text,
    such as an image, has none); Chinese literals in scripts/."""
    lines: list[Line] = []
    for path in template_files(root, glob):
        raw = datafile.read_text(path)[0]  # "" for an image or a font: no text to read
        text = JINJA_COMMENT_RE.sub(lambda m: "\n" * m[0].count("\n"), raw)
        for number, line in enumerate(text.split("\n"), 1):
            if pattern.search(line):
                lines.append(Line(datafile.shown(path, root), number, line))
    for path in script_files(root):
        lines.extend(python_strings(path, root))
    return lines


def print_findings(findings: Sequence[object], summary: str, report: bool) -> None:
    """Each finding, the summary (on stderr) and, with ``report``, a count per file, most first."""
    for finding in findings:
        print(finding)
    print(summary, file=sys.stderr)
    if report:
        counts = Counter(str(finding).split(":", 1)[0] for finding in findings)
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        print("\n".join(["findings per file:", *(f"{n:5d}  {path}" for path, n in rows)]))

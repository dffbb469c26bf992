"""Where the site's Chinese text lives, line by line: Markdown pages and the ``zh`` fields of data/
(YAML, among them the UI strings of data/ui.yaml, and the ``"zh"`` labels of the JSON schemas);
and any Chinese text left in the templates in overrides/ and templates/ and the string literals
in scripts/ (scripts/lint/ui_strings.py requires there be none but the lints' own vocabulary).

Shared by the term lint (scripts/lint/terms.py) and the typography lint (typography.py), so
both report the same ``path:line`` for the same text and both skip fenced code.
"""

from __future__ import annotations

import io
import re
import token
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import datafile, markdown_reader

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ("overrides", "templates")  # the theme's templates and the scripts' fragments
HAN_RE = re.compile(r"[\u3400-\u9fff]")
# Han characters or full-width and CJK punctuation: Chinese text in a template.
CHINESE_RE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# A Python string with Chinese in it that is not a UI string (a lint's vocabulary) says so.
NOT_UI_RE = re.compile(r"#\s*not UI:")
JSON_ZH_RE = re.compile(r'"zh"\s*:\s*"((?:[^"\\]|\\.)*)"')
JINJA_COMMENT_RE = re.compile(r"\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Line:
    path: str  # as shown in messages: relative to the project root when inside it
    number: int
    text: str


def shown(path: Path, root: Path = ROOT) -> str:
    return datafile.shown(path, root)


def markdown_lines(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """Every line of a page outside fenced code blocks (front matter included: titles are text)."""
    where = shown(path, root)
    lines = markdown_reader.fenced(path.read_text(encoding="utf-8").splitlines())
    for number, (text, code) in enumerate(lines, 1):
        if not code:
            yield Line(where, number, text)


def _walk(node: Any, key: str | None = None) -> Iterator[tuple[int, str]]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "zh" and isinstance(value, str):
                lines: Any = node  # a ruamel CommentedMap: it keeps line numbers in .lc
                yield lines.lc.key(name)[0] + 1, value
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
    data, _ = datafile.load_yaml(path)
    where = shown(path, root)
    for number, text in _walk(data):
        yield Line(where, number, text)


def json_zh_fields(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """The ``"zh": "..."`` strings of a JSON file (the schemas' Chinese labels), by line."""
    where = shown(path, root)
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in JSON_ZH_RE.finditer(text):
            yield Line(where, number, match.group(1))


def data_lines(data_dir: Path, root: Path = ROOT, skip: tuple[str, ...] = ()) -> list[Line]:
    """Every Chinese string of data/: ``zh`` fields of YAML files and of JSON schemas."""
    lines: list[Line] = []
    for path in data_files(data_dir):
        if path.name not in skip:
            lines.extend(zh_fields(path, root))
    for path in sorted(data_dir.rglob("*.json")):
        if path.name not in skip:
            lines.extend(json_zh_fields(path, root))
    return lines


def python_strings(path: Path, root: Path = ROOT) -> Iterator[Line]:
    """String literals with Chinese in them, one item per source line. Docstrings, raw strings
    and literals marked ``# not UI: <why>`` (at the end of their line, or on a comment line just
    above) are skipped: they explain rules, hold regular expressions or a lint's vocabulary, and
    readers never see them (UI strings are in data/ui.yaml)."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    previous = token.NEWLINE
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == token.STRING and HAN_RE.search(tok.string):
            docstring = previous in (token.NEWLINE, token.INDENT, token.DEDENT)
            raw = "r" in tok.string[: tok.string.index(tok.string[-1])].lower()
            above = lines[tok.start[0] - 2].strip() if tok.start[0] > 1 else ""
            marked = bool(NOT_UI_RE.search(lines[tok.start[0] - 1])) or (
                above.startswith("#") and bool(NOT_UI_RE.search(above))
            )
            if not (docstring or raw or marked):
                for offset, text in enumerate(tok.string.splitlines()):
                    if HAN_RE.search(text):
                        yield Line(shown(path, root), tok.start[0] + offset, text)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous = tok.type


def template_lines(
    path: Path, root: Path = ROOT, pattern: re.Pattern[str] = HAN_RE
) -> Iterator[Line]:
    """The lines of a template (or any text file) with ``pattern`` in them, outside Jinja
    comments."""
    text = JINJA_COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text("utf-8"))
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            yield Line(shown(path, root), number, line)


def template_files(root: Path = ROOT, pattern: str = "*") -> list[Path]:
    """The files of overrides/ and templates/ whose names match ``pattern``."""
    return [
        path
        for folder in TEMPLATE_DIRS
        for path in sorted((root / folder).rglob(pattern))
        if path.is_file()
    ]


def script_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "scripts").rglob("*.py"))


def ui_lines(
    root: Path = ROOT, pattern: re.Pattern[str] = HAN_RE, files: str = "*.html"
) -> list[Line]:
    """Chinese text (``pattern``) left in templates (``files``) and string literals in scripts/."""
    lines: list[Line] = []
    for path in template_files(root, files):
        lines.extend(template_lines(path, root, pattern))
    for path in script_files(root):
        lines.extend(python_strings(path, root))
    return lines


def data_files(data_dir: Path) -> list[Path]:
    return sorted([*data_dir.rglob("*.yaml"), *data_dir.rglob("*.yml")])


def zh_pages(docs_dir: Path) -> list[Path]:
    return sorted((docs_dir / "zh").rglob("*.md"))


def count_report(findings: list[str]) -> str:
    """Findings per file (``path:line: ...`` messages), most first: what is left to fix."""
    counts: dict[str, int] = {}
    for finding in findings:
        path = finding.split(":", 1)[0]
        counts[path] = counts.get(path, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "\n".join(["findings per file:", *(f"{n:5d}  {path}" for path, n in rows)])

"""The site's UI strings in one place: data/ui.yaml, a key (``catalogue.count``) -> its text in
every site language (schema: data/schema/ui.schema.json).

Python writes ``ui.text("catalogue.count", lang)``; templates write ``{{ ui("catalogue.count",
lang) }}`` (the Jinja global is set up in scripts/templates.py for the fragments scripts/ render
and in scripts/theme.py for the theme's templates). A key the file does not have, or a language
it has no text for, is an error that names the key and the template, never a blank.

The rule ``check`` enforces, so that the strings stay in data/ui.yaml: no Chinese text in
overrides/ or scripts/, where Chinese text is
- in overrides/ (templates, CSS): any Han character or full-width/CJK punctuation outside a
  Jinja comment ``{# #}``;
- in scripts/*.py: any Han character in a string literal, except docstrings, comments and raw
  strings (regular expressions), and except a literal on a line marked ``# not UI: <why>`` (the
  Chinese lints' own vocabulary). Full-width punctuation alone is allowed there: it is how the
  scripts parse Chinese text (glossary.py, typography.py), not what they show.
The glossary's terms live in data/glossary.yaml and the nav labels in mkdocs.yml.

CLI:
    python scripts/ui.py check    validate data/ui.yaml; list Chinese text outside it and keys
                                  that templates or scripts use but the file lacks
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import chinese_text, datafile  # noqa: E402
from scripts.datafile import Problem  # noqa: E402
from scripts.languages import LANGUAGES  # noqa: E402

ROOT = datafile.ROOT
PATH = ROOT / "data" / "ui.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "ui.schema.json"
# A key written out in full where a template or script asks for a string, as in
# ui("catalogue.count", lang) (a key built from parts is checked when it is used).
USE_RE = re.compile(r"""\bui(?:\.text)?\(\s*(["'])([a-z0-9_]+(?:\.[a-z0-9_]+)+)\1\s*[,)]""")


class UnknownString(ValueError):
    """A key data/ui.yaml does not have, or a language it has no text for."""


@dataclass(frozen=True)
class Strings:
    texts: dict[str, dict[str, str]]
    problems: tuple[Problem, ...] = ()


def _load(path: Path) -> Strings:
    where = datafile.shown(path)
    data, problems = datafile.load_yaml(path)
    if data is None:
        return Strings({}, tuple(problems))
    found = datafile.schema_problems(data, SCHEMA_PATH, where)
    texts: dict[str, dict[str, str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict):
                texts[str(key)] = {k: v for k, v in value.items() if isinstance(v, str)}
    return Strings(texts, tuple(found))


_cache: dict[tuple[Path, int, int], Strings] = {}


def load(path: Path | None = None) -> Strings:
    """The strings and the file's problems (of data/ui.yaml unless ``path`` is given); read again
    when the file or its schema changes."""
    path = Path(path or PATH)
    stamp = (path, datafile.mtime(path), datafile.mtime(SCHEMA_PATH))
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = _load(path)
    return _cache[stamp]


def problems(path: Path | None = None) -> list[str]:
    return [str(p) for p in load(path).problems]


def text(key: str, lang: str) -> str:
    """The UI string ``key`` in language ``lang``; raises UnknownString naming what is missing."""
    entry = load().texts.get(key)
    where = datafile.shown(PATH)
    if entry is None:
        raise UnknownString(
            f"{where}: no UI string {key!r}; add it with its text in every language"
        )
    if lang not in entry:
        raise UnknownString(f"{where}: the UI string {key!r} has no {lang!r} text")
    return entry[lang]


@pass_context
def template_text(context: Context, key: str, lang: str) -> str:
    """The Jinja global ``ui(key, lang)``: ``text``, with the template's name in an error."""
    try:
        return text(key, lang)
    except UnknownString as exc:
        raise UnknownString(f"{context.name}: {exc}") from None


# --- The rule: no Chinese text outside data/ui.yaml ---------------------------------------------


def stray_chinese(root: Path = ROOT) -> list[str]:
    """``path:line: ui: ...`` for each piece of Chinese text in overrides/ and scripts/."""
    lines = [
        line
        for path in sorted((root / "overrides").rglob("*"))
        if path.is_file()
        for line in chinese_text.template_lines(path, root, chinese_text.CHINESE_RE)
    ]
    for path in sorted((root / "scripts").glob("*.py")):
        lines.extend(chinese_text.python_strings(path, root))
    return [
        f"{line.path}:{line.number}: ui: Chinese text {line.text.strip()[:60]!r} belongs in "
        "data/ui.yaml"
        for line in lines
    ]


def unknown_keys(root: Path = ROOT, strings: Strings | None = None) -> list[str]:
    """Keys written out in overrides/ and scripts/ that data/ui.yaml does not have."""
    texts = (strings or load()).texts
    found: list[str] = []
    files = [
        *sorted((root / "overrides").rglob("*.html")),
        *sorted((root / "scripts").glob("*.py")),
    ]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in USE_RE.finditer(line):
                if match[2] not in texts:
                    found.append(
                        f"{path.relative_to(root).as_posix()}:{number}: ui: unknown key "
                        f"{match[2]!r} (not in data/ui.yaml)"
                    )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ui.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ui.yaml and find strings outside it")
    parser.parse_args(argv)
    found = [*problems(), *unknown_keys(), *stray_chinese()]
    if datafile.print_problems(found):
        return 1
    print(f"OK: {len(load().texts)} UI strings in {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

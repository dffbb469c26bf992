"""The site's UI strings in one place: data/ui.yaml, a key (``catalogue.count``) -> its text in
every site language (schema: data/schema/ui.schema.json).

Python writes ``ui.text("catalogue.count", lang)``; templates write ``{{ ui("catalogue.count",
lang) }}`` (the Jinja global is set up in scripts/render/templates.py for the fragments
scripts/ render and in scripts/build/theme.py for the theme's templates). A key the file does
not have, or a language it has no text for, is an error that names the key and the template,
never a blank.

scripts/lint/ui_strings.py checks that the strings stay in data/ui.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context

from scripts.data import datafile
from scripts.data.datafile import Problem

ROOT = datafile.ROOT
PATH = ROOT / "data" / "ui.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "ui.schema.json"


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

"""The site's UI strings in one place: data/ui.yaml, a key (``catalogue.count``) -> its text in
every site language (schema: data/schema/ui.schema.json). Python writes ``ui.text(key, lang)``,
templates ``{{ ui(key, lang) }}`` (the Jinja global of scripts/render/templates.py and
scripts/build/theme.py). A missing key or text is an error naming the key and the template, never
a blank; scripts/lint/ui_strings.py checks that the strings stay in data/ui.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
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


# What ``load`` last returned for each file: ``text`` reads it without a stat (it is called
# over 13,000 times a build); every build's on_config loads (site_data), so `mkdocs serve`
# still sees an edit.
_loaded: dict[Path, Strings] = {}


def load(path: Path | None = None) -> Strings:
    """The strings and the file's problems (of data/ui.yaml unless ``path`` is given); read again
    when the file or its schema changes."""
    path = Path(path or PATH)
    _loaded[path] = _load(path, datafile.mtime(path), datafile.mtime(SCHEMA_PATH))
    return _loaded[path]


@lru_cache(maxsize=1)
def _load(path: Path, *stamps: int) -> Strings:
    del stamps  # part of the cache key only
    data, found, _ = datafile.load_checked(path, SCHEMA_PATH)
    texts = {
        str(key): {lang: text for lang, text in value.items() if isinstance(text, str)}
        for key, value in (data.items() if isinstance(data, dict) else ())
        if isinstance(value, dict)
    }
    return Strings(texts, tuple(found))


def text(key: str, lang: str) -> str:
    """The UI string ``key`` in language ``lang`` as the last ``load`` read it; raises
    UnknownString naming what is missing."""
    entry = (_loaded.get(PATH) or load()).texts.get(key)
    if entry is None:
        raise UnknownString(
            f"{datafile.shown(PATH)}: no UI string {key!r}; add it with its text in every language"
        )
    if lang not in entry:
        raise UnknownString(f"{datafile.shown(PATH)}: the UI string {key!r} has no {lang!r} text")
    return entry[lang]


@pass_context
def template_text(context: Context, key: str, lang: str) -> str:
    """The Jinja global ``ui(key, lang)``: ``text``, with the template's name in an error."""
    try:
        return text(key, lang)
    except UnknownString as exc:
        raise UnknownString(f"{context.name}: {exc}") from None

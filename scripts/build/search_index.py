"""Split the theme's mixed search index into one index per language.

mkdocs-static-i18n collects the entries of every language build into a single
``search/search_index.json``. Readers expect each language to search its own pages, so after
the last build we write ``search/search_index.json`` (default language) and
``<lang>/search/search_index.json`` (other languages, locations relative to ``<lang>/``).
"""

from __future__ import annotations

import json
from pathlib import Path


def split_entries(index: dict, languages: list[str]) -> dict[str, dict]:
    """Return {language: index}; ``languages[0]`` is the default language served at the root."""
    default, others = languages[0], languages[1:]
    result: dict[str, dict] = {lang: {"config": index["config"], "docs": []} for lang in languages}
    for doc in index["docs"]:
        location: str = doc["location"]
        for lang in others:
            if (
                location == lang
                or location.startswith(f"{lang}/")
                or location.startswith(f"{lang}#")
            ):
                moved = dict(doc, location=location[len(lang) :].lstrip("/"))
                result[lang]["docs"].append(moved)
                break
        else:
            result[default]["docs"].append(doc)
    return result


def write_split(site_dir: Path, languages: list[str]) -> dict[str, int]:
    """Rewrite the built site's index files in place; returns entries per language."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for lang, data in split_entries(index, languages).items():
        target = path if lang == languages[0] else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(data["docs"])
    return counts

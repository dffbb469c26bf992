"""Split the theme's mixed search index into one index per language.

mkdocs-static-i18n collects the entries of every language build into a single
``search/search_index.json``. Readers expect each language to search its own pages, so after
the last build we write ``search/search_index.json`` (default language) and
``<lang>/search/search_index.json`` (other languages, locations relative to ``<lang>/``).
"""

from __future__ import annotations

import argparse
import json
import sys
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    split = sub.add_parser("split", help="split SITE/search/search_index.json per language")
    split.add_argument("site", type=Path)
    split.add_argument("--languages", nargs="+", default=["en", "zh"])
    args = parser.parse_args(argv)
    for lang, count in write_split(args.site, args.languages).items():
        print(f"{lang}: {count} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())

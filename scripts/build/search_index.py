"""Split the theme's mixed search index (mkdocs-static-i18n writes one for all languages) into
``search/search_index.json`` (default language) and ``<lang>/search/search_index.json`` (other
languages, locations relative to ``<lang>/``), so each language searches its own pages.

Chinese entries also get a hidden field, ``parts``: the theme matches a query word against the
*beginning* of indexed words, and jieba keeps compounds such as 图神经网络 as one word, so 神经网络
could not find it. ``parts`` lists the later endings of every Chinese word of three or more
characters (图神经网络 -> 神经网络, 经网络, 网络). The theme indexes every field of
``config.fields`` but shows only title, text and tags, so results do not repeat the endings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

PARTS_FIELD = "parts"
# jieba's segments in the index, separated by \u200b (material/plugins/search/plugin.py).
HAN_WORD_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SEGMENTED_LANGUAGES = ("zh",)


def word_endings(text: str) -> list[str]:
    """Endings of two characters or more of the text's Chinese words that are not words of the
    text themselves, sorted (图神经网络 -> 经网络, 神经网络, 网络)."""
    words = set(HAN_WORD_RE.findall(text))
    endings = {w[i:] for w in words if len(w) >= 3 for i in range(1, len(w) - 1)}
    return sorted(endings - words)


def add_parts(index: dict) -> dict:
    """A copy of the index whose entries carry ``parts`` (see the module docstring)."""
    config = dict(index["config"])
    config["fields"] = {**config.get("fields", {}), PARTS_FIELD: {"boost": 1.0}}
    docs = []
    for doc in index["docs"]:
        endings = word_endings(f"{doc['title']}\u200b{doc['text']}")
        docs.append(dict(doc, **{PARTS_FIELD: " ".join(endings)}) if endings else doc)
    return {**index, "config": config, "docs": docs}


def split_entries(index: dict, languages: list[str]) -> dict[str, dict]:
    """Return {language: index}; ``languages[0]`` is the default language served at the root."""
    default, others = languages[0], languages[1:]
    result: dict[str, dict] = {lang: {"config": index["config"], "docs": []} for lang in languages}
    for doc in index["docs"]:
        location: str = doc["location"]
        for lang in others:
            if location == lang or location.startswith((f"{lang}/", f"{lang}#")):
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
        if lang in SEGMENTED_LANGUAGES:
            data = add_parts(data)
        target = path if lang == languages[0] else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(data["docs"])
    return counts

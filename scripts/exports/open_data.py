"""The resource catalogue as open data: ``resources.json`` and ``resources.csv`` (CC BY 4.0, like
the site's text) and schema.org JSON-LD on the All resources page.

``resources.json``: ``{"licence", "schema", "source", "commit", "built", "resources": [...]}``;
each resource is the entry as written in ``data/resources/<category>.yaml`` plus its
``category``; without ``category`` it is valid against ``resource.schema.json`` (copied beside
it), which also names every field. ``resources.csv``: one row per entry, the columns of
``CSV_COLUMNS``, lists joined with ``;``, both languages' descriptions.

JSON-LD: one node per entry, typed by its kind (``SCHEMA_TYPES``): software as
``SoftwareSourceCode``, data as ``Dataset``, learning material as ``LearningResource``; kinds
that are none of these (a community, an event, a hosted service) are ``CreativeWork``. Every
node has ``@id``, ``name`` and ``url``; a Dataset its ``description`` (the page language's), a
LearningResource its ``learningResourceType`` and ``educationalLevel``, software on GitHub its
``codeRepository``. Descriptions are left out elsewhere: the page already shows them, and the
whole graph would otherwise add about 18 KB (gzip) to the page's first view.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from scripts.data import resources
from scripts.data.site_paths import CATALOGUE_PAGE
from scripts.exports.cite_page import BuildInfo
from scripts.render.templates import render_template

DATA = resources.DEFAULT_DATA
SCHEMA = resources.SCHEMA_PATH
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SCHEMA_TYPES = {
    "SoftwareSourceCode": (
        "library",
        "framework",
        "code-collection",
        "labelling-tool",
        "dataset-tool",
        "tool",
        "model",
        "model-hub",
    ),
    "Dataset": ("dataset", "benchmark", "data-portal"),
    "LearningResource": (
        "course",
        "book",
        "tutorial",
        "publication",
        "curated-list",
        "paper-index",
        "standard",
        "periodical",
    ),
}
KIND_TYPES = {kind: name for name, kinds in SCHEMA_TYPES.items() for kind in kinds}
CSV_COLUMNS = (
    "id",
    "name",
    "category",
    "url",
    "kind",
    "level",
    "status",
    "data",
    "domain",
    "description_en",
    "description_zh",
    "repository",
    "survey_url",
    "former_urls",
    "reviewed",
)


def _plain(value: Any) -> Any:
    """YAML values as JSON has them (dates as ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_entries(data_dir: Path = DATA) -> list[dict]:
    """Every entry with its category, in category-file order (the build validated them)."""
    files = sorted(data_dir.glob("*.yaml"))
    return list(_load(tuple((str(p), p.stat().st_mtime_ns) for p in files)))


@lru_cache(maxsize=2)
def _load(files: tuple[tuple[str, int], ...]) -> tuple[dict, ...]:
    found = []
    for path, _ in files:
        text = Path(path).read_text(encoding="utf-8")
        for entry in yaml.load(text, Loader=LOADER) or []:
            found.append({**_plain(entry), "category": Path(path).stem})
    return tuple(found)


def json_document(entries: list[dict], info: BuildInfo) -> str:
    document = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": SCHEMA.name,
        "description": "The resource catalogue of the companion site to Raghu and Schmidt, "
        "A Survey of Deep Learning for Scientific Discovery (arXiv:2003.11755). Each resource "
        "is an entry of data/resources/<category>.yaml plus its category.",
        "commit": info.commit,
        "built": info.date.isoformat(),
        "resources": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def csv_row(entry: dict) -> dict[str, str]:
    tags = entry.get("tags", {})
    description = entry.get("description", {})
    row = {
        "id": entry["id"],
        "name": entry["name"],
        "category": entry["category"],
        "url": entry["url"],
        "kind": tags.get("kind", ""),
        "level": tags.get("level", ""),
        "status": tags.get("status", ""),
        "data": ";".join(tags.get("data", [])),
        "domain": ";".join(tags.get("domain", ["any"])),
        "description_en": description.get("en", ""),
        "description_zh": description.get("zh", ""),
        "repository": entry.get("repository", ""),
        "survey_url": entry.get("survey_url", ""),
        "former_urls": ";".join(entry.get("former_urls", [])),
        "reviewed": entry.get("reviewed", ""),
    }
    return {k: str(v) for k, v in row.items()}


def csv_document(entries: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(csv_row(entry))
    return out.getvalue()


def write(folder: Path, info: BuildInfo, data_dir: Path = DATA) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    entries = load_entries(data_dir)
    (folder / "resources.json").write_text(json_document(entries, info), encoding="utf-8")
    # utf-8-sig: spreadsheet programs then read the Chinese descriptions correctly
    (folder / "resources.csv").write_text(csv_document(entries), encoding="utf-8-sig")


# --- JSON-LD ------------------------------------------------------------------------------------


def json_ld_node(entry: dict, lang: str) -> dict:
    tags = entry.get("tags", {})
    kind = tags.get("kind", "")
    node: dict[str, Any] = {
        "@type": KIND_TYPES.get(kind, "CreativeWork"),
        "@id": f"#res-{entry['id']}",
        "name": entry["name"],
        "url": entry["url"],
    }
    # The page shows every description already; JSON-LD repeats it only where a consumer
    # requires it (Google's Dataset rules), to keep the catalogue's first view light.
    if node["@type"] == "Dataset":
        node["description"] = entry.get("description", {}).get(lang, "")
    if node["@type"] == "SoftwareSourceCode":
        repository = entry.get("repository") or (
            entry["url"] if entry["url"].startswith("https://github.com/") else None
        )
        if repository:
            node["codeRepository"] = repository
    if node["@type"] == "LearningResource":
        node["learningResourceType"] = resources.label("kind", kind, "en")
        if tags.get("level"):
            node["educationalLevel"] = tags["level"]
    if node["@type"] == "Dataset":
        node["isAccessibleForFree"] = True
    return node


def json_ld(entries: list[dict], lang: str) -> str:
    """The catalogue as one JSON-LD graph; ``<`` is escaped so no text can end the script."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            json_ld_node(e, lang) for e in entries if e.get("tags", {}).get("status") != "dead"
        ],
    }
    text = json.dumps(graph, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_marker(lang: str, base: str) -> str:
    return render_template("exports/catalogue-data.html", lang=lang, base=base)


def page_json_ld(src_uri: str, lang: str) -> str:
    """The JSON-LD of a page (``src_uri`` inside the language): the catalogue on All resources,
    nothing elsewhere. It goes into the head (overrides/partials/exports/json-ld.html): the
    theme's instant navigation re-creates every script of the swapped content as a plain
    script, without its type, so JSON-LD there would run as JavaScript (and the CSP blocks it)."""
    return json_ld(load_entries(), lang) if src_uri == CATALOGUE_PAGE else ""

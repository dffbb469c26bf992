"""The resource catalogue as open data (CC BY 4.0, like the site's text) and as schema.org JSON-LD.

``resources.json``: every entry as written in ``data/resources/<category>.yaml`` plus its
``category``, valid (without ``category``) against ``resource.schema.json``, copied beside it.
``resources.csv``: one row per entry (``CSV_COLUMNS``; ``reviewed`` is the day of its
``review``, empty without one), lists joined with ``;``.

JSON-LD on All resources: one node per live entry, typed by its kind (``KIND_TYPES``, else
``CreativeWork``), with ``@id``, ``name`` and ``url``; a Dataset adds its description, a
LearningResource its type and level, software on GitHub its ``codeRepository``. Other
descriptions are left out: the page shows them, and they would add about 18 KB (gzip) to its
first view.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from scripts.data import datafile, resources, site_data
from scripts.data.resources import Resource
from scripts.data.site_paths import CATALOGUE_PAGE
from scripts.render.cite_page import BuildInfo

DATA = resources.DEFAULT_DATA
SCHEMA = resources.SCHEMA_PATH
# schema.org type of each kind; a kind not named here is a CreativeWork
KIND_TYPES = {
    "library": "SoftwareSourceCode",
    "framework": "SoftwareSourceCode",
    "code-collection": "SoftwareSourceCode",
    "labelling-tool": "SoftwareSourceCode",
    "dataset-tool": "SoftwareSourceCode",
    "tool": "SoftwareSourceCode",
    "model": "SoftwareSourceCode",
    "model-hub": "SoftwareSourceCode",
    "dataset": "Dataset",
    "benchmark": "Dataset",
    "data-portal": "Dataset",
    "course": "LearningResource",
    "book": "LearningResource",
    "tutorial": "LearningResource",
    "publication": "LearningResource",
    "curated-list": "LearningResource",
    "paper-index": "LearningResource",
    "standard": "LearningResource",
    "periodical": "LearningResource",
}
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


def load_entries() -> list[dict]:
    """Every entry as written (a date as its text), with its category, in category-file order
    (the build and ``exports write`` validate the data first)."""
    return [
        {**entry, "category": path.stem}
        for path in sorted(DATA.glob("*.yaml"))
        for entry in datafile.load_yaml(path)[0] or []
    ]


def json_document(entries: list[dict], info: BuildInfo) -> str:
    document = {
        "licence": "CC-BY-4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
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
    """The entry's fields and tags, both descriptions, its review's day (``reviewed``), lists
    joined with ``;``."""
    values = {"domain": ["any"], **entry, **entry.get("tags", {})}
    values["reviewed"] = entry.get("review", {}).get("date", "")
    for lang in ("en", "zh"):
        values[f"description_{lang}"] = entry.get("description", {}).get(lang, "")
    row = {column: values.get(column, "") for column in CSV_COLUMNS}
    return {k: ";".join(v) if isinstance(v, list) else str(v) for k, v in row.items()}


def csv_document(entries: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(map(csv_row, entries))
    return out.getvalue()


def write(folder: Path, info: BuildInfo, url: str) -> None:
    """``resources.json``, ``resources.csv`` and the schema into ``folder``, which the site
    serves at ``url``: the schema's ``$id`` is rewritten to its address there."""
    folder.mkdir(parents=True, exist_ok=True)
    schema = SCHEMA.read_text(encoding="utf-8")
    schema = schema.replace(json.loads(schema)["$id"], url + SCHEMA.name, 1)
    (folder / SCHEMA.name).write_text(schema, encoding="utf-8")
    entries = load_entries()
    (folder / "resources.json").write_text(json_document(entries, info), encoding="utf-8")
    # utf-8-sig: spreadsheet programs then read the Chinese descriptions correctly
    (folder / "resources.csv").write_text(csv_document(entries), encoding="utf-8-sig")


# --- JSON-LD ------------------------------------------------------------------------------------


def json_ld_node(entry: Resource, lang: str) -> dict:
    node: dict[str, Any] = {
        "@type": KIND_TYPES.get(entry.kind, "CreativeWork"),
        "@id": f"#res-{entry.id}",
        "name": entry.name,
        "url": entry.url,
    }
    if node["@type"] == "Dataset":  # Google's Dataset rules require these
        node["description"] = entry.description.get(lang)
        node["isAccessibleForFree"] = True
    on_github = entry.url if entry.url.startswith("https://github.com/") else None
    if node["@type"] == "SoftwareSourceCode" and (entry.repository or on_github):
        node["codeRepository"] = entry.repository or on_github
    if node["@type"] == "LearningResource":
        node["learningResourceType"] = resources.label("kind", entry.kind, "en")
        if entry.level:
            node["educationalLevel"] = entry.level
    return node


def json_ld(entries: Sequence[Resource], lang: str) -> str:
    """The catalogue as one JSON-LD graph; ``<`` is escaped so no text can end the script."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [json_ld_node(e, lang) for e in entries if e.status != "dead"],
    }
    return str(htmlsafe_json_dumps(graph, ensure_ascii=False, separators=(",", ":")))


def page_json_ld(src_uri: str, lang: str) -> str:
    """The JSON-LD of a page (``src_uri`` as MkDocs has it, ``zh/resources/all.md``): the catalogue
    on All resources, nothing elsewhere. It goes into the head: the theme's instant navigation
    re-runs the swapped content's scripts as plain scripts, where JSON-LD would run as JavaScript
    (and the CSP blocks it)."""
    page = src_uri.split("/", 1)[-1]
    return json_ld(site_data.load().catalogue.entries, lang) if page == CATALOGUE_PAGE else ""

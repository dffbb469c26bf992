"""Everything the build needs from data/, loaded once per process and shared by both languages.

The hooks call ``load`` (parse and validate every data source, cached by file modification
times so ``mkdocs serve`` picks up edits) and ``problems``; scripts/render/page.py expands a
page's markers with what ``load`` returns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from scripts.data import fields, figure, glossary, references, resources, start_guide, ui

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@dataclass(frozen=True)
class SiteData:
    bibliography: references.Bibliography
    workflow: figure.Workflow
    catalogue: resources.Catalogue
    glossary: glossary.Glossary
    start_guide: start_guide.Guide
    ui: ui.Strings
    fields: fields.Fields


_cache: dict[tuple, SiteData] = {}


def _stamp() -> tuple:
    files = (*DATA.rglob("*"), *start_guide.DOCS.rglob("*.md"))  # the guide checks headings
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()))


def load() -> SiteData:
    stamp = _stamp()
    if stamp not in _cache:
        _cache.clear()
        catalogue = resources.load_catalogue(DATA / "resources")
        _cache[stamp] = SiteData(
            bibliography=references.load_bibliography(DATA / "references.bib"),
            workflow=figure.load_workflow(DATA / "workflow.yaml"),
            catalogue=catalogue,
            glossary=glossary.load_glossary(DATA / "glossary.yaml"),
            start_guide=start_guide.load_guide(DATA / "start-guide.yaml", catalogue=catalogue),
            ui=ui.load(DATA / "ui.yaml"),
            fields=fields.load_fields(DATA / "fields", catalogue=catalogue),
        )
    return _cache[stamp]


def problems(data: SiteData) -> list[str]:
    """Every data source's problems (``python -m scripts check`` runs one check per source)."""
    return [
        str(found)
        for part in dataclasses.fields(data)
        for found in getattr(data, part.name).problems
    ]

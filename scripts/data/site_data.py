"""Everything the build needs from data/, shared by both languages: the hooks call ``load``
(every data source parsed and validated, read again when a file changes, so ``mkdocs serve``
picks up edits) and ``problems``; scripts/render/page.py expands markers with what it returns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
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


def _stamp() -> tuple:
    files = (*DATA.rglob("*"), *start_guide.DOCS.rglob("*.md"))  # the guide checks headings
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()))


def load() -> SiteData:
    return _load(_stamp())


@lru_cache(maxsize=1)
def _load(stamp: tuple) -> SiteData:
    del stamp  # the cache key only
    catalogue = resources.load_catalogue(DATA / "resources")
    return SiteData(
        bibliography=references.load_bibliography(DATA / "references.bib"),
        workflow=figure.load_workflow(DATA / "workflow.yaml"),
        catalogue=catalogue,
        glossary=glossary.load_glossary(DATA / "glossary.yaml"),
        start_guide=start_guide.load_guide(DATA / "start-guide.yaml", catalogue=catalogue),
        ui=ui.load(DATA / "ui.yaml"),
        fields=fields.load_fields(DATA / "fields", catalogue=catalogue),
    )


def problems(data: SiteData) -> list[str]:
    """Every data source's problems (``python -m scripts check`` runs one check per source)."""
    return [
        str(found)
        for part in dataclasses.fields(data)
        for found in getattr(data, part.name).problems
    ]

"""The field guides' data: data/fields/<id>.yaml, one file per field page (issue 22).

Each file is validated against data/schema/field.schema.json, then cross-checked as the schema's
description promises: the id is the file name, the page exists in docs/en/, every domain is a
catalogue domain, and ``first_dataset`` and every ``starters`` id is a catalogue id. Problems
read ``path:line: field: problem``; the loader never raises for bad content.

Pages show the data through ``<!-- fields: table -->`` (scripts/render/fields.py) and the start
guide's optional field choice (scripts/render/start_guide.py).

CLI:
    python -m scripts fields check     every problem as ``path:line: field: problem``; exit 1

Public API used by the build: ``load_fields`` (its ``problems``).
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import resources, site_paths
from scripts.data.datafile import (
    Problem,
    load_yaml,
    print_problems,
    problem_at,
    schema_problems,
    shown,
)
from scripts.data.resources import Text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "data" / "fields"
SCHEMA_PATH = ROOT / "data" / "schema" / "field.schema.json"
DOCS = ROOT / "docs"
MKDOCS_YML = site_paths.MKDOCS_YML


@dataclass(frozen=True)
class Field:
    id: str
    page: str  # relative to the language root: fields/genomics.md
    domains: tuple[str, ...]
    data: Text
    templates: Text
    first_dataset: str
    model_family: Text
    pitfall: Text
    starters: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    """Every valid field (in the nav's order, see ``nav_order``) and every problem found."""

    entries: tuple[Field, ...]
    problems: tuple[str, ...]

    def get(self, field_id: str) -> Field | None:
        return next((entry for entry in self.entries if entry.id == field_id), None)


def _unknown_id(value: str, catalogue: resources.Catalogue) -> str | None:
    if catalogue.get(value) is not None:
        return None
    close = difflib.get_close_matches(value, [entry.id for entry in catalogue.entries], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown resource id {value!r}: not in data/resources/*.yaml{hint}"


def check_field(data: Any, path: Path, docs: Path, catalogue: resources.Catalogue) -> list[Problem]:
    """The cross-checks on one file's data that passed the schema."""
    where = shown(path)
    found: list[Problem] = []

    def add(at: list[str | int], message: str) -> None:
        found.append(problem_at(where, data, at, message))

    if data["id"] != path.stem:
        add(["id"], f"{data['id']!r} is not the file name; name the file {data['id']}.yaml")
    if not (docs / "en" / data["page"]).is_file():
        add(["page"], f"page {data['page']!r} does not exist (no docs/en/{data['page']})")
    known = resources.choices("domain")
    for index, domain in enumerate(data["domains"]):
        if domain not in known or domain == "any":
            add(
                ["domains", index],
                f"unknown domain {domain!r} (expected one of: "
                f"{', '.join(d for d in known if d != 'any')})",
            )
    if problem := _unknown_id(str(data["first_dataset"]), catalogue):
        add(["first_dataset"], problem)
    for index, starter in enumerate(data["starters"]):
        if problem := _unknown_id(str(starter), catalogue):
            add(["starters", index], problem)
    return found


def _to_field(data: Any, catalogue: resources.Catalogue) -> Field:
    def current(resource_id: str) -> str:
        entry = catalogue.get(resource_id)
        return entry.id if entry is not None else resource_id

    return Field(
        id=str(data["id"]),
        page=str(data["page"]),
        domains=tuple(str(d) for d in data["domains"]),
        data=Text.from_yaml(data["data"]),
        templates=Text.from_yaml(data["templates"]),
        first_dataset=current(str(data["first_dataset"])),
        model_family=Text.from_yaml(data["model_family"]),
        pitfall=Text.from_yaml(data["pitfall"]),
        starters=tuple(current(str(s)) for s in data["starters"]),
    )


def nav_order(pages: list[str], mkdocs_yml: Path = MKDOCS_YML) -> list[str]:
    """``pages`` in the order mkdocs.yml's nav names them; pages the nav does not name keep
    their order, after the others."""
    nav = site_paths.nav_sources(mkdocs_yml)
    return sorted(pages, key=lambda page: nav.index(page) if page in nav else len(nav))


def load_fields(
    folder: Path | None = None,
    catalogue: resources.Catalogue | None = None,
    docs: Path | None = None,
) -> Fields:
    """Load and check every data/fields/*.yaml; never raises, every problem is in ``problems``."""
    folder = DEFAULT_DIR if folder is None else Path(folder)
    docs = DOCS if docs is None else Path(docs)
    if catalogue is None:
        catalogue = resources.load_catalogue(ROOT / "data" / "resources")
    entries: list[Field] = []
    found: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        data, problems = load_yaml(path)
        if data is None:
            found += problems
            continue
        structural = schema_problems(data, SCHEMA_PATH, shown(path))
        if structural:
            found += structural
            continue
        cross = check_field(data, path, docs, catalogue)
        found += cross
        if not cross:
            entries.append(_to_field(data, catalogue))
    order = nav_order([entry.page for entry in entries])
    entries.sort(key=lambda entry: order.index(entry.page))
    return Fields(entries=tuple(entries), problems=tuple(str(p) for p in sorted(set(found))))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/fields/*.yaml")
    parser.parse_args(argv)
    found = load_fields()
    if print_problems(found.problems):
        return 1
    print(f"OK: {len(found.entries)} fields, no problems.")
    return 0

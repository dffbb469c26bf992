"""The field guides' data: data/fields/<id>.yaml, one file per field page, checked with
data/schema/field.schema.json and then as its description promises (the id is the file name, the
page exists, domains and resource ids are the catalogue's). Pages show it through
``<!-- fields: table -->`` (scripts/render/fields.py) and the start guide's field choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scripts.data import resources, site_paths
from scripts.data.datafile import (
    Problem,
    Where,
    build,
    check_parser,
    load_checked,
    problem_at,
    problems_or_ok,
    shown,
)
from scripts.data.resources import Text

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "data" / "fields"
SCHEMA_PATH = ROOT / "data" / "schema" / "field.schema.json"
DOCS = ROOT / "docs"


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
    """Every valid field (in the order of mkdocs.yml's nav) and every problem found."""

    entries: tuple[Field, ...]
    problems: tuple[str, ...]

    def get(self, field_id: str) -> Field | None:
        return next((entry for entry in self.entries if entry.id == field_id), None)


def check_field(data: Any, path: Path, docs: Path, catalogue: resources.Catalogue) -> list[Problem]:
    """The cross-checks on one file's data that passed the schema."""
    found: list[tuple[Where, str | None]] = []
    if data["id"] != path.stem:
        message = f"{data['id']!r} is not the file name; name the file {data['id']}.yaml"
        found.append((["id"], message))
    if not (docs / "en" / data["page"]).is_file():
        message = f"page {data['page']!r} does not exist (no docs/en/{data['page']})"
        found.append((["page"], message))
    known = [domain for domain in resources.choices("domain") if domain != "any"]
    for index, domain in enumerate(data["domains"]):
        if domain not in known:
            message = f"unknown domain {domain!r} (expected one of: {', '.join(known)})"
            found.append((["domains", index], message))
    found.append((["first_dataset"], catalogue.unknown_id(str(data["first_dataset"]))))
    for index, starter in enumerate(data["starters"]):
        found.append((["starters", index], catalogue.unknown_id(str(starter))))
    return [problem_at(shown(path), data, at, message) for at, message in found if message]


def load_fields(
    folder: Path | None = None,
    catalogue: resources.Catalogue | None = None,
    docs: Path | None = None,
) -> Fields:
    """Load and check every data/fields/*.yaml (a .yml file is a problem); never raises, every
    problem is in ``problems``."""
    folder, docs = Path(folder or DEFAULT_DIR), Path(docs or DOCS)
    catalogue = catalogue or resources.load_catalogue(ROOT / "data" / "resources")
    entries: list[Field] = []
    found: list[Problem] = []
    first_page: dict[str, str] = {}  # page -> where its first field file names it
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        where = shown(path)
        if path.suffix != ".yaml":
            message = f"name it '{path.stem}.yaml' (use the .yaml suffix)"
            found.append(Problem(where, 1, "file", message))
        data, problems, _ = load_checked(path, SCHEMA_PATH)
        if data is None or problems:
            found += problems
            continue
        cross = check_field(data, path, docs, catalogue)
        here = problem_at(where, data, ["page"], "")
        place = f"{where}:{here.line}"
        if (first := first_page.setdefault(data["page"], place)) != place:
            message = f"{data['page']!r} has a field file already ({first}); one file per page"
            cross.append(replace(here, message=message))
        found += cross
        if not cross:  # every id names an entry: keep its current id (renames are in former_ids)
            named = [catalogue.get(str(v)) for v in (data["first_dataset"], *data["starters"])]
            first, *starters = [entry.id for entry in named if entry is not None]
            entries.append(build(Field, data, first_dataset=first, starters=tuple(starters)))
    # Pages the nav does not name keep their file order, after the others (a stable sort).
    nav = site_paths.nav_sources()
    entries.sort(key=lambda entry: nav.index(entry.page) if entry.page in nav else len(nav))
    return Fields(entries=tuple(entries), problems=tuple(str(p) for p in sorted(set(found))))


def main(argv: Sequence[str] | None = None) -> int:
    parser, _ = check_parser(__doc__, "validate data/fields/*.yaml")
    parser.parse_args(argv)
    found = load_fields()
    return problems_or_ok(found.problems, f"OK: {len(found.entries)} fields, no problems.")

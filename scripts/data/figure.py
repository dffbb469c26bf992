"""The texts of the workflow figure (survey Figure 1): data/workflow.yaml, checked against its
schema, which names every id that templates/figures/workflow-svg.html draws. The drawing is the
template's; this module only reads and validates its words (scripts/render/figure.py renders).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data.datafile import ROOT, load_checked

DEFAULT_DATA = ROOT / "data" / "workflow.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "workflow.schema.json"


@dataclass(frozen=True)
class Workflow:
    """The figure's texts (empty unless the file is valid) and every problem found in them."""

    data: Mapping[str, Any]
    problems: tuple[str, ...] = ()


def load_workflow(path: Path = DEFAULT_DATA) -> Workflow:
    """Read and check the workflow file; never raises for bad content (scripts/data/datafile.py).
    Not cached: scripts/data/site_data.py keeps what it loaded until a data file changes."""
    data, found, _ = load_checked(path, SCHEMA_PATH)
    return Workflow(data if data is not None and not found else {}, tuple(map(str, found)))

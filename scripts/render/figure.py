"""The workflow figure (survey Figure 1) as inline SVG: the drawing is
templates/figures/workflow-svg.html, its words data/workflow.yaml (scripts/data/figure.py).
Both languages share the drawing, and every id carries the language, so two figures can share
a page. CLI: ``python -m scripts figure check`` (the data file against its schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.data import datafile
from scripts.data import figure as figure_data
from scripts.render.templates import render_template


def render_workflow_svg(data: Mapping[str, Any], lang: str) -> str:
    """The figure as a self-contained SVG string in ``lang``, without blank lines (so it can
    stand inside a Markdown HTML block). ``data`` is a valid file's (the build checks it first);
    a text the drawing needs and ``data`` lacks raises jinja2's UndefinedError."""
    svg = render_template("figures/workflow-svg.html", text=data, lang=lang)
    return "\n".join(line for line in svg.splitlines() if line.strip())


def render_marker(argument: str, lang: str, workflow: figure_data.Workflow) -> str:
    """The figure in place of ``<!-- figure: workflow -->`` (the one figure there is)."""
    if argument != "workflow":
        raise ValueError(f"unknown figure {argument!r}; write '<!-- figure: workflow -->'")
    return render_template("figures/block.html", svg=render_workflow_svg(workflow.data, lang))


def main(argv: list[str] | None = None) -> int:
    parser, _ = datafile.check_parser(__doc__, "validate the workflow data and list every problem")
    parser.add_argument("--data", type=Path, default=figure_data.DEFAULT_DATA, help="YAML file")
    args = parser.parse_args(argv)
    workflow = figure_data.load_workflow(args.data)
    return datafile.problems_or_ok(workflow.problems, f"OK: {datafile.shown(args.data)}")

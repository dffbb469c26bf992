"""The workflow figure (survey Figure 1) rendered as inline SVG.

The data, its check and the layout (coordinates) are scripts/data/figure.py; this module renders
``templates/figures/workflow-svg.html``. The same data serves both languages; only the text
fields differ, and every id in the SVG carries the language so two figures can share a page.

    python -m scripts figure check
    python -m scripts figure render --lang zh --out /tmp/workflow-zh.svg
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.data import datafile
from scripts.data import figure as figure_data
from scripts.data.datafile import shown
from scripts.data.languages import LANGUAGES
from scripts.render.templates import render_template

TEMPLATE_NAME = "workflow-svg.html"


def render_workflow_svg(data: Mapping[str, Any], lang: str) -> str:
    """Render the workflow figure as a self-contained inline SVG string in language ``lang``.

    The output has no blank lines, so it can stand inside a Markdown HTML block.
    """
    problems = figure_data.check_workflow(data)
    if problems:
        raise ValueError("invalid workflow data:\n  " + "\n  ".join(problems))
    svg = render_template(f"figures/{TEMPLATE_NAME}", fig=figure_data.layout_workflow(data, lang))
    return "\n".join(line for line in svg.splitlines() if line.strip())


def render_workflow_block(data: Mapping[str, Any], lang: str) -> str:
    """The figure as a Markdown-safe HTML block (blank lines around, no blank lines inside)."""
    svg = render_workflow_svg(data, lang)
    return "\n\n" + render_template("figures/block.html", svg=svg).strip() + "\n\n"


def render_marker(argument: str, lang: str, workflow: figure_data.Workflow) -> str:
    """The figure in place of ``<!-- figure: workflow -->`` (the one figure there is)."""
    if argument != "workflow":
        raise ValueError(f"unknown figure {argument!r}; write '<!-- figure: workflow -->'")
    return render_workflow_block(workflow.data, lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=figure_data.DEFAULT_DATA, help="workflow YAML file"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the workflow data and list every problem")
    render = sub.add_parser("render", help="render the SVG for one language")
    render.add_argument("--lang", choices=LANGUAGES, required=True)
    render.add_argument("--out", type=Path, help="output file (default: standard output)")
    args = parser.parse_args(argv)

    workflow = figure_data.load_workflow(args.data)
    if datafile.print_problems(workflow.problems):
        return 1
    if args.command == "check":
        print(f"OK: {shown(args.data)}")
        return 0
    svg = render_workflow_svg(workflow.data, args.lang)
    if args.out:
        args.out.write_text(svg + "\n", encoding="utf-8")
    else:
        sys.stdout.write(svg + "\n")
    return 0

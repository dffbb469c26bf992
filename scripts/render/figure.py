"""The workflow figure (survey Figure 1) as inline SVG: layout and rendering.

The data and its check are scripts/data/figure.py. This module computes coordinates and renders
``templates/figures/workflow-svg.html``. The same data serves both languages; only the text
fields differ, and every id in the SVG carries the language so two figures can share a page.

    python -m scripts figure check
    python -m scripts figure render --lang zh --out /tmp/workflow-zh.svg
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scripts.data import datafile, markdown_reader
from scripts.data.datafile import shown
from scripts.data.figure import (
    CORNER,
    DEFAULT_DATA,
    FONT_SIZE,
    LABEL_SIZE,
    LINE_HEIGHT,
    LOOP_BELOW,
    LOOP_DEPTH,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    PLAIN_BELOW,
    SIDE_OFFSET,
    STAGE_GAP,
    STAGE_PAD,
    STEP_DY,
    STEP_GAP,
    STEP_H,
    STEP_W,
    TITLE_DY,
    Workflow,
    check_workflow,
    load_workflow,
    wrap_label,
)
from scripts.data.languages import LANGUAGES
from scripts.render.templates import render_template

TEMPLATE_NAME = "workflow-svg.html"
MARKER_RE = re.compile(r"^ {0,3}<!--\s*figure:\s*workflow\s*-->\s*$")


def _stage_index(data: Mapping[str, Any]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, stage in enumerate(data["stages"]):
        index[stage["id"]] = i
        for step in stage["steps"]:
            index[step["id"]] = i
    return index


def _text_lines(text: str, cx: float, cy: float) -> list[dict]:
    lines = wrap_label(text, STEP_W - 16)
    top = cy - (len(lines) - 1) * LINE_HEIGHT / 2
    return [
        {"text": line, "x": cx, "y": round(top + i * LINE_HEIGHT + 0.35 * FONT_SIZE, 1)}
        for i, line in enumerate(lines)
    ]


def layout_workflow(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Compute every box, arrow path and text position of the figure in language ``lang``."""
    text = {key: data[key][lang] for key in ("title", "description", "iterate_label")}
    stage_index = _stage_index(data)
    internal = {
        stage_index[a["from"]]
        for a in data["arrows"]
        if stage_index[a["from"]] == stage_index[a["to"]]
    }

    # Every stage is as wide as the longest row of steps; the side routes and their
    # labels live in the margins.
    widest = max(len(stage["steps"]) for stage in data["stages"])
    stage_x = MARGIN_SIDE
    stage_w = widest * STEP_W + (widest - 1) * STEP_GAP + 2 * STAGE_PAD
    stages: list[dict] = []
    steps_by_id: dict[str, dict] = {}
    y: float = MARGIN_TOP
    for i, stage in enumerate(data["stages"]):
        below = LOOP_BELOW + 0.75 * LOOP_DEPTH if i in internal else PLAIN_BELOW
        height = STEP_DY + STEP_H + below
        n = len(stage["steps"])
        row_w = n * STEP_W + (n - 1) * STEP_GAP
        x0 = stage_x + (stage_w - row_w) / 2
        steps = []
        for j, step in enumerate(stage["steps"]):
            sx = x0 + j * (STEP_W + STEP_GAP)
            sy = y + STEP_DY
            box = {
                "id": step["id"],
                "x": sx,
                "y": sy,
                "w": STEP_W,
                "h": STEP_H,
                "side": bool(step.get("along_the_way", False)),
                "lines": _text_lines(step["label"][lang], sx + STEP_W / 2, sy + STEP_H / 2),
            }
            steps.append(box)
            steps_by_id[step["id"]] = box
        links = [
            {
                "x1": a["x"] + a["w"],
                "x2": b["x"],
                "y": a["y"] + a["h"] / 2,
                "side": b["side"],
            }
            for a, b in zip(steps[:-1], steps[1:], strict=True)
        ]
        stages.append(
            {
                "id": stage["id"],
                "index": i,
                "x": stage_x,
                "y": y,
                "w": stage_w,
                "h": height,
                "title": stage["label"][lang],
                "title_x": stage_x + STAGE_PAD,
                "title_y": y + TITLE_DY,
                "steps": steps,
                "links": links,
            }
        )
        y += height + STAGE_GAP
    height_total = y - STAGE_GAP + MARGIN_BOTTOM

    forward = [
        {"x": stage_x + stage_w / 2, "y1": a["y"] + a["h"], "y2": b["y"]}
        for a, b in zip(stages[:-1], stages[1:], strict=True)
    ]

    iterate = []
    for arrow in data["arrows"]:
        src, dst = stage_index[arrow["from"]], stage_index[arrow["to"]]
        if src == dst:
            a, b = steps_by_id[arrow["from"]], steps_by_id[arrow["to"]]
            x1, x2 = a["x"] + a["w"] / 2, b["x"] + b["w"] / 2
            yb = a["y"] + a["h"]
            depth = yb + LOOP_DEPTH
            path = f"M {x1:g} {yb:g} C {x1:g} {depth:g}, {x2:g} {depth:g}, {x2:g} {yb + 2:g}"
            label = {"x": (x1 + x2) / 2, "y": yb + 0.75 * LOOP_DEPTH - 6, "rotate": False}
        else:
            s, d = stages[src], stages[dst]
            up = dst < src
            if abs(src - dst) == 1:
                # Adjacent stages: route on the right, leaving the upper part of the lower stage
                # and entering the lower part of the upper stage, so two routes never share a point.
                edge = stage_x + stage_w
                route = edge + SIDE_OFFSET
                y1 = s["y"] + s["h"] * (0.3 if up else 0.7)
                y2 = d["y"] + d["h"] * (0.7 if up else 0.3)
                # Labels run bottom to top beside the line. Rotated, a glyph sits to the left
                # of its baseline by up to one em (CJK), so the baseline keeps that distance.
                label = {"x": route + 5 + LABEL_SIZE, "rotate": True}
            else:
                edge = stage_x
                route = edge - SIDE_OFFSET
                y1 = s["y"] + s["h"] / 2
                y2 = d["y"] + d["h"] / 2
                label = {"x": route - 7, "rotate": True}
            dx = CORNER if route > edge else -CORNER
            dy = -CORNER if y2 < y1 else CORNER
            end = edge + (2 if dx > 0 else -2)
            path = (
                f"M {edge:g} {y1:g} H {route - dx:g} Q {route:g} {y1:g} {route:g} {y1 + dy:g} "
                f"V {y2 - dy:g} Q {route:g} {y2:g} {route - dx:g} {y2:g} H {end:g}"
            )
            label["y"] = (y1 + y2) / 2
        iterate.append(
            {
                "id": arrow["id"],
                "path": path,
                "hint": arrow["hint"][lang],
                "label": {**label, "text": text["iterate_label"]},
            }
        )

    return {
        "lang": lang,
        "width": stage_x + stage_w + MARGIN_SIDE,
        "height": round(height_total),
        "font_size": FONT_SIZE,
        "label_size": LABEL_SIZE,
        **text,
        "stages": stages,
        "forward": forward,
        "iterate": iterate,
    }


def render_workflow_svg(data: Mapping[str, Any], lang: str) -> str:
    """Render the workflow figure as a self-contained inline SVG string in language ``lang``.

    The output has no blank lines, so it can stand inside a Markdown HTML block.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    problems = check_workflow(data)
    if problems:
        raise ValueError("invalid workflow data:\n  " + "\n  ".join(problems))
    svg = render_template(f"figures/{TEMPLATE_NAME}", fig=layout_workflow(data, lang))
    return "\n".join(line for line in svg.splitlines() if line.strip())


def render_workflow_block(data: Mapping[str, Any], lang: str) -> str:
    """The figure as a Markdown-safe HTML block (blank lines around, no blank lines inside)."""
    svg = render_workflow_svg(data, lang)
    return "\n\n" + render_template("figures/block.html", svg=svg).strip() + "\n\n"


def render_markers(markdown: str, lang: str, workflow: Workflow) -> str:
    """Replace each ``<!-- figure: workflow -->`` line outside code with the figure."""
    if "<!-- figure:" not in markdown:
        return markdown
    return markdown_reader.replace_marker_lines(
        markdown, MARKER_RE, lambda _: render_workflow_block(workflow.data, lang).strip("\n")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="workflow YAML file")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the workflow data and list every problem")
    render = sub.add_parser("render", help="render the SVG for one language")
    render.add_argument("--lang", choices=LANGUAGES, required=True)
    render.add_argument("--out", type=Path, help="output file (default: standard output)")
    args = parser.parse_args(argv)

    workflow = load_workflow(args.data)
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

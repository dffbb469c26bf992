"""The workflow figure (survey Figure 1): load and validate data/workflow.yaml, and lay it out.

The file holds stages, steps, the five "iterate" arrows and every text in English and Chinese.
The geometry lives here because the check needs it (a step label must fit its box in two
lines); scripts/render/figure.py renders the layout as SVG.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import datafile
from scripts.data.datafile import Where, field_name, load_checked, problem_at, shown
from scripts.data.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "data" / "workflow.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "workflow.schema.json"
# Geometry (SVG user units). The figure runs top to bottom: one row of steps per stage,
# feedback arrows between stages on the right (adjacent stages) or left (skipping one).
MARGIN_SIDE = 56
MARGIN_TOP = 12
MARGIN_BOTTOM = 12
STAGE_PAD = 16
STAGE_GAP = 46
TITLE_DY = 28
STEP_DY = 46
STEP_W = 134
STEP_H = 50
STEP_GAP = 30
FONT_SIZE = 15
LINE_HEIGHT = 18
LOOP_DEPTH = 40
LOOP_BELOW = 20
PLAIN_BELOW = 16
SIDE_OFFSET = 30
CORNER = 10
LABEL_SIZE = FONT_SIZE - 1

# Characters that must not start a line in Chinese text.
NO_LINE_START = set("、，。：；！？）》」』”’")


@dataclass(frozen=True)
class Workflow:
    """The figure's data (empty when the file cannot be read) and every problem found in it."""

    data: Mapping[str, Any]
    problems: tuple[str, ...] = ()


def load_workflow(path: Path = DEFAULT_DATA) -> Workflow:
    """Read and check the workflow file; never raises for bad content (scripts/data/datafile.py).
    Not cached: scripts/data/site_data.py keeps what it loaded until a data file changes."""
    data, found, _ = load_checked(path, SCHEMA_PATH)
    if data is not None and not found:
        found = sorted({problem_at(shown(path), data, *problem) for problem in _problems(data)})
    return Workflow(data or {}, tuple(str(p) for p in found))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str) -> float:
    """Rough rendered width of ``text``; wide (CJK) characters count one em, Latin about half."""
    width = 0.0
    for char in text:
        if _is_wide(char):
            width += 1.0
        elif char == " ":
            width += 0.3
        else:
            width += 0.66 if char.isupper() else 0.56
    return width * FONT_SIZE


def _tokens(text: str) -> list[str]:
    """Split into units a line may break between: Latin words (with a space) or CJK characters."""
    tokens: list[str] = []
    for char in text:
        if _is_wide(char) or not tokens or _is_wide(tokens[-1][-1]) or tokens[-1].endswith(" "):
            tokens.append(char)
        else:
            tokens[-1] += char
    return tokens


def wrap_label(text: str, max_width: float) -> list[str]:
    """Return ``text`` as one line if it fits, else the most balanced split into two lines."""
    if text_width(text) <= max_width:
        return [text]
    tokens = _tokens(text)
    splits = [
        ("".join(tokens[:n]).rstrip(), "".join(tokens[n:]).strip()) for n in range(1, len(tokens))
    ]
    allowed = [pair for pair in splits if pair[1] and pair[1][0] not in NO_LINE_START]
    return list(min(allowed, key=lambda pair: max(map(text_width, pair)), default=(text,)))


def check_workflow(data: Any) -> list[str]:
    """Every problem in the workflow data as ``field: problem`` (empty list when it is valid)."""
    problems = datafile.validate(data, SCHEMA_PATH) or list(_problems(data))
    return [f"{field_name(where)}: {message}" for where, message in problems]


def _problems(data: Any) -> Iterator[tuple[Where, str]]:
    """What a schema cannot say, on data that passed it."""
    seen: dict[str, str] = {}
    stage_of: dict[str, str] = {}
    for i, stage in enumerate(data["stages"]):
        places: list[tuple[Where, str]] = [(["stages", i], stage["id"])]
        places += [(["stages", i, "steps", j], step["id"]) for j, step in enumerate(stage["steps"])]
        for here, item_id in places:
            if item_id in seen:
                yield [*here, "id"], f"'{item_id}' already used at {seen[item_id]}"
            else:
                seen[item_id] = field_name(here)
                stage_of[item_id] = stage["id"]
        for j, step in enumerate(stage["steps"]):
            for lang in LANGUAGES:
                text = step["label"][lang]
                if any(text_width(line) > STEP_W - 8 for line in wrap_label(text, STEP_W - 16)):
                    yield (
                        ["stages", i, "steps", j, "label", lang],
                        f"'{text}' does not fit a step box in two lines (shorten it)",
                    )
    for k, arrow in enumerate(data["arrows"]):
        source, target = arrow["from"], arrow["to"]
        unknown = [end for end in ("from", "to") if arrow[end] not in stage_of]
        for end in unknown:
            known = ", ".join(sorted(stage_of))
            yield ["arrows", k, end], f"'{arrow[end]}' is not a stage or step id (known: {known})"
        if unknown:
            continue
        if source == target:
            yield ["arrows", k], f"'from' and 'to' are both '{source}'"
        elif stage_of[source] == stage_of[target] and {source, target} & {*stage_of.values()}:
            yield ["arrows", k], "an arrow inside one stage must join two of its steps"


def layout_workflow(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Compute every box, arrow path and text position of the figure in language ``lang``."""
    text = {key: data[key][lang] for key in ("title", "description", "iterate_label")}
    stage_index = {
        item["id"]: i for i, stage in enumerate(data["stages"]) for item in (stage, *stage["steps"])
    }
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
            box = {"id": step["id"], "x": sx, "y": sy, "w": STEP_W, "h": STEP_H}
            box["side"] = bool(step.get("along_the_way", False))
            lines = wrap_label(step["label"][lang], STEP_W - 16)
            top = sy + STEP_H / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 0.35 * FONT_SIZE
            box["lines"] = [
                {"text": line, "x": sx + STEP_W / 2, "y": round(top + k * LINE_HEIGHT, 1)}
                for k, line in enumerate(lines)
            ]
            steps.append(box)
            steps_by_id[step["id"]] = box
        links = [
            {"x1": a["x"] + a["w"], "x2": b["x"], "y": a["y"] + a["h"] / 2, "side": b["side"]}
            for a, b in zip(steps[:-1], steps[1:], strict=True)
        ]
        box = {"id": stage["id"], "index": i, "x": stage_x, "y": y, "w": stage_w, "h": height}
        box |= {"title": stage["label"][lang], "title_x": stage_x + STAGE_PAD}
        stages.append({**box, "title_y": y + TITLE_DY, "steps": steps, "links": links})
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
        label["text"] = text["iterate_label"]
        iterate.append(
            {"id": arrow["id"], "path": path, "hint": arrow["hint"][lang], "label": label}
        )

    return {
        "lang": lang,
        "width": stage_x + stage_w + MARGIN_SIDE,
        "height": round(height_total),
        **text,
        "stages": stages,
        "forward": forward,
        "iterate": iterate,
    }

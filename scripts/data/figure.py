"""The workflow figure (survey Figure 1): load and validate data/workflow.yaml.

The file holds stages, steps, the five "iterate" arrows and every text in English and Chinese.
The geometry lives here too, because the check needs it: a step label must fit its box in two
lines. scripts/render/figure.py lays the figure out and renders it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scripts.data import datafile
from scripts.data.datafile import Where, field_name, load_yaml, mtime, problem_at, shown
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
    """Read and check the workflow file; never raises for bad content (scripts/data/datafile.py)."""
    return _load(Path(path), mtime(path))


@lru_cache(maxsize=2)
def _load(path: Path, stamp: int) -> Workflow:
    del stamp  # part of the cache key only: an edited file is read again
    data, found = load_yaml(path)
    if data is None:
        return Workflow({}, tuple(str(p) for p in found))
    problems = sorted({problem_at(shown(path), data, *problem) for problem in _problems(data)})
    return Workflow(data, tuple(str(p) for p in problems))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """Rough rendered width of ``text``; wide (CJK) characters count one em, Latin about half."""
    width = 0.0
    for char in text:
        if _is_wide(char):
            width += 1.0
        elif char == " ":
            width += 0.3
        elif char.isupper():
            width += 0.66
        else:
            width += 0.56
    return width * font_size


def _tokens(text: str) -> list[str]:
    """Split into units a line may break between: Latin words (with a space) or CJK characters."""
    tokens: list[str] = []
    for char in text:
        if _is_wide(char) or not tokens or _is_wide(tokens[-1][-1]) or tokens[-1].endswith(" "):
            tokens.append(char)
        else:
            tokens[-1] += char
    return tokens


def wrap_label(text: str, max_width: float, font_size: float = FONT_SIZE) -> list[str]:
    """Return ``text`` as one line if it fits, else the most balanced split into two lines."""
    if text_width(text, font_size) <= max_width:
        return [text]
    tokens = _tokens(text)
    best: list[str] = [text]
    best_width = float("inf")
    for cut in range(1, len(tokens)):
        first = "".join(tokens[:cut]).rstrip()
        second = "".join(tokens[cut:]).strip()
        if not second or second[0] in NO_LINE_START:
            continue
        widest = max(text_width(first, font_size), text_width(second, font_size))
        if widest < best_width:
            best, best_width = [first, second], widest
    return best


def check_workflow(data: Any) -> list[str]:
    """Every problem in the workflow data as ``field: problem`` (empty list when it is valid)."""
    return [f"{field_name(where)}: {message}" for where, message in _problems(data)]


def _problems(data: Any) -> Iterator[tuple[Where, str]]:
    """The schema's problems; on data that passes it, what a schema cannot say."""
    structural = datafile.validate(data, SCHEMA_PATH)
    if structural:
        yield from structural
        return
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
        ends = {end: arrow[end] for end in ("from", "to")}
        for end, name in ends.items():
            if name not in stage_of:
                known = ", ".join(sorted(stage_of))
                yield ["arrows", k, end], f"'{name}' is not a stage or step id (known: {known})"
        if any(name not in stage_of for name in ends.values()):
            continue
        if ends["from"] == ends["to"]:
            yield ["arrows", k], f"'from' and 'to' are both '{ends['from']}'"
        elif stage_of[ends["from"]] == stage_of[ends["to"]] and (
            ends["from"] in stage_of.values() or ends["to"] in stage_of.values()
        ):
            yield ["arrows", k], "an arrow inside one stage must join two of its steps"

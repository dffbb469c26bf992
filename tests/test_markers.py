"""scripts/markers.py: fenced code detection and marker-line replacement."""

from __future__ import annotations

import re

from scripts.markers import fenced, replace_marker_lines

PATTERN = re.compile(r"^<!-- box: (?P<arg>\w+) -->\s*$")


def test_fences_of_either_kind_and_longer_closers() -> None:
    lines = ["a", "````md", "```", "still code", "````", "b", "~~~", "c", "~~~", "d"]
    assert [code for _, code in fenced(lines)] == [
        False, True, True, True, True, False, True, True, True, False,
    ]  # fmt: skip


def test_markers_outside_code_become_blocks() -> None:
    text = "Intro\n<!-- box: one -->\n```\n<!-- box: two -->\n```\n"
    out = replace_marker_lines(text, PATTERN, lambda m: f"<div>{m['arg']}</div>")
    assert "\n<div>one</div>\n\n" in out
    assert "<!-- box: two -->" in out and "<div>two</div>" not in out

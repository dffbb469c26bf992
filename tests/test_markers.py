"""scripts/markers.py: fenced code detection and marker-line replacement."""

from __future__ import annotations

import re

import pytest

from scripts import site_data
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


# Every marker that scripts/figure.py, references.py, start_guide.py and translations.py
# expand, and a citation, shown as examples: in fenced code (both fence kinds, indented as in an
# admonition) and in inline code. The page must come out exactly as written.
EXAMPLES = [
    "<!-- figure: workflow -->",
    "<!-- cited-works -->",
    "<!-- bibliography -->",
    "<!-- translation-status -->",
    "<!-- start-guide -->",
    "<!-- start-guide: table -->",
    "<!-- glossary -->",
    "<!-- resources: all -->",
    "<!-- resources: category=models -->",
    "<!-- pdf-downloads -->",
    "See [@raghu2020survey].",
    "See [Cellpose](res:cellpose).",
]
DOCUMENTED = "\n".join(
    [
        "# Markers",
        "",
        "```markdown",
        *EXAMPLES,
        "```",
        "",
        '!!! example "Markers"',
        "",
        "    ~~~~",
        *(f"    {line}" for line in EXAMPLES),
        "    ~~~~",
        "",
        *(f"`{line}`" for line in EXAMPLES),
        "",
        "Inline: `<!-- cited-works -->` and `[@raghu2020survey]` in a sentence.",
        "",
    ]
)


@pytest.fixture(scope="module")
def data() -> site_data.SiteData:
    return site_data.load()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markers_and_citations_in_code_are_left_as_written(
    data: site_data.SiteData, lang: str
) -> None:
    assert site_data.expand_markers(DOCUMENTED, lang, data, f"{lang}/about.md") == DOCUMENTED


def test_the_same_markers_outside_code_are_expanded(data: site_data.SiteData) -> None:
    page = "\n\n".join(EXAMPLES) + "\n"
    out = site_data.expand_markers(page, "en", data, "en/about.md")
    assert "<!--" not in out and "[@" not in out and "res:" not in out

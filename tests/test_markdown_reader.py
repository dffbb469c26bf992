"""scripts/data/markdown_reader.py: fenced code, inline code, headings, front matter, marker
lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import __main__ as commands
from scripts.data import markdown_reader, site_data
from scripts.data.markdown_reader import Heading, Marker, fenced, marker
from scripts.render import page as page_markers
from tests.helpers import expand


def test_fences_of_either_kind_and_longer_closers() -> None:
    lines = ["a", "````md", "```", "still code", "````", "b", "~~~", "c", "~~~", "d"]
    assert [code for _, code in fenced(lines)] == [
        False, True, True, True, True, False, True, True, True, False,
    ]  # fmt: skip


def test_a_fence_closes_only_on_a_bare_fence_line() -> None:
    """CommonMark: a closing fence has no info string, so ```python inside ``` is code."""
    lines = ["```", "```python", "code", "```", "prose", "```  "]
    assert [code for _, code in fenced(lines)] == [True, True, True, True, False, True]


def test_inline_code_in_triple_backticks_opens_no_fence() -> None:
    """CommonMark: a backtick fence's info string has no backtick, so ```bash``` is inline code
    and the lines after it are prose (a citation there is still checked)."""
    lines = ["```bash``` is the shell", "[@key2020x]", "```py", "code`x`", "```"]
    assert [code for _, code in fenced(lines)] == [False, False, True, True, True]


PAGE = """---
title: "Models: an overview"
survey_section: "4"
---

# Models { #models }

```markdown
## Not a heading { #not-a-heading }
```

## Attention, `softmax` and you {: #attention .wide }
### No id here
"""


def test_one_reading_of_front_matter_headings_and_code() -> None:
    meta, body, first = markdown_reader.split_page(PAGE)
    assert meta == {"title": "Models: an overview", "survey_section": "4"}
    assert first == 6 and body.startswith("# Models")
    assert markdown_reader.headings(body, first) == [
        Heading(6, 1, "Models", "models"),
        Heading(12, 2, "Attention, `softmax` and you", "attention"),
        Heading(13, 3, "No id here", None),
    ]
    assert markdown_reader.split_page("# Plain\n") == ({}, "# Plain\n", 1)
    # As MkDocs reads it: front matter that is not YAML stays in the page.
    broken = "---\ntitle: [unclosed\n---\n# H\n"
    assert markdown_reader.split_page(broken) == ({}, broken, 1)
    span = markdown_reader.front_matter(PAGE)
    assert span is not None and PAGE[span[0] : span[1]].startswith('title: "Models')
    assert markdown_reader.without_code_spans("a `b` c ``d ` e`` f") == "a   c   f"


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("<!-- glossary -->", Marker(1, "glossary", "", True)),
        ("<!--glossary-->", Marker(1, "glossary", "", True)),
        (
            "   <!-- resources:  category=models  -->  ",
            Marker(1, "resources", "category=models", True),
        ),
        (
            "<!-- resource: all -->",
            Marker(1, "resource", "all", True),
        ),  # unknown: the build says so
        ("<!-- note: keep short", Marker(1, "note", "keep short", False)),  # unclosed: an error
        # Ordinary comments: several words, a capital, text beside it, indented code, a block.
        ("<!-- keep this list short -->", None),
        ("<!-- TODO: add the 2024 results -->", None),
        ("See <!-- glossary --> here", None),
        ("    <!-- glossary -->", None),
        ("<!--", None),
    ],
)
def test_one_marker_grammar(line: str, found: Marker | None) -> None:
    assert marker(line) == found


def test_markers_outside_code_become_blocks_and_unknown_ones_fail() -> None:
    text = "Intro\n<!-- pdf-downloads -->\n```\n<!-- nothing: two -->\n```\n<!-- a comment -->\n"
    out = expand(text, "en", "en/x.md")
    assert out.startswith("Intro\n\n<div") and "</div>\n\n```\n<!-- nothing: two -->" in out
    assert out.endswith("<!-- a comment -->\n")
    with pytest.raises(ValueError) as error:
        expand("Intro\n\n<!-- resource: all -->\n", "en", "en/x.md")
    assert str(error.value) == (
        "docs/en/x.md:3: marker: unknown marker 'resource' (did you mean 'resources'?)"
    )
    with pytest.raises(ValueError, match=r"x\.md:1: marker: 'glossary' takes no arguments"):
        expand("<!-- glossary: all -->\n", "en", "en/x.md")
    with pytest.raises(ValueError, match=r"x\.md:1: marker: 'bibliography' is not closed"):
        expand("<!-- bibliography:\n-->\n", "en", "en/x.md")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("<!-- resources category=baselines -->", "resources"),  # the colon missing
        ("<!-- cited_works -->", "cited-works"),
        ("<!-- Glossary -->", "glossary"),
        ("<!-- cited works -->", "cited-works"),
        ("    <!-- cited-works -->", "cited-works"),  # in a list item or an admonition
        ("\t<!-- resources: all -->", "resources"),
    ],
)
def test_a_misspelt_or_indented_marker_fails_with_its_line(line: str, name: str) -> None:
    """Left as a comment, it would drop its section from the page without a word."""
    with pytest.raises(ValueError) as error:
        expand(f"Intro\n\n{line}\n\nMore.\n", "en", "en/x.md")
    assert str(error.value) == (
        f"docs/en/x.md:3: marker: {line.strip()!r} is not a marker; write '<!-- {name} -->' or"
        f" '<!-- {name}: arguments -->' alone on its line, indented by at most three spaces"
    )


@pytest.mark.parametrize(
    "note",
    [
        "<!-- resources for later: ask Ana which MOOCs to add -->",
        "<!-- figure out why the 2023 row is missing -->",
        "<!-- Figures to add -->",
        "<!-- Sources: Nature 2021 editorial -->",
        "<!-- field notes: check with Li -->",
        "<!-- Bibliography style follows APA -->",
        "<!-- Glossary terms reviewed 2024 -->",
        "<!-- translation status: reviewed -->",
        "<!-- TODO: glossary link -->",
        "<!-- more -->",
    ],
)
def test_a_note_in_a_comment_is_not_taken_for_a_marker(note: str) -> None:
    """A contributor's note may start with a marker's name (a review found eight such notes
    that failed the build)."""
    assert list(markdown_reader.slips(f"Intro\n\n{note}\n", page_markers.MARKERS)) == []


def test_every_slip_of_a_page_is_listed_and_ordinary_comments_stay() -> None:
    text = "<!-- cited_works -->\n<!-- keep this list short -->\n<!-- TODO: fix -->\n"
    text += "```\n<!-- cited_works -->\n```\n    <!-- a note -->\n<!-- glossary -->\n"
    text += "<!-- Figure: workflow -->\n<!-- start guide -->\n"
    found = list(markdown_reader.slips(text, page_markers.MARKERS, first_line=5))
    assert found == [
        (5, "<!-- cited_works -->", "cited-works"),
        (13, "<!-- Figure: workflow -->", "figure"),
        (14, "<!-- start guide -->", "start-guide"),
    ]


@pytest.mark.parametrize(
    "command",
    [
        "references check --docs docs",
        "since check --docs docs",
        "glossary check --docs docs",
        "page-names check --docs docs",
        "typography check docs/zh",
    ],
)
def test_a_page_that_is_not_utf8_is_one_problem_not_a_traceback(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    for lang in ("en", "zh"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "ok.md").write_text("# 好\n", encoding="utf-8")
    (tmp_path / "docs/zh/zz-bad.md").write_bytes(b"# T\n\n\xff\xfe bad\n")
    # its English twin uses a glossary term, which the unreadable twin is not blamed for missing
    (tmp_path / "docs/en/zz-bad.md").write_text("# T\n\nWe use transfer learning.\n", "utf-8")
    assert commands.run(command.split()) == 1
    lines = capsys.readouterr().out.split("\n")
    bad = "docs/zh/zz-bad.md:3: file: not UTF-8 text (byte 0xff); save it as UTF-8"
    assert [line for line in lines if "zz-bad" in line] == [bad]


# Every marker that scripts/data/figure.py, references.py, start_guide.py and translations.py
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
    assert page_markers.render_page(DOCUMENTED, lang, data, f"{lang}/about.md") == DOCUMENTED


def test_the_same_markers_outside_code_are_expanded(data: site_data.SiteData) -> None:
    for example in EXAMPLES:  # one a page: some give the same ids as another
        out = page_markers.render_page(example + "\n", "en", data, "en/about.md")
        assert "<!--" not in out and "[@" not in out and "res:" not in out


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("resources: all", "resources: category=models"),
        ("start-guide", "start-guide: table"),
        ("figure: workflow", "figure: workflow"),
        ("glossary", "glossary"),
    ],
)
def test_a_marker_that_repeats_an_id_of_the_page_fails(
    data: site_data.SiteData, first: str, second: str
) -> None:
    page = f"<!-- {first} -->\n\nText.\n\n<!-- {second} -->\n"
    name = second.split(":")[0]
    message = rf"^docs/en/about\.md:5: marker: '{name}' repeats id '[^']+' already on this page"
    with pytest.raises(ValueError, match=message + r" \(line 1\)$"):
        page_markers.render_page(page, "en", data, "en/about.md")


def test_build_errors_name_the_line_in_the_file(data: site_data.SiteData) -> None:
    """render_page gets the body after the front matter and the body's first line in the file."""
    body = "# About\n\nText.\n\nSee [it](res:nope).\n"
    with pytest.raises(ValueError, match=r"^docs/en/about\.md:14: unknown resource id 'nope'$"):
        page_markers.render_page(body, "en", data, "en/about.md", first_line=10)
    body = "# About\n\nText [@nosuch2020key].\n"
    with pytest.raises(ValueError, match=r"^docs/en/about\.md:12: citation: 'nosuch2020key' is"):
        page_markers.render_page(body, "en", data, "en/about.md", first_line=10)


def test_marker_lines_are_counted_at_newlines_only() -> None:
    """U+2028, U+0085 and a form feed do not end a line for the marker reader either."""
    with pytest.raises(ValueError, match=r"^docs/en/x\.md:2: marker: unknown marker 'nope'"):
        expand("One\u2028two\x85three\x0c.\n<!-- nope -->\n", "en", "en/x.md")


def test_a_page_saved_with_a_byte_order_mark_has_its_front_matter() -> None:
    """MkDocs drops the mark (utf-8-sig); the lints that read front matter must too, or they
    skip such a page without a word (a review)."""
    meta, body, first = markdown_reader.split_page("\ufeff---\ntitle: 关于本站\n---\n\n# Body\n")
    assert (meta, body.strip(), first) == ({"title": "关于本站"}, "# Body", 5)  # as without


def test_since_boxes_are_read_one_way_outside_code() -> None:
    """The since lint and the feeds read boxes with this one reader: an item's continuation
    lines join it, a box ends at unindented text, and a box inside fenced code is no box."""
    text = (
        '!!! since "Since"\n\n    - **A (2021).** One\n      two.\n    - **B (2022).** Three.\n'
        "Outside.\n    - **C (2023).** Not an item.\n"
        '```md\n!!! since "Example"\n    - **D (2024).** In code.\n```\n'
    )
    assert markdown_reader.since_boxes(text) == [
        (1, [(3, "    - **A (2021).** One two."), (5, "    - **B (2022).** Three.")])
    ]

"""The "Since the survey" lint (scripts/lint/since.py) on small fixture trees, not the real pages
(`make check` runs it on those)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.data import references
from scripts.data.languages import LANGUAGES
from scripts.lint import since

BIB = """
@article{old2019a, author={A, B}, title={Old}, journal={J}, year={2019}, doi={10.1000/a}}
@article{pre2021b, author={C, D}, title={Preprint 2020}, journal={J}, year={2021},
  eprint={2006.00001}, volume={1}}
@article{new2021c, author={E, F}, title={New}, journal={J}, year={2021}, doi={10.1000/c}}
@article{new2022d, author={G, H}, title={Newer}, journal={J}, year={2022}, doi={10.1000/d}}
@article{pub2024e, author={I, J}, title={Online first}, journal={J}, year={2024},
  origdate={2023-12}, doi={10.1000/e}}
@article{new2025f, author={K, L}, title={Newest}, journal={J}, year={2025}, doi={10.1000/f}}
""" + "".join(
    f"@article{{p{n}x2021{c}, author={{M{n}, N}}, title={{T}}, journal={{J}}, year={{2021}},"
    f" doi={{10.1000/{n}{c}}}}}\n"
    for n in range(2, 11)
    for c in "abc"
)

OTHER = """---
title: T
description: D
survey_section: {section}
---
!!! since "Since the survey (2020–2026)"

    - **One (2021).** Text [@p{section}x2021a].
    - **Two (2021).** Text [@p{section}x2021b].
    - **Three (2021).** Text [@p{section}x2021c].
"""

GOOD = """---
title: T
description: D
survey_section: {section}
---
# T {{ #t }}

!!! since "Since the survey (2020–2026)"

    - **One (2021).** Text [@new2021c].
    - **Two (2020–2022).** Text
      over two lines [@pre2021b; @new2022d].
    - **Three (2023).** Text [@pub2024e], background [@old2019a].

## Next {{ #next }}
"""


def bib(tmp_path: Path) -> references.Bibliography:
    path = tmp_path / "r.bib"
    path.write_text(BIB, encoding="utf-8")
    loaded = references.load_bibliography(path)
    assert loaded.problems == (), loaded.problems
    return loaded


def tree(tmp_path: Path, pages: dict[str, str] | None = None) -> Path:
    """docs/en and docs/zh, one survey page per section; ``pages`` overrides en/zh files."""
    docs = tmp_path / "docs"
    for lang in LANGUAGES:
        for section in range(1, 11):
            page = docs / lang / f"s{section}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            # One block per development: the other pages cite works of their own.
            text = (GOOD if section == 1 else OTHER).format(section=section)
            page.write_text(text, encoding="utf-8")
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def problems(tmp_path: Path, pages: dict[str, str] | None = None) -> list[str]:
    docs = tree(tmp_path, pages)
    return since.check(docs, bib(tmp_path))


def with_item(item: str) -> dict[str, str]:
    """Section 1's page with its first item replaced, in both languages (twins match)."""
    text = GOOD.format(section=1).replace("    - **One (2021).** Text [@new2021c].", item)
    return {f"{lang}/s1.md": text for lang in LANGUAGES}


def test_good_block_passes(tmp_path: Path) -> None:
    assert problems(tmp_path) == []


def test_chinese_titles_pass(tmp_path: Path) -> None:
    zh = (
        GOOD.format(section=1)
        .replace("One (2021).**", "一（2021 年）。**")
        .replace("Two (2020–2022).**", "二（2020—2022 年）。**")
        .replace("Three (2023).**", "三（2023 年）。**")
    )
    assert problems(tmp_path, {"zh/s1.md": zh}) == []


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"en/s1.md": "---\nsurvey_section: 1\n---\nNo block.\n"}, "found 0"),
        ({"en/s1.md": GOOD.format(section=1) * 2}, "found 2"),
        (with_item(""), "2 items, expected 3 to 8"),
        (with_item("    - **One (2021).** Text without a citation."), "item without a citation"),
        (with_item("    - **One.** Text [@new2021c]."), "the item title does not end in a year"),
        (with_item("    - **One (2021 onwards).** Text [@new2021c]."), "does not end in a year"),
        (with_item("    - **One (2021).** Text [@nope2021x]."), "unknown citation key 'nope2021x'"),
        ({"en/s2.md": "---\nsurvey_section: 1\n---\n"}, "docs/en:1: since: no page has"),
    ],
)
def test_form_rules(tmp_path: Path, pages: dict[str, str], expected: str) -> None:
    found = problems(tmp_path, pages)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(("two", "count"), [("[@new2021c]", 1), ("[@new2022d]", 2)])
def test_too_few_works(tmp_path: Path, two: str, count: int) -> None:
    text = (
        GOOD.format(section=1)
        .replace("[@pre2021b; @new2022d]", two)
        .replace("[@pub2024e], background [@old2019a]", "[@new2021c]")
    )
    found = problems(tmp_path, {"en/s1.md": text})
    assert any(f"{count} distinct works cited, expected at least 3" in p for p in found), found


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # Dated before its (only) work first appeared.
        ("    - **One (2020).** Text [@new2021c].", "dated 2020, but its earliest post-survey"),
        # Dated after: the year is the first appearance, not the journal's year.
        ("    - **One (2024).** Text [@pub2024e].", "origdate 2023-12"),
        ("    - **One (2021).** Text [@pre2021b].", "arXiv 2006.00001 (2020-06)"),
        # Nothing older than the survey presented as new.
        ("    - **One (2019).** Text [@old2019a].", "first appeared before the survey"),
        # A range ends no earlier than its latest work, and does not run backwards.
        ("    - **One (2021–2022).** A [@new2021c], B [@new2025f].", "the range ends 2022"),
        ("    - **One (2021–2020).** Text [@new2021c].", "runs backwards"),
        # An older idea framed as such is dated by its earliest work, and names the later year.
        ("    - **One (2020; in wide use since 2022).** [@old2019a].", "dated by its earliest"),
        ("    - **One (2019; in wide use).** Text [@old2019a].", "must say when"),
        ("    - **One (2019; in wide use since 2019).** Text [@old2019a].", "must say when"),
    ],
)
def test_date_rules(tmp_path: Path, item: str, expected: str) -> None:
    found = problems(tmp_path, with_item(item))
    assert any(expected in p for p in found), found
    assert all(p.startswith(("docs/en/s1.md:", "docs/zh/s1.md:")) for p in found), found


@pytest.mark.parametrize(
    "item",
    [
        # One development with a later follow-up keeps its single year.
        "    - **One (2021).** Text [@new2021c], then [@new2025f].",
        "    - **One (2021–2025).** A [@new2021c], B [@new2025f].",
        # Older background next to a new work.
        "    - **One (2021).** Old [@old2019a], new [@new2021c].",
        # An older idea in wide use since the survey, framed as such (both languages' forms).
        "    - **One (2019; in wide use since 2022).** Text [@old2019a].",
        "    - **一（2019 年；2022 年起广泛使用）。**正文[@old2019a]。",
    ],
)
def test_date_rules_accept(tmp_path: Path, item: str) -> None:
    assert problems(tmp_path, with_item(item)) == []


def test_the_chinese_twin_has_the_same_items_in_the_same_order(tmp_path: Path) -> None:
    """CONTRIBUTING.md, point 4: the same number of items, each citing the same works in the
    same order as its English item; reported at the Chinese line."""
    en = GOOD.format(section=1)
    one = "    - **One (2021).** Text [@new2021c]."
    three = "    - **Three (2023).** Text [@pub2024e], background [@old2019a]."
    swapped = en.replace(one, "ONE").replace(three, one).replace("ONE", three)
    assert problems(tmp_path, {"zh/s1.md": swapped}) == [
        "docs/zh/s1.md:10: since: cites @pub2024e, @old2019a; the English item "
        "(docs/en/s1.md:10) cites @new2021c: the same items in the same order",
        "docs/zh/s1.md:13: since: cites @new2021c; the English item "
        "(docs/en/s1.md:13) cites @pub2024e, @old2019a: the same items in the same order",
    ]
    more = en.replace(three, three + "\n    - **Four (2025).** Text [@new2025f].")
    assert problems(tmp_path, {"zh/s1.md": more}) == [
        "docs/zh/s1.md:8: since: 4 items, the English block (docs/en/s1.md:8) has 3: "
        "the same items in the same order"
    ]
    none = "---\nsurvey_section: 1\n---\nNo block.\n"
    assert (
        "docs/zh/s1.md:1: since: 0 blocks, the English page has 1: the same items in the same "
        "order" in problems(tmp_path, {"zh/s1.md": none})
    )


def test_the_chinese_twin_cites_an_items_works_in_the_same_order(tmp_path: Path) -> None:
    zh = GOOD.format(section=1).replace("[@pre2021b; @new2022d]", "[@new2022d; @pre2021b]")
    assert problems(tmp_path, {"zh/s1.md": zh}) == [
        "docs/zh/s1.md:11: since: cites @new2022d, @pre2021b; the English item "
        "(docs/en/s1.md:11) cites @pre2021b, @new2022d: the same items in the same order"
    ]


def test_one_block_per_development_names_both_places(tmp_path: Path) -> None:
    docs = tree(tmp_path)
    page = docs / "zh" / "s2.md"
    text = page.read_text(encoding="utf-8").replace("[@p2x2021a]", "[@p2x2021a; @new2021c]")
    page.write_text(text, "utf-8")
    found = [p for p in since.check(docs, bib(tmp_path)) if "already an item" in p]
    assert found == [
        "docs/zh/s2.md:8: since: @new2021c is already an item of docs/zh/s1.md:10; "
        "one block per development: link to it instead"
    ], found


MILESTONES = """# A field

- **2021** — A new method [@new2021c]; an older one, published
  later [@old2019a].
- **2019** — The old one [@old2019a]; its follow-up came out in 2021 [@new2021c].

```
- **2018** — Inside code [@new2021c].
```
"""


def test_milestones_are_dated_by_first_appearance(tmp_path: Path) -> None:
    """A clause's citations first appeared in the milestone's year, or the clause says when
    (a field page once dated a 2021 results paper to its 2018 challenge without saying so)."""
    found = problems(tmp_path, {"en/x.md": MILESTONES, "zh/x.md": MILESTONES})
    expected = "docs/{}/x.md:3: milestone: dated 2021, but @old2019a first appeared 2019 (bib year)"
    assert [p.split(";")[0] for p in found] == [expected.format("en"), expected.format("zh")]
    zh = "- **2019** — 旧方法[@old2019a]；后续工作 2021 年才发表[@new2021c]。\n"
    (tmp_path / "zh").mkdir()
    assert problems(tmp_path / "zh", {"zh/y.md": zh}) == []


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tree(tmp_path)
    bib(tmp_path)
    args = ["check", "--docs", str(docs), "--bib", str(tmp_path / "r.bib")]
    assert since.main(args) == 0
    assert "OK" in capsys.readouterr().out
    (docs / "en" / "s3.md").write_text(OTHER.format(section=3).replace("(2021)", "(2020)"))
    assert since.main(args) == 1
    assert "docs/en/s3.md:8: since: the item is dated 2020" in capsys.readouterr().out


def test_a_grouped_citation_is_dated_like_two_single_ones(tmp_path) -> None:
    """``[@a; @b]`` is one citation: the clause split at ';' must not cut it in two, or neither
    work is checked (a review found four milestones that passed this way)."""
    from scripts.data.references import load_bibliography
    from scripts.lint.since import milestone_problems

    bib = load_bibliography()
    grouped = (
        "- **2020** — AlphaFold 2 at CASP14 [@jumper2021highly; @kryshtafovych2021critical].\n"
    )
    found = milestone_problems(grouped, "x.md", bib)
    assert len(found) == 2 and all("dated 2020, but @" in p for p in found), found
    said = grouped.replace("CASP14 [", "CASP14; its papers followed in 2021 [")
    assert milestone_problems(said, "x.md", bib) == []

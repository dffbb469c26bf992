"""Markdown sources: twins, front matter, explicit heading ids, matching structure."""

from __future__ import annotations

import re

import pytest

from tests.pages import (
    DOCS,
    block_counts,
    headings,
    pages,
    read,
    relative,
    since_block_problems,
)

EN = [relative(p, "en") for p in pages("en")]
ASCII_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_there_are_pages() -> None:
    assert len(EN) >= 3, EN


@pytest.mark.parametrize("name", EN)
def test_english_page_has_chinese_twin(name: str) -> None:
    assert (DOCS / "zh" / name).is_file(), f"docs/zh/{name} is missing"


def test_no_chinese_page_without_english_source() -> None:
    extra = sorted(set(relative(p, "zh") for p in pages("zh")) - set(EN))
    assert not extra, f"Chinese pages without an English source: {extra}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_front_matter_has_title_and_description(lang: str) -> None:
    problems = []
    for path in pages(lang):
        meta = read(path).meta
        for field in ("title", "description"):
            if not str(meta.get(field, "")).strip():
                problems.append(f"{path.relative_to(DOCS)}: {field}: missing")
        if len(str(meta.get("description", ""))) > 200:
            problems.append(f"{path.relative_to(DOCS)}: description: longer than 200 characters")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_heading_has_an_explicit_ascii_id(lang: str) -> None:
    problems = []
    for path in pages(lang):
        for line, _level, text, anchor in headings(read(path)):
            where = f"docs/{lang}/{relative(path, lang)}:{line}"
            if anchor is None:
                problems.append(f"{where}: heading '{text}' has no {{ #id }}")
            elif not ASCII_ID.match(anchor):
                problems.append(f"{where}: id '{anchor}' is not lower-case ASCII kebab-case")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", EN)
def test_twins_share_heading_ids_and_structure(name: str) -> None:
    en, zh = read(DOCS / "en" / name), DOCS / "zh" / name
    if not zh.is_file():
        pytest.fail(f"docs/zh/{name} is missing")
    zh = read(zh)
    en_ids = [(level, anchor) for _, level, _, anchor in headings(en)]
    zh_ids = [(level, anchor) for _, level, _, anchor in headings(zh)]
    assert en_ids == zh_ids, f"{name}: heading ids/levels differ between en and zh"
    assert block_counts(en) == block_counts(zh), f"{name}: block counts differ"
    assert en.meta.get("survey_section") == zh.meta.get("survey_section"), name


def test_headings_ids_are_unique_within_a_page() -> None:
    for lang in ("en", "zh"):
        for path in pages(lang):
            ids = [anchor for *_, anchor in headings(read(path)) if anchor]
            duplicates = {i for i in ids if ids.count(i) > 1}
            assert not duplicates, f"{path}: duplicate ids {duplicates}"


# --- "Since the survey" blocks (attribution convention, CONTRIBUTING.md) -------------------------


def _survey_pages() -> list[str]:
    """One page per whole survey section (1 to 10); where a section has several pages (section 3:
    resources/index.md and resources/all.md), its index page."""
    by_section: dict[int, list[str]] = {}
    for path in pages("en"):
        section = str(read(path).meta.get("survey_section", ""))
        if re.fullmatch(r"\d+", section):
            by_section.setdefault(int(section), []).append(relative(path, "en"))
    return [
        min(names, key=lambda n: (not n.endswith("index.md"), n))
        for _, names in sorted(by_section.items())
    ]


SURVEY_PAGES = _survey_pages()


def _bib_keys() -> set[str]:
    from scripts.data.references import load_bibliography

    return set(load_bibliography().references)


def test_every_whole_survey_section_has_a_page() -> None:
    sections = [int(read(DOCS / "en" / name).meta["survey_section"]) for name in SURVEY_PAGES]
    assert sections == list(range(1, 11))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", SURVEY_PAGES)
def test_survey_page_has_a_since_the_survey_block(name: str, lang: str) -> None:
    problems = since_block_problems(read(DOCS / lang / name).body, _bib_keys())
    assert not problems, f"docs/{lang}/{name}: " + "; ".join(problems)


GOOD_BLOCK = """Intro.

!!! since "Since the survey (2020–2026)"

    - **One (2021).** Text [@a2021x].
    - **Two (2022).** Text
      over two lines [@b2022y; @c2023z].
    - **Three (2023).** Text [@c2023z].

## Next { #next }
"""


def test_since_block_rule_accepts_a_good_block() -> None:
    assert since_block_problems(GOOD_BLOCK, {"a2021x", "b2022y", "c2023z"}) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("No block here.\n", "expected one '!!! since' block, found 0"),
        (GOOD_BLOCK + "\n" + GOOD_BLOCK, "expected one '!!! since' block, found 2"),
        (GOOD_BLOCK.replace("    - **Three (2023).** Text [@c2023z].\n", ""), "2 items"),
        (GOOD_BLOCK.replace(" [@a2021x]", ""), "item without a citation"),
        (GOOD_BLOCK.replace("One (2021)", "One"), "item title without a year"),
        (GOOD_BLOCK.replace("@a2021x", "@nope2020x"), "unknown citation key 'nope2020x'"),
        (
            GOOD_BLOCK.replace("@a2021x", "@c2023z").replace("@b2022y; ", ""),
            "1 distinct works cited",
        ),
    ],
)
def test_since_block_rule_rejects_bad_blocks(body: str, expected: str) -> None:
    problems = since_block_problems(body, {"a2021x", "b2022y", "c2023z"})
    assert any(expected in p for p in problems), problems

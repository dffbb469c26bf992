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

"""scripts/data/datafile.py: one way to read YAML with lines and to show where a problem is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.data import datafile

ROOT = Path(__file__).resolve().parent.parent


def test_paths_inside_the_repository_are_shown_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert datafile.shown(ROOT / "data" / "references.bib") == "data/references.bib"
    (tmp_path / "data").mkdir()
    assert datafile.shown(tmp_path / "data" / "x.yaml") == "data/x.yaml"  # a project copy
    assert datafile.shown(Path("/nowhere/x.yaml")) == "/nowhere/x.yaml"


def test_yaml_problems_have_a_line_and_a_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\nb: [1, 2\n", encoding="utf-8")
    data, [problem] = datafile.load_yaml(bad)
    assert data is None
    assert str(problem).startswith("bad.yaml:3: yaml: malformed YAML")
    good = tmp_path / "good.yaml"
    good.write_text("a: 1\nlist:\n  - x: 1\n  - x: 2\n", encoding="utf-8")
    data, found = datafile.load_yaml(good)
    assert found == [] and datafile.line_of(data, ["list", 1, "x"]) == 4
    assert datafile.field_name(["list", 1, "x"]) == "list[1].x"
    # In a list of entries the line names the entry: its index is not repeated in the field.
    assert datafile.field_name([3, "tags", "data", 1]) == "tags.data[1]"
    assert (datafile.field_name([3]), datafile.field_name([])) == ("entry", "file")


def test_a_key_that_is_a_list_or_a_mapping_is_a_problem_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.yaml"
    found = []
    for text in ("a: 1\n? [a, b]\n: 1\n", "a: 1\nb:\n  {c: d}: 2\n"):
        bad.write_text(text, encoding="utf-8")
        data, problems = datafile.load_yaml(bad)
        assert data is None
        found += [str(problem) for problem in problems]
    assert found == [
        "bad.yaml:2: yaml: malformed YAML: found a key that is a list; a key must be text",
        "bad.yaml:3: yaml: malformed YAML: found a key that is a mapping; a key must be text",
    ]


def test_a_control_character_is_one_line_at_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted text can carry an invisible control character; say where it is and what to do.
    (libyaml counts its position in bytes, PyYAML in characters: Chinese text before it.)"""
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 中文中文\nb: [1, 2]\nc: 说明\x08。\n", encoding="utf-8")
    data, found = datafile.load_yaml(bad)
    assert data is None
    assert [str(problem) for problem in found] == [
        "bad.yaml:3: yaml: control character U+0008 is not allowed (delete it)"
    ]


# --- One wording for one mistake, whichever file it is in -----------------------------------------

RESOURCE_HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json\n"
# The same three mistakes in every data file that has a schema: a text written as a number, a
# required field left out, a field the schema does not know ("colour").
BAD_FILES = {
    "resources": (
        "data/resources/models.yaml",
        RESOURCE_HEADER + "- id: x\n"
        "  name: 5\n"
        "  description: {en: An example., zh: 一个例子。}\n"
        "  tags: {data: [images], domain: [any], level: beginner, kind: library, status: active}\n"
        "  colour: red\n",
        {"name": 3, "url": 2, "colour": 6},
    ),
    "glossary": (
        "data/glossary.yaml",
        '- en: 5\n  sections: ["1"]\n  colour: red\n',
        {"en": 1, "zh": 1, "colour": 3},
    ),
    "start guide": (
        "data/start-guide.yaml",
        "terms:\n"
        "  models: {cnn: {en: 5, zh: 卷积神经网络}}\n"
        "  methods: {}\n"
        "  baselines: {}\n"
        "rules:\n"
        "  - {id: a, when: {}, title: {en: T, zh: 标题}, summary: {en: S, zh: 摘要},\n"
        "     read: [a.md#b], resources: [r], models: [cnn]}\n"
        "colour: red\n",
        {"terms.models.cnn.en": 2, "inputs": 1, "colour": 8},
    ),
    "workflow": (
        "data/workflow.yaml",
        "title: {en: 5, zh: 标题}\n"
        "description: {en: D, zh: 描述}\n"
        "iterate_label: {en: iterate, zh: 迭代}\n"
        "hints: {}\n"
        "colour: red\n",
        {"title.en": 1, "stages": 1, "colour": 5},
    ),
}


def problems_of(loader: str, path: Path) -> list[str]:
    """Every problem a loader reports for the file at ``path`` (the build's entry points)."""
    from scripts.data import figure, glossary, resources, start_guide

    if loader == "resources":
        return list(resources.load_catalogue(path.parent).problems)
    if loader == "glossary":
        return list(glossary.load_glossary(path, ROOT / "docs").problems)
    if loader == "start guide":
        empty = resources.Catalogue(entries=(), problems=())
        return list(start_guide.load_guide(path, ROOT / "docs", empty).problems)
    return list(figure.load_workflow(path).problems)


@pytest.mark.parametrize("loader", BAD_FILES)
def test_the_same_mistake_reads_the_same_in_every_data_file(
    loader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a project copy, as MkDocs runs it: paths relative to it
    where, text, fields = BAD_FILES[loader]
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    found = problems_of(loader, path)
    number, missing, unknown = fields
    assert f"{where}:{fields[number]}: {number}: expected text, got a number" in found
    assert f"{where}:{fields[missing]}: {missing}: missing required field" in found
    [extra] = [p for p in found if p.startswith(f"{where}:{fields[unknown]}: colour: ")]
    assert extra.startswith(f"{where}:{fields[unknown]}: colour: unknown field (allowed: ")
    assert all(p.startswith(f"{where}:") for p in found), found


@pytest.mark.parametrize("loader", BAD_FILES)
def test_a_byte_order_mark_changes_nothing_in_any_data_file(
    loader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some Windows editors save UTF-8 with a BOM: the file reads as it would without one (the
    resource files' first line included)."""
    monkeypatch.chdir(tmp_path)
    where, text, _ = BAD_FILES[loader]
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    without = problems_of(loader, path)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems_of(loader, path) == without


def test_a_key_is_named_as_written_not_as_yaml_1_1_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``on:`` is the boolean true in YAML 1.1 and ``3:`` a number: the field names the key the
    editor typed, not ``[True]`` or ``tags[3]`` (which reads like a list index)."""
    monkeypatch.chdir(tmp_path)
    where, text, _ = BAD_FILES["resources"]
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    text = text.replace("  colour: red\n", "  on: red\n").replace("status: active}", "3: x}")
    path.write_text(text, encoding="utf-8")
    found = problems_of("resources", path)
    assert [p for p in found if p.startswith((f"{where}:5: tags.3:", f"{where}:6: on:"))] == [
        f"{where}:5: tags.3: unknown field (allowed: data, domain, level, kind, status)",
        f"{where}:6: on: unknown field (allowed: id, former_ids, name, url, survey_url, "
        "former_urls, repository, description, note, tags, review, access_hosts, cn_access, "
        "mirrors, alternatives)",
    ]


def test_page_names_words_a_number_for_text_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.lint import page_names

    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "page-names.yaml").write_text("# names\nconclusion.md: [5]\n", "utf-8")
    names = page_names.load(ROOT / "mkdocs.yml", tmp_path / "data" / "page-names.yaml")
    assert names.problems == (
        "data/page-names.yaml:2: conclusion.md[0]: expected text, got a number",
    )


def test_schemas_word_their_own_rules(tmp_path: Path) -> None:
    schema = tmp_path / "x.schema.json"
    schema.write_text(
        """{
  "type": "object",
  "propertyNames": {"pattern": "^[a-z]+$", "x-message": "{value} is not lowercase"},
  "properties": {
    "id": {"type": "string", "pattern": "^[a-z]+$", "x-message": "{value} is not an id"},
    "date": {"type": "string", "format": "date", "x-message": {"format": "{value}: YYYY-MM-DD"}},
    "url": {"type": "string", "pattern": "^https://", "x-checked-by": "the URL check"},
    "tags": {"type": "array", "uniqueItems": true, "items": {"enum": ["a", "b"]}},
    "name": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["en"]}]}
  }
}""",
        encoding="utf-8",
    )
    data = {
        "id": "Not-An-Id",
        "date": "2026-13-45",
        "url": "ftp://x",
        "tags": ["a", "c", "a"],
        "name": {"zh": "名字"},
        "Bad": "",
    }
    assert sorted(datafile.validate(data, schema)) == [
        (["Bad"], "'Bad' is not lowercase"),
        (["date"], "'2026-13-45': YYYY-MM-DD"),
        (["id"], "'Not-An-Id' is not an id"),
        (["name", "en"], "missing required field"),
        (["tags"], "lists the same value twice"),
        (["tags", 1], "unknown value 'c' (expected one of: a, b)"),
    ]
    assert sorted(datafile.validate({"id": "  ", "date": 5, "tags": "a", "url": 5}, schema)) == [
        (["date"], "expected text, got a number"),
        (["id"], "must not be empty"),
        (["tags"], "expected a list, got text"),
        (["url"], "expected text, got a number"),
    ]
    # A field's own wording (here of its pattern) never words a value of the wrong kind.
    assert datafile.validate({"id": 5}, schema) == [(["id"], "expected text, got a number")]
    assert datafile.validate({"id": ["a"]}, schema) == [(["id"], "expected text, got a list")]


def test_a_number_for_a_text_option_shows_the_options_in_quotes(tmp_path: Path) -> None:
    """``sections: [1]`` where the options are the texts "1" to "10": the message must not
    read as if 1 were not among 1, 2, ..."""
    schema = tmp_path / "x.schema.json"
    schema.write_text('{"items": {"enum": ["1", "2", "10"]}}', encoding="utf-8")
    assert datafile.validate([1, "3"], schema) == [
        ([0], "unknown value 1 (expected one of: '1', '2', '10')"),
        ([1], "unknown value '3' (expected one of: 1, 2, 10)"),
    ]


def test_a_forbidden_field_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    schema = tmp_path / "x.schema.json"
    schema.write_text('{"type": "object", "properties": {"old": false}}', encoding="utf-8")
    [(_, message)] = datafile.validate({"old": 1}, schema)
    assert "does not allow 1" in message


def test_an_id_written_as_a_number_reads_like_any_number_for_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    where = "data/resources/models.yaml"
    path = tmp_path / where
    path.parent.mkdir(parents=True)
    path.write_text("- id: 5\n", encoding="utf-8")
    found = problems_of("resources", path)
    assert f"{where}:1: id: expected text, got a number" in found, found


def test_a_schema_edit_is_seen_without_a_restart(tmp_path: Path) -> None:
    schema = tmp_path / "x.schema.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    assert datafile.validate([], schema) == [([], "expected a mapping, got a list")]
    schema.write_text('{"type": "array", "minItems": 2}', encoding="utf-8")
    os.utime(schema, ns=(1, 10**18))  # a new mtime even on a coarse clock
    assert datafile.validate([1], schema) == [([], "must list at least 2 values")]


def test_build_makes_a_dataclass_from_checked_data() -> None:
    from scripts.data.resources import Alternative, Source, Text

    raw = {
        "note": {"en": " A note. ", "zh": "说明。"},
        "name": "  Other ",
        "url": "",  # empty: the default stays
        "sources": [{"url": "https://example.org/", "established": {"en": "It works."}}],
        "colour": "red",  # not a field: ignored (the schema reports it)
    }
    alternative = datafile.build(Alternative, raw, id="given")
    assert alternative.note.en == "A note." and alternative.name == "Other"
    assert (alternative.id, alternative.url) == ("given", None)
    source = Source(Text("It works.", None), url="https://example.org/")
    assert alternative.sources == (source,)

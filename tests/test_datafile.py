"""scripts/datafile.py: one way to read YAML with lines and to show where a problem is."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import datafile

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

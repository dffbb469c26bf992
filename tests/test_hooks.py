"""scripts/hooks.py: bad data stops the build once, listing every problem as
``path:line: field: problem`` (no traceback: MkDocs prints a PluginError's message and exits 1).

The hook is called directly, as MkDocs calls it; a whole-site build would only add MkDocs' own
handling of PluginError to what is tested here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from scripts import hooks
from scripts.data import site_data, start_guide, ui

ROOT = Path(__file__).resolve().parent.parent
BAD_BIB = """\
@article{Bad2020,
  author = {Doe, Jane},
  title = {A title},
  year = {2020},
  doi = {10.1000/x}
}
"""


def line_with(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def test_bad_data_files_stop_the_build_once_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "references.bib").write_text(BAD_BIB, encoding="utf-8")
    (data / "workflow.yaml").write_text("- a list, not a mapping\n", encoding="utf-8")
    guide = data / "start-guide.yaml"
    summary = line_with(guide, "    summary:")
    text = guide.read_text(encoding="utf-8").splitlines(keepends=True)
    text[summary - 1] = text[summary - 1].replace("summary:", "summry:")
    guide.write_text("".join(text), encoding="utf-8")
    rule = max(n for n in range(1, summary) if text[n - 1].startswith("  - id:"))
    monkeypatch.setattr(site_data, "DATA", data)
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the project being built

    with pytest.raises(PluginError) as raised:
        hooks.on_config({})
    lines = str(raised.value).splitlines()
    assert lines[0] == "Invalid data, nothing was built:"
    assert lines[1:] == [
        "data/references.bib:1: key: 'Bad2020' should look like surname+year+word, e.g. he2016deep",
        "data/workflow.yaml:1: file: expected a mapping (title, stages, ...), got a list",
        f"data/start-guide.yaml:{rule}: rules[0].summary: missing required field",
        f"data/start-guide.yaml:{summary}: rules[0].summry: unknown field (allowed: id, when, "
        "no_default, title, summary, read, models, methods, baselines, resources)",
    ]


def test_a_bad_ui_file_is_listed_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loaders never raise: the bibliography's 2021a/2021b suffixes need no UI string."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    ui_file = data / "ui.yaml"
    text = ui_file.read_text(encoding="utf-8").replace(
        'references.et_al: {en: "et al.", zh: "等"}\n', ""
    )
    ui_file.write_text(text.replace('{en: "and", zh: "和"}', '{en: "and"}'), "utf-8")
    monkeypatch.setattr(site_data, "DATA", data)
    monkeypatch.setattr(ui, "PATH", ui_file)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PluginError) as raised:
        hooks.on_config({})
    assert str(raised.value).startswith("Invalid data, nothing was built:\n")
    assert "data/ui.yaml:" in str(raised.value) and "references.and" in str(raised.value)


def test_a_renamed_heading_refreshes_the_start_guide_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `mkdocs serve` the data stays loaded between rebuilds; a heading that a guide link
    points at can change in docs/ without any data file changing."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    monkeypatch.setattr(start_guide, "DOCS", docs)
    assert site_data.problems(site_data.load()) == []
    page = docs / "en" / "models-and-tasks.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{ #sequence-models", "{ #sequences"),
        encoding="utf-8",
    )
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    found = site_data.problems(site_data.load())
    assert found and all("#sequence-models" in p for p in found)
    assert "docs/en/models-and-tasks.md has no heading with id #sequence-models" in found[0]


def test_a_misspelt_marker_stops_the_build_at_its_line() -> None:
    """The marker grammar's error reaches MkDocs as a PluginError (a message, no traceback)."""
    hooks.on_config({})  # the data every page reads
    text = "# A page\n\nIntro.\n\n<!-- resource: all -->\n"
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="en/x.md", content_string=text))
    config = SimpleNamespace(theme={"language": "en"}, repo_url="", edit_uri="", plugins={})
    with pytest.raises(PluginError) as raised:
        hooks.on_page_markdown(text, page, config, None)  # type: ignore[arg-type]
    assert str(raised.value).startswith("docs/en/x.md:5: marker: unknown marker 'resource'")

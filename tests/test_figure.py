"""scripts/data/figure.py and scripts/render/figure.py: the workflow figure is valid, accessible
SVG in both languages."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from scripts.data import figure
from scripts.render import figure as figure_render

SVG = "{http://www.w3.org/2000/svg}"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def data() -> dict:
    workflow = figure.load_workflow(figure.DEFAULT_DATA)
    assert workflow.problems == ()
    return dict(workflow.data)


@pytest.fixture(scope="module", params=figure.LANGUAGES)
def rendered(request: pytest.FixtureRequest, data: dict) -> tuple[str, str, ET.Element]:
    svg = figure_render.render_workflow_svg(data, request.param)
    return request.param, svg, ET.fromstring(svg)


def test_data_file_is_valid(data: dict) -> None:
    assert figure.check_workflow(data) == []


def test_stage_ids(data: dict) -> None:
    assert [stage["id"] for stage in data["stages"]] == ["data", "learning", "validation"]


def test_root_is_svg_with_viewbox_and_no_pixel_width(rendered: tuple[str, str, ET.Element]) -> None:
    _, _, root = rendered
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox", ""))
    assert root.get("width") is None and root.get("height") is None


def test_title_and_desc_are_present_and_labelled(rendered: tuple[str, str, ET.Element]) -> None:
    lang, _, root = rendered
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert root.get("role") == "img"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    labelledby = root.get("aria-labelledby", "").split()
    assert labelledby and all(ref in ids for ref in labelledby)
    assert title.get("id") in labelledby
    assert root.get("aria-describedby") == desc.get("id")
    assert all(ref.startswith(f"wf-{lang}-") for ref in labelledby)


def test_ids_are_unique_and_prefixed_by_language(rendered: tuple[str, str, ET.Element]) -> None:
    lang, _, root = rendered
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"wf-{lang}-") for i in ids)


def test_marker_references_resolve(rendered: tuple[str, str, ET.Element]) -> None:
    _, svg, root = rendered
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    refs = re.findall(r"url\(#([^)]+)\)", svg)
    assert refs and all(ref in ids for ref in refs)


def test_five_iterate_arrows_with_labels(rendered: tuple[str, str, ET.Element], data: dict) -> None:
    lang, _, root = rendered
    arrows = [g for g in root.iter(f"{SVG}g") if "wf-iterate" in (g.get("class") or "").split()]
    assert len(arrows) == 5
    for arrow in arrows:
        path = arrow.find(f"{SVG}path")
        assert path is not None and path.get("marker-end", "").startswith("url(#")
        label = arrow.find(f"{SVG}text")
        assert label is not None and label.text == data["iterate_label"][lang]


def test_every_step_label_is_real_text(rendered: tuple[str, str, ET.Element], data: dict) -> None:
    lang, _, root = rendered
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    joined = shown.replace(" ", "")
    for stage in data["stages"]:
        assert stage["label"][lang].replace(" ", "") in joined
        for step in stage["steps"]:
            assert step["label"][lang].replace(" ", "") in joined


def test_language_of_the_text(rendered: tuple[str, str, ET.Element]) -> None:
    lang, _, root = rendered
    tags = (f"{SVG}text", f"{SVG}title", f"{SVG}desc")
    text = " ".join(el.text or "" for el in root.iter() if el.tag in tags)
    if lang == "zh":
        assert CJK.search(text)
    else:
        assert not CJK.search(text)


def test_output_has_no_blank_lines(rendered: tuple[str, str, ET.Element]) -> None:
    _, svg, _ = rendered
    assert all(line.strip() for line in svg.splitlines())


def test_text_is_escaped(data: dict) -> None:
    bad = copy.deepcopy(data)
    bad["title"]["en"] = 'Data <b>& "models"</b>'
    svg = figure_render.render_workflow_svg(bad, "en")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == 'Data <b>& "models"</b>'


def test_missing_zh_label_is_reported(data: dict) -> None:
    bad = copy.deepcopy(data)
    del bad["stages"][1]["steps"][0]["label"]["zh"]
    problems = figure.check_workflow(bad)
    assert any("stages[1].steps[0].label.zh" in p for p in problems)
    with pytest.raises(ValueError):
        figure_render.render_workflow_svg(bad, "zh")


def test_empty_en_label_is_reported(data: dict) -> None:
    bad = copy.deepcopy(data)
    bad["iterate_label"]["en"] = "  "
    assert any(p.startswith("iterate_label.en") for p in figure.check_workflow(bad))


def test_wrong_arrow_count_and_unknown_endpoint(data: dict) -> None:
    bad = copy.deepcopy(data)
    bad["arrows"] = bad["arrows"][:4]
    assert figure.check_workflow(bad) == [
        "arrows: the survey's figure has exactly 5 iterate arrows"
    ]
    bad = copy.deepcopy(data)
    bad["arrows"][0]["to"] = "nowhere"
    [problem] = figure.check_workflow(bad)
    assert problem.startswith("arrows[0].to: 'nowhere' is not a stage or step id (known: ")


def test_wrap_label_balances_two_lines() -> None:
    assert figure.wrap_label("Train", 100) == ["Train"]
    assert figure.wrap_label("选择模型、任务与方法", 100) == ["选择模型、", "任务与方法"]
    assert figure.wrap_label("Preprocess and augment", 100) == ["Preprocess", "and augment"]


def test_cli_check(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert figure_render.main(["check"]) == 0
    bad = tmp_path / "workflow.yaml"  # and it fails on bad data (make check relies on it)
    bad.write_text("title: {en: 5}\n", encoding="utf-8")
    assert figure_render.main(["--data", str(bad), "check"]) == 1
    assert "workflow.yaml:1: title.en: expected text" in capsys.readouterr().out


def test_bad_file_problems_name_path_line_and_field(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "workflow.yaml"
    text = figure.DEFAULT_DATA.read_text(encoding="utf-8")
    text = text.replace("label: {en: Label, zh: 标注}", "label: {en: Label}")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "label: {en: Label}" in s)
    assert figure.load_workflow(path).problems == (
        f"data/workflow.yaml:{line}: stages[0].steps[1].label.zh: missing required field",
    )
    path.write_text("title: [unclosed\n", encoding="utf-8")
    [problem] = figure.load_workflow(path).problems
    assert problem.startswith("data/workflow.yaml:2: yaml: malformed YAML")
    path.write_text("- a\n", encoding="utf-8")
    assert figure.load_workflow(path).problems == (
        "data/workflow.yaml:1: file: expected a mapping (title, stages, ...), got a list",
    )

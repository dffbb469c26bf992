"""scripts/data/figure.py, scripts/render/figure.py and templates/figures/workflow-svg.html: the
workflow figure's texts are valid, the drawing finds each of them, the SVG is accessible in both
languages, and (in a browser) every label fits its box and nothing overlaps a stage title."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import pytest

from scripts.data import datafile, figure, ui
from scripts.data.languages import LANGUAGES
from scripts.data.site_paths import site_path
from scripts.render import figure as figure_render

SVG = "{http://www.w3.org/2000/svg}"
CJK = re.compile(r"[\u3400-\u9fff]")
SITE_CSS = (
    Path(__file__).resolve().parents[1] / "docs" / "en" / "assets" / "stylesheets" / "site.css"
)


@pytest.fixture(scope="module")
def data() -> dict:
    workflow = figure.load_workflow(figure.DEFAULT_DATA)
    assert workflow.problems == ()
    return dict(workflow.data)


@pytest.fixture(scope="module", params=LANGUAGES)
def rendered(request: pytest.FixtureRequest, data: dict) -> tuple[str, str, ET.Element]:
    svg = figure_render.render_workflow_svg(data, request.param)
    return request.param, svg, ET.fromstring(svg)


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The figure's ``wf-<kind>-group``/``wf-iterate`` groups by the id the data uses."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        match = re.fullmatch(rf"wf-[a-z]+-{kind}-(.+)", g.get("id") or "")
        if match:
            found[match[1]] = g
    return found


# --- The drawing and its texts ------------------------------------------------------------------


def test_the_drawing_needs_exactly_the_ids_the_schema_requires(
    rendered: tuple[str, str, ET.Element],
) -> None:
    """A text the schema lets out would stop the render; one the drawing does not use would be
    a translation nobody sees."""
    _, _, root = rendered
    schema = datafile.schema(figure.SCHEMA_PATH)["properties"]
    for kind, part in (("stage", "stages"), ("step", "steps"), ("iterate", "hints")):
        assert sorted(groups(root, kind)) == sorted(schema[part]["required"]), part
        assert set(schema[part]["properties"]) == set(schema[part]["required"]), part


def test_every_text_is_shown_where_its_id_says(
    rendered: tuple[str, str, ET.Element], data: dict
) -> None:
    lang, _, root = rendered
    for stage_id, stage in groups(root, "stage").items():
        title = stage.find(f"{SVG}text")
        assert title is not None and title.get("class") == "wf-stage-title"
        assert title.text == data["stages"][stage_id][lang]
    for step_id, step in groups(root, "step").items():
        lines = [t.text for t in step.findall(f"{SVG}text")]
        assert lines == data["steps"][step_id][lang]


def test_root_is_svg_with_viewbox_and_no_pixel_width(rendered: tuple[str, str, ET.Element]) -> None:
    _, _, root = rendered
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 770 520"
    assert root.get("width") is None and root.get("height") is None


def test_title_and_desc_are_present_and_labelled(
    rendered: tuple[str, str, ET.Element], data: dict
) -> None:
    lang, _, root = rendered
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == data["title"][lang]
    assert desc is not None and desc.text == data["description"][lang]
    assert root.get("role") == "img" and root.get("lang") == lang
    assert root.get("aria-labelledby") == title.get("id") == f"wf-{lang}-title"
    assert root.get("aria-describedby") == desc.get("id") == f"wf-{lang}-desc"


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


def test_five_iterate_arrows_with_labels_and_titles(
    rendered: tuple[str, str, ET.Element], data: dict
) -> None:
    lang, _, root = rendered
    arrows = groups(root, "iterate")
    assert len(arrows) == 5
    label = data["iterate_label"][lang]
    for arrow_id, arrow in arrows.items():
        path = arrow.find(f"{SVG}path")
        assert path is not None and path.get("marker-end") == f"url(#wf-{lang}-head-iterate)"
        text = arrow.find(f"{SVG}text")
        assert text is not None and text.text == label
        hint = data["hints"][arrow_id][lang]
        tooltip = arrow.find(f"{SVG}title")
        assert tooltip is not None
        assert tooltip.text == ui.text("figure.iterate_title", lang).format(label=label, hint=hint)


def test_language_of_the_text(rendered: tuple[str, str, ET.Element]) -> None:
    lang, _, root = rendered
    tags = (f"{SVG}text", f"{SVG}title", f"{SVG}desc")
    text = " ".join(el.text or "" for el in root.iter() if el.tag in tags)
    assert bool(CJK.search(text)) == (lang == "zh")


def test_output_has_no_blank_lines(rendered: tuple[str, str, ET.Element]) -> None:
    _, svg, _ = rendered
    assert all(line.strip() for line in svg.splitlines())


def test_text_is_escaped(data: dict) -> None:
    bad = copy.deepcopy(data)
    bad["title"]["en"] = 'Data <b>& "models"</b>'
    bad["steps"]["train"]["en"] = ["<Train>"]
    root = ET.fromstring(figure_render.render_workflow_svg(bad, "en"))
    assert root.find(f"{SVG}title").text == 'Data <b>& "models"</b>'
    assert groups(root, "step")["train"].find(f"{SVG}text").text == "<Train>"


def test_a_slot_without_text_stops_the_render(data: dict) -> None:
    """Data that skipped the loader's check: StrictUndefined names what is missing."""
    bad = copy.deepcopy(data)
    del bad["steps"]["choose"]["zh"]
    figure_render.render_workflow_svg(bad, "en")
    with pytest.raises(jinja2.UndefinedError, match="'zh'"):
        figure_render.render_workflow_svg(bad, "zh")


# --- Bad files: every problem is path:line: field: problem ------------------------------------


def problems_after(tmp_path: Path, old: str, new: str) -> tuple[tuple[str, ...], int]:
    """The loader's problems for the real file with ``old`` replaced by ``new``, and the line
    where the change starts."""
    text = figure.DEFAULT_DATA.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    text = text.replace(old, new)
    path = tmp_path / "data" / "workflow.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return figure.load_workflow(path).problems, line


def line_of(start: str) -> int:
    """The line of data/workflow.yaml that starts with ``start``."""
    lines = figure.DEFAULT_DATA.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the project, as MkDocs runs it
    return tmp_path


def test_a_missing_chinese_step_text(in_tmp: Path) -> None:
    problems, _ = problems_after(in_tmp, "    zh: [训练]\n", "")
    line = line_of("  train:")  # a missing field is reported where its mapping starts
    assert problems == (f"data/workflow.yaml:{line}: steps.train.zh: missing required field",)


def test_a_misspelt_id_is_unknown_and_the_right_one_missing(in_tmp: Path) -> None:
    problems, line = problems_after(in_tmp, "  visualise:\n", "  visualize:\n")
    assert problems == (
        f"data/workflow.yaml:{line_of('steps:')}: steps.visualise: missing required field",
        f"data/workflow.yaml:{line}: steps.visualize: unknown field (allowed: collect, label, "
        "preprocess, visualise, choose, train, measure, analyse)",
    )


def test_a_step_label_has_one_or_two_lines(in_tmp: Path) -> None:
    problems, line = problems_after(in_tmp, "zh: [评估性能]", "zh: [评估, 模型, 性能]")
    assert problems == (
        f"data/workflow.yaml:{line}: steps.measure.zh: a step box holds at most two lines",
    )
    problems, line = problems_after(in_tmp, "zh: [评估性能]", "zh: 评估性能")
    assert problems == (
        f"data/workflow.yaml:{line}: steps.measure.zh: "
        "expected a list of one or two lines, got text",
    )
    problems, line = problems_after(in_tmp, "zh: [评估性能]", "zh: []")
    assert problems == (f"data/workflow.yaml:{line}: steps.measure.zh: must list one or two lines",)


def test_a_line_too_long_for_a_step_box(in_tmp: Path) -> None:
    """Checked before any browser: 8 Chinese characters fill the box exactly (one em each);
    16 letters are the English guide; a line break inside an item is a second line."""
    problems, line = problems_after(in_tmp, "zh: [评估性能]", "zh: [在测试集上评估性能]")
    assert problems == (
        f"data/workflow.yaml:{line}: steps.measure.zh[0]: '在测试集上评估性能' is too long for a "
        "step box (at most 8 characters a line in Chinese): shorten it or break it into two lines",
    )
    problems, line = problems_after(in_tmp, "en: [Train]", 'en: ["Train\\nit"]')
    assert problems == (
        f"data/workflow.yaml:{line}: steps.train.en[0]: one line per item: write a second "
        "line as the list's next item",
    )
    problems, line = problems_after(in_tmp, "en: [Train]", "en: [Train the whole network]")
    assert problems[0].endswith(
        "(at most 16 characters a line in English): shorten it or break it into two lines"
    )


def test_an_id_given_twice_is_malformed_yaml(in_tmp: Path) -> None:
    problems, line = problems_after(
        in_tmp, "  train:\n", "  choose: {en: [A], zh: [甲]}\n  train:\n"
    )
    [problem] = problems
    assert problem.startswith(f"data/workflow.yaml:{line}: yaml: malformed YAML")
    assert 'duplicate key "choose"' in problem


def test_a_file_that_is_not_a_mapping(in_tmp: Path) -> None:
    path = in_tmp / "data" / "workflow.yaml"
    path.parent.mkdir()
    path.write_text("title: [unclosed\n", encoding="utf-8")
    [problem] = figure.load_workflow(path).problems
    assert problem.startswith("data/workflow.yaml:2: yaml: malformed YAML")
    path.write_text("- a\n", encoding="utf-8")
    assert figure.load_workflow(path).problems == (
        "data/workflow.yaml:1: file: expected a mapping (title, stages, ...), got a list",
    )
    assert figure.load_workflow(path).data == {}


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert figure_render.main(["check"]) == 0
    bad = tmp_path / "workflow.yaml"  # and it fails on bad data (make check relies on it)
    bad.write_text("title: {en: 5}\n", encoding="utf-8")
    assert figure_render.main(["--data", str(bad), "check"]) == 1
    assert "workflow.yaml:1: title.en: expected text" in capsys.readouterr().out


# --- In a browser: what the text measures ------------------------------------------------------

# Every problem of the figures of the page, in CSS pixels of the page. A step's lines must lie
# inside its box, 2 user units clear of the edge; a stage title inside its stage and clear of
# everything else drawn (boxes, lines, arrows, other text).
MEASURE = """() => {
  const problems = [];
  const box = (el) => el.getBoundingClientRect();
  const inside = (a, b, pad) => a.left >= b.left + pad && a.right <= b.right - pad
    && a.top >= b.top + pad && a.bottom <= b.bottom - pad;
  const meet = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  const svgs = document.querySelectorAll("svg.wf-figure");
  for (const svg of svgs) {
    const pad = 2 * box(svg).width / svg.viewBox.baseVal.width;
    for (const group of svg.querySelectorAll(".wf-step-group")) {
      const frame = box(group.querySelector("rect"));
      for (const line of group.querySelectorAll("text")) {
        if (!inside(box(line), frame, pad)) {
          problems.push(`${group.id}: "${line.textContent}" does not fit its box`);
        }
      }
    }
    const drawn = [...svg.querySelectorAll("text, rect, path, line")]
      .filter((el) => !el.closest("defs") && !el.classList.contains("wf-stage"));
    for (const title of svg.querySelectorAll(".wf-stage-title")) {
      const stage = title.parentNode;
      if (!inside(box(title), box(stage.querySelector(".wf-stage")), pad)) {
        problems.push(`${stage.id}: title "${title.textContent}" does not fit its stage`);
      }
      for (const other of drawn) {
        if (other !== title && meet(box(title), box(other))) {
          const what = other.closest("[id]").id;
          const name = `${stage.id}: title "${title.textContent}"`;
          problems.push(`${name} overlaps a ${other.tagName} of ${what}`);
        }
      }
    }
  }
  return svgs.length ? problems : ["no figure on the page"];
}"""
WIDTHS = (1280, 360)  # desktop, and the narrowest phone the site is checked at
# The site names no web font (mkdocs.yml: font: false), so a reader sees the figure in a system
# font: the stack's first installed font here, then two wider common ones, DejaVu Sans (Linux)
# and Noto Sans CJK SC (the PDF's; both installed by .ci/run). A label must fit in each.
FONTS = ("", "DejaVu Sans", "Noto Sans CJK SC")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_fits_and_no_stage_title_is_covered(page, server: str, lang: str) -> None:
    page.goto(server + site_path(lang, "workflow.md").lstrip("/"))
    widest = {}
    for font in FONTS:
        # Set on each text through the CSSOM, which the page's Content-Security-Policy allows
        # (it would block an injected <style>); then the widest step line, to prove it took.
        widest[font] = page.evaluate(SET_FONT, font)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.evaluate("document.fonts.ready")
            assert page.evaluate(MEASURE) == [], f"{lang} at {width} px in {font or 'the stack'}"
    if lang == "en":
        assert len(set(widest.values())) == len(FONTS), widest  # three fonts really measured


SET_FONT = """(font) => {
  const texts = [...document.querySelectorAll("svg.wf-figure text")];
  for (const t of texts) {
    if (font) t.style.setProperty("font-family", `"${font}"`, "important");
  }
  const steps = texts.filter((t) => t.closest(".wf-step-group"));
  return Math.max(...steps.map((t) => t.getBBox().width));
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "part,item,long,problem",
    [
        (
            "steps",
            "choose",
            ["选择模型、任务、方法与损失函数", "以及优化器"],
            'wf-zh-step-choose: "选择模型、任务、方法与损失函数" does not fit its box',
        ),
        (
            "stages",
            "validation",
            "验证与分析：在留出的测试数据上评估模型的性能，并逐一分析模型所犯错误的来源与原因",
            'wf-zh-stage-validation: title "验证与分析：在留出',
        ),
    ],
)
def test_a_text_too_long_for_the_drawing_is_found(
    browser, data: dict, part: str, item: str, long: object, problem: str
) -> None:
    """The measurement itself, on a figure with one text made too long (no site build)."""
    bad = copy.deepcopy(data)
    bad[part][item]["zh"] = long
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    try:
        tab.set_content(f'<html lang="zh"><body>{figure_render.render_workflow_svg(bad, "zh")}')
        tab.add_style_tag(path=str(SITE_CSS))
        tab.evaluate("document.fonts.ready")
        found = tab.evaluate(MEASURE)
    finally:
        context.close()
    assert found and all(p.startswith(problem) for p in found), found

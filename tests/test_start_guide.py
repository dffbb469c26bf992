"""scripts/data/start_guide.py: the decision table's checks, its answers and its HTML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from scripts.data import start_guide
from scripts.data.resources import Catalogue, Resource, Text
from scripts.render import start_guide as start_guide_render
from tests.helpers import expand

ROOT = Path(__file__).resolve().parent.parent

# A small guide: 2 x 2 x 2 x 2 = 16 situations. Line numbers below refer to this text.
GUIDE = """\
inputs:
  data:
    label: {en: Data, zh: 数据}
    options:
      - {id: images, label: {en: Images (photos), zh: 图像（照片）}}
      - {id: tabular, label: {en: Tables, zh: 表格}}
  goal:
    label: {en: Goal, zh: 目标}
    options:
      - {id: predict, label: {en: Predict, zh: 预测}}
      - {id: generate, label: {en: Generate, zh: 生成}}
  labels:
    label: {en: Labels, zh: 标注}
    options:
      - {id: plenty, label: {en: Plenty, zh: 充足}}
      - {id: none, label: {en: None, zh: 没有}}
  size:
    label: {en: Size, zh: 规模}
    options:
      - {id: small, label: {en: Small, zh: 较少}}
      - {id: large, label: {en: Large, zh: 较多}}
terms:
  models:
    cnn: {en: CNNs, zh: 卷积神经网络, link: models.md#cnn}
  methods:
    transfer: {en: Transfer <learning>, zh: 迁移学习}
  baselines:
    boosting: {en: Boosting, zh: 梯度提升, link: basics.md#trees}
rules:
  - id: no-labels
    when: {labels: [none]}
    no_default: true
    title: {en: Get labels first, zh: 先获取标注}
    summary: {en: Prediction needs labels., zh: 预测需要标注。}
    read: [basics.md#trees]
    resources: [scikit-learn]
  - id: small-tables
    when: {data: [tabular], size: [small]}
    title: {en: Boost first, zh: 先用梯度提升}
    summary: {en: Trees win on small tables., zh: 小表格上树模型更好。}
    read: [basics.md#trees]
    baselines: [boosting]
    resources: [scikit-learn]
  - id: everything-else
    when: {}
    title: {en: Fine-tune a CNN, zh: 微调卷积神经网络}
    summary: {en: Start from pretrained weights., zh: 从预训练权重开始。}
    read: [models.md#cnn, basics.md#trees]
    models: [cnn]
    methods: [transfer]
    resources: [pytorch, scikit-learn]
"""

PAGES = {
    "models.md": (
        "---\ntitle: Models\n---\n\n## Convolutional networks { #cnn }\n\n"
        "```\n## Not a heading { #fenced }\n```\n"
    ),
    "basics.md": "---\ntitle: Basics\n---\n\n## Tree *models* { #trees }\n",
}
PAGES_ZH = {
    "models.md": "---\ntitle: 模型\n---\n\n## 卷积网络 { #cnn }\n",
    "basics.md": "---\ntitle: 基础\n---\n\n## 树模型 { #trees }\n",
}


def resource(rid: str, name: str, category: str) -> Resource:
    return Resource(
        id=rid,
        name=name,
        url=f"https://example.org/{rid}",
        description=Text("x", "x"),
        data=("any",),
        level="beginner",
        kind="library",
        status="active",
        category=category,
        source="data/resources/x.yaml",
        line=1,
    )


CATALOGUE = Catalogue(
    entries=(
        resource("scikit-learn", "scikit-learn", "baselines"),
        resource("pytorch", "PyTorch", "frameworks"),
    ),
    problems=(),
)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for lang, pages in (("en", PAGES), ("zh", PAGES_ZH)):
        (root / lang).mkdir(parents=True)
        for name, text in pages.items():
            (root / lang / name).write_text(text, encoding="utf-8")
    return root


def load(tmp_path: Path, docs: Path, text: str = GUIDE, catalogue: Catalogue = CATALOGUE):
    path = tmp_path / "guide.yaml"
    path.write_text(text, encoding="utf-8")
    return start_guide.load_guide(path, docs=docs, catalogue=catalogue)


def problems_of(tmp_path: Path, docs: Path, text: str) -> list[str]:
    """Problems without the temporary directory, as ``line: field: message``."""
    return [p.split("guide.yaml:", 1)[1] for p in load(tmp_path, docs, text).problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


# --- A valid guide ------------------------------------------------------------------------------


def test_valid_guide_has_no_problems(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    assert guide.problems == ()
    assert [rule.id for rule in guide.rules] == ["no-labels", "small-tables", "everything-else"]
    assert guide.targets["basics.md#trees"].text == Text("Tree models", "树模型")
    assert guide.targets["models.md#cnn"].page_title == Text("Models", "模型")


def test_first_fitting_rule_answers(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    answer = lambda **choice: start_guide.resolve(guide, choice).id  # noqa: E731
    assert answer(data="tabular", goal="predict", labels="none", size="small") == "no-labels"
    assert answer(data="tabular", goal="generate", labels="plenty", size="small") == "small-tables"
    assert (
        answer(data="tabular", goal="predict", labels="plenty", size="large") == "everything-else"
    )
    assert answer(data="images", goal="predict", labels="plenty", size="small") == "everything-else"
    with pytest.raises(ValueError, match="unknown goal 'dream'"):
        answer(data="images", goal="dream", labels="plenty", size="small")


def test_coverage_cli_lists_every_situation(
    tmp_path: Path, docs: Path, capsys, monkeypatch
) -> None:
    path = tmp_path / "guide.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    monkeypatch.setattr(start_guide, "DOCS", docs)
    monkeypatch.setattr(start_guide.resources, "load_catalogue", lambda _dir: CATALOGUE)
    assert start_guide_render.main(["coverage", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 16
    assert lines[0].split() == ["images", "predict", "plenty", "small", "->", "everything-else"]
    assert "no-labels (no good default)" in lines[2]


# --- Bad data: every problem has its line and field ---------------------------------------------


def test_dangling_anchor_is_reported_with_line(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace(
        "read: [models.md#cnn, basics.md#trees]", "read: [models.md#cnn, basics.md#tree]"
    )
    line = line_of(text, "basics.md#tree]")
    assert problems_of(tmp_path, docs, text) == [
        f"{line}: rules[2].read[1]: "
        "docs/en/basics.md has no heading with id #tree (did you mean #trees?)"
    ]


def test_anchor_inside_code_fence_does_not_count(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("link: models.md#cnn}", "link: models.md#fenced}")
    assert problems_of(tmp_path, docs, text) == [
        f"{line_of(text, 'models.md#fenced')}: terms.models.cnn.link: "
        "docs/en/models.md has no heading with id #fenced (known: cnn)"
    ]


def test_missing_page_and_chinese_twin_without_the_anchor(tmp_path: Path, docs: Path) -> None:
    (docs / "zh" / "basics.md").write_text(
        "---\ntitle: 基础\n---\n\n## 树 { #tree-models }\n", encoding="utf-8"
    )
    text = GUIDE.replace(
        "read: [models.md#cnn, basics.md#trees]", "read: [missing.md#cnn, basics.md#trees]"
    )
    found = problems_of(tmp_path, docs, text)
    assert (
        f"{line_of(text, 'missing.md')}: rules[2].read[0]: "
        "page 'missing.md' does not exist (no docs/en/missing.md)" in found
    )
    assert any(
        "docs/zh/basics.md has no heading with id #trees; twins must share heading ids" in p
        for p in found
    )


def test_unknown_resource_id(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("resources: [pytorch, scikit-learn]", "resources: [pytorch, scikit-lean]")
    assert problems_of(tmp_path, docs, text) == [
        f"{line_of(text, 'scikit-lean')}: rules[2].resources[1]: "
        "unknown resource id 'scikit-lean': "
        "not in data/resources/*.yaml (did you mean 'scikit-learn'?)"
    ]


def test_unknown_term_and_unused_term(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("models: [cnn]", "models: [cnns]")
    found = problems_of(tmp_path, docs, text)
    assert (
        f"{line_of(text, 'models: [cnns]')}: rules[2].models[0]: "
        "unknown model 'cnns': define it under terms.models (did you mean 'cnn'?)" in found
    )
    assert (
        f"{line_of(text, '    cnn: {')}: terms.models.cnn: "
        "no rule uses this term; remove it or refer to it" in found
    )


def test_uncovered_situations_are_listed(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("when: {}", "when: {data: [images]}")
    found = problems_of(tmp_path, docs, text)
    line = line_of(text, "rules:")
    assert sorted(found) == [
        f"{line}: rules: no rule answers data=tabular, goal={goal}, labels=plenty, size=large; "
        "add a rule for it, or one with 'no_default: true' that says why"
        for goal in ("generate", "predict")
    ]


def test_rule_hidden_behind_earlier_rules(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace(
        "when: {data: [tabular], size: [small]}", "when: {data: [tabular], labels: [none]}"
    )
    assert problems_of(tmp_path, docs, text) == [
        f"{line_of(text, 'data: [tabular], labels')}: rules[1].when: "
        "rule 'small-tables' never answers: "
        "earlier rules (no-labels) take every situation it fits; move it up or remove it"
    ]


def test_unknown_option_in_when(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("when: {labels: [none]}", "when: {labels: [nothing]}")
    found = problems_of(tmp_path, docs, text)
    assert (
        f"{line_of(text, '[nothing]')}: rules[0].when.labels[0]: "
        "unknown labels 'nothing' (expected one of: plenty, none)" in found
    )


def test_duplicate_rule_id(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("- id: everything-else", "- id: small-tables")
    found = problems_of(tmp_path, docs, text)
    first = line_of(text, "- id: small-tables")
    assert any(
        f"rules[2].id: duplicate rule id 'small-tables' (first at line {first})" in p for p in found
    )


def test_malformed_yaml_reports_its_line(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace(
        "    title: {en: Boost first, zh: 先用梯度提升}",
        "    title: {en: Boost first, zh: 先用梯度提升",
    )
    [problem] = problems_of(tmp_path, docs, text)
    line = int(problem.split(":", 1)[0])
    assert problem.split(": ", 1)[1].startswith("yaml: malformed YAML")
    assert line_of(text, "Boost first") <= line <= line_of(text, "Boost first") + 1


def test_schema_problems_name_field_and_line(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace(
        "    summary: {en: Trees win on small tables., zh: 小表格上树模型更好。}\n",
        "    summry: {en: Trees win on small tables., zh: 小表格上树模型更好。}\n",
    ).replace("read: [basics.md#trees]\n    baselines", "read: [basics.md]\n    baselines")
    found = problems_of(tmp_path, docs, text)
    assert (
        f"{line_of(text, 'summry')}: rules[1].summry: unknown field (allowed: id, when, "
        "no_default, title, summary, read, models, methods, baselines, resources)" in found
    )
    assert (
        f"{line_of(text, '- id: small-tables')}: rules[1].summary: missing required field" in found
    )
    assert (
        f"{line_of(text, 'read: [basics.md]')}: rules[1].read[0]: "
        "'basics.md' is not a link like 'models-and-tasks.md#image-classification'" in found
    )


def test_rule_needs_models_or_baselines_unless_no_default(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("    baselines: [boosting]\n", "")
    found = problems_of(tmp_path, docs, text)
    assert (
        f"{line_of(text, '- id: small-tables')}: rules[1]: "
        "a rule without 'no_default: true' must name models or baselines" in found
    )


def test_chinese_text_must_be_chinese(tmp_path: Path, docs: Path) -> None:
    text = GUIDE.replace("zh: 先用梯度提升}", "zh: Boost first}")
    assert problems_of(tmp_path, docs, text) == [
        f"{line_of(text, 'zh: Boost first')}: rules[1].title.zh: "
        "contains no Chinese characters; write the Chinese text"
    ]


def test_english_in_a_chinese_text_hides_no_other_problem(tmp_path: Path, docs: Path) -> None:
    """Every Chinese text of an input, option or rule is checked, and a wrong-language text is
    reported together with the cross-checks' problems, not instead of them."""
    text = (
        GUIDE.replace("label: {en: Goal, zh: 目标}", "label: {en: Goal, zh: Goal}")
        .replace("{en: Plenty, zh: 充足}", "{en: Plenty, zh: Plenty}")
        .replace("zh: 小表格上树模型更好。}", "zh: Trees win.}")
        .replace(
            "baselines: [boosting]\n    resources: [scikit-learn]",
            "baselines: [boosting]\n    resources: [nosuch]",
        )
    )
    message = "contains no Chinese characters; write the Chinese text"
    assert problems_of(tmp_path, docs, text) == [
        f"{line_of(text, 'zh: Goal}')}: inputs.goal.label.zh: {message}",
        f"{line_of(text, 'zh: Plenty}')}: inputs.labels.options[0].label.zh: {message}",
        f"{line_of(text, 'zh: Trees win.}')}: rules[1].summary.zh: {message}",
        f"{line_of(text, 'resources: [nosuch]')}: rules[1].resources[0]: "
        "unknown resource id 'nosuch': not in data/resources/*.yaml",
    ]


def test_empty_and_unreadable_files(tmp_path: Path, docs: Path) -> None:
    assert problems_of(tmp_path, docs, "") == ["1: file: is empty"]
    guide = start_guide.load_guide(tmp_path / "nope.yaml", docs=docs, catalogue=CATALOGUE)
    assert guide.problems and "cannot be read" in guide.problems[0]


# --- Rendering ----------------------------------------------------------------------------------


def test_table_links_are_relative_to_the_page(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    html = start_guide_render.render_table(guide, "en", "start.md")
    assert 'href="../models/#cnn"' in html
    assert 'href="../basics/#trees"' in html
    # No docs/en/resources/all.md here: resources link to their category on the resources page.
    assert 'href="../resources/#frameworks">PyTorch</a>' in html
    (docs / "en" / "resources").mkdir()
    (docs / "en" / "resources" / "all.md").write_text("<!-- resources: all -->\n", encoding="utf-8")
    guide = load(tmp_path, docs)
    assert 'href="../resources/all/#res-pytorch">PyTorch</a>' in start_guide_render.render_table(
        guide, "en", "start.md"
    )


def test_table_holds_every_rule_with_its_conditions(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    html = start_guide_render.render_table(guide, "zh", "start.md")
    rows = re.findall(r"<tr id=\"(rule-[^\"]+)\"[^>]*>", html)
    assert rows == ["rule-no-labels", "rule-small-tables", "rule-everything-else"]
    assert 'data-data="tabular" data-goal="" data-labels="" data-size="small"' in html
    assert '<span class="start-when__name">数据：</span>表格' in html
    assert '<span class="start-when__name">目标：</span>不限' in html
    assert "没有合适的默认方案" in html
    assert '树模型</a><span class="start-rec__page">（基础）</span>' in html
    assert "Transfer &lt;learning&gt;" not in html  # zh text is shown on the zh page
    assert "迁移学习" in html


def test_form_is_hidden_without_javascript_and_labelled(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    html = start_guide_render.render_form(guide, "en")
    assert re.search(r"<form [^>]*\bhidden\b", html)
    assert re.search(r"<div [^>]*\brole=\"region\"[^>]*\bhidden\b", html)
    for name in start_guide.INPUTS:
        assert f'<label for="start-{name}">' in html
        assert f'<select id="start-{name}" name="{name}">' in html
    assert '<option value="images">Images (photos)</option>' in html


def test_data_text_is_escaped(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    html = start_guide_render.render_table(guide, "en", "start.md")
    assert "Transfer &lt;learning&gt;" in html
    assert "<learning>" not in html


def test_markers(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs)
    page = "Intro\n\n<!-- start-guide: form -->\n\n## Table { #t }\n\n<!-- start-guide: table -->\n"
    out = expand(page, "en", "en/start.md", start_guide=guide, fields=None, catalogue=None)
    assert "<!-- start-guide" not in out
    assert out.count("<table") == 1 and out.count("<form") == 1
    for block in (
        out.split('<div class="start-guide"', 1)[1].split("## Table")[0],
        out.split("<table", 1)[1],
    ):
        assert "\n\n" not in block.strip(), "a blank line would end the raw HTML block"
    fenced = "```\n<!-- start-guide -->\n```\n"
    assert (
        expand(fenced, "en", "en/start.md", start_guide=guide, fields=None, catalogue=None)
        == fenced
    )
    with pytest.raises(ValueError, match="docs/en/start.md:1: marker: malformed"):
        expand(
            "<!-- start-guide: cards -->\n",
            "en",
            "en/start.md",
            start_guide=guide,
            fields=None,
            catalogue=None,
        )


def test_markers_refuse_a_guide_with_problems(tmp_path: Path, docs: Path) -> None:
    guide = load(tmp_path, docs, GUIDE.replace("[scikit-learn]", "[nothing-here]"))
    with pytest.raises(ValueError, match="data problems"):
        expand(
            "<!-- start-guide -->\n",
            "en",
            "en/start.md",
            start_guide=guide,
            fields=None,
            catalogue=None,
        )


def test_short_labels_drop_examples_in_brackets() -> None:
    assert (
        start_guide_render.short_label("Images or volumes (microscopy, scans)")
        == "Images or volumes"
    )
    assert start_guide_render.short_label("图像或三维体数据（显微图像）") == "图像或三维体数据"
    assert start_guide_render.short_label("None") == "None"


# --- The real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_guide() -> start_guide.Guide:
    return start_guide.load_guide()


def test_real_guide_answers_all_120_situations(real_guide: start_guide.Guide) -> None:
    situations = start_guide.situations(real_guide.inputs)
    assert len(situations) == 5 * 4 * 3 * 2 == 120
    unanswered = [s for s in situations if start_guide.resolve(real_guide, s) is None]
    assert not unanswered
    answering = {start_guide.resolve(real_guide, s).id for s in situations}
    assert answering == {rule.id for rule in real_guide.rules}, "a rule answers nothing"
    assert 20 <= len(real_guide.rules) <= 40


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (("images", "predict", "few", "small"), "images-predict-small"),
        (("images", "predict", "few", "large"), "images-predict-large-few-labels"),
        (("tabular", "predict", "plenty", "small"), "tabular-predict-small"),
        (("sequences", "predict", "none", "large"), "predict-without-labels"),
        (("graphs", "understand", "none", "small"), "understand-without-labels"),
        (("graphs", "transform", "few", "large"), "graphs-transform"),
        (("multimodal", "generate", "plenty", "small"), "generate-small"),
    ],
)
def test_real_guide_gives_the_expected_advice(real_guide, choice: tuple, expected: str) -> None:
    rule = start_guide.resolve(real_guide, dict(zip(start_guide.INPUTS, choice, strict=True)))
    assert rule.id == expected


def test_real_guide_has_no_problems(real_guide: start_guide.Guide) -> None:
    assert real_guide.problems == (), "\n".join(real_guide.problems)


def test_real_guide_text_in_both_languages(real_guide: start_guide.Guide) -> None:
    for rule in real_guide.rules:
        assert rule.title.en and rule.summary.en
        assert re.search(r"[\u4e00-\u9fff]", rule.title.zh) and re.search(
            r"[\u4e00-\u9fff]", rule.summary.zh
        )


def test_a_bug_in_the_checks_raises_instead_of_posing_as_a_data_problem(
    tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(start_guide, "check_data", broken)
    with pytest.raises(KeyError, match="a bug"):
        load(tmp_path, docs)


def test_a_schema_edit_is_seen_without_a_restart(
    tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema_path = tmp_path / "schema.json"
    schema = json.loads(start_guide.SCHEMA_PATH.read_text(encoding="utf-8"))
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(start_guide, "SCHEMA_PATH", schema_path)
    assert load(tmp_path, docs).problems == ()
    schema["$defs"]["rule"]["required"].append("owner")  # `mkdocs serve` is running; an edit:
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    stat = schema_path.stat()
    os.utime(schema_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert [p.split("guide.yaml:", 1)[1] for p in load(tmp_path, docs).problems] == [
        f"{line_of(GUIDE, f'- id: {rule}')}: rules[{n}].owner: missing required field"
        for n, rule in enumerate(("no-labels", "small-tables", "everything-else"))
    ]


def test_chinese_answers_put_reachable_resources_first_and_name_a_mirror(
    tmp_path: Path, docs: Path
) -> None:
    """Issue 15: a resource blocked in mainland China comes after the reachable ones in the
    Chinese answers, with its mirrors; the English answers are unchanged."""
    from dataclasses import replace

    from scripts.data.resources import CnAccess, Mirror

    blocked = replace(
        resource("pytorch", "PyTorch", "frameworks"),
        cn_access=CnAccess("blocked", Text("src", "来源")),
        mirrors=(Mirror("Mirror A", "https://mirror.example.cn/", official=False),),
    )
    catalogue = Catalogue(
        entries=(resource("scikit-learn", "scikit-learn", "baselines"), blocked), problems=()
    )
    guide = load(tmp_path, docs, catalogue=catalogue)
    zh = start_guide_render.render_table(guide, "zh", "start.md")
    lists = re.findall(r'start-rec__list--resources">(.*?)</ul>', zh, re.S)
    both = next(items for items in lists if "PyTorch" in items and "scikit-learn" in items)
    assert both.index(">scikit-learn</a>") < both.index(">PyTorch</a>")
    assert (
        '>PyTorch</a>（<span class="start-rec__mirrors">中国大陆可用镜像：'
        '<a href="https://mirror.example.cn/">Mirror A</a>〔第三方〕</span>）'
    ) in zh
    en = start_guide_render.render_table(guide, "en", "start.md")
    assert "start-rec__mirrors" not in en
    lists = re.findall(r'start-rec__list--resources">(.*?)</ul>', en, re.S)
    both = next(items for items in lists if "PyTorch" in items and "scikit-learn" in items)
    assert both.index(">PyTorch</a>") < both.index(">scikit-learn</a>")


def test_chinese_answers_use_the_access_inherited_from_the_host(tmp_path: Path, docs: Path) -> None:
    """Issue 23: an entry on a blocked host (data/access.yaml) needs no cn_access of its own; the
    Chinese answers name its mirrors and the host's alternatives, labelled apart."""
    from dataclasses import replace

    from scripts.data.resources import Alternative, HostAccess, Mirror

    on_host = replace(
        resource("pytorch", "PyTorch", "frameworks"),
        url="https://blocked.example.org/",
        mirrors=(Mirror("Mirror A", "https://mirror.example.cn/", official=True),),
    )
    record = HostAccess(
        hosts=("blocked.example.org",),
        level="blocked",
        note=Text("Blocked.", "被屏蔽。"),
        source="data/access.yaml",
        line=1,
        alternatives=(
            Alternative(Text("x", "替代"), name="Other", url="https://other.example.cn/"),
        ),
    )
    catalogue = Catalogue(
        entries=(resource("scikit-learn", "scikit-learn", "baselines"), on_host),
        problems=(),
        access=(record,),
    )
    guide = load(tmp_path, docs, catalogue=catalogue)
    assert guide.resources["pytorch"].blocked
    zh = start_guide_render.render_table(guide, "zh", "start.md")
    # One bracket for both, not two side by side: （…镜像：…；替代选择：…）
    assert (
        '>PyTorch</a>（<span class="start-rec__mirrors">中国大陆可用镜像：'
        '<a href="https://mirror.example.cn/">Mirror A</a></span>；'
        '<span class="start-rec__alternatives">替代选择：'
        '<a href="https://other.example.cn/">Other</a></span>）'
    ) in zh
    en = start_guide_render.render_table(guide, "en", "start.md")
    assert "start-rec__alternatives" not in en and "other.example.cn" not in en


def test_a_slow_host_is_not_blocked_in_the_guide() -> None:
    """Only a blocked resource gets the "use a mirror" lines; a slow one is answered as is."""
    from dataclasses import replace

    from scripts.data.resources import HostAccess, Mirror

    on_host = replace(
        resource("pytorch", "PyTorch", "frameworks"),
        url="https://slow.example.org/",
        mirrors=(Mirror("Mirror A", "https://mirror.example.cn/", official=True),),
    )
    record = HostAccess(
        hosts=("slow.example.org",),
        level="slow",
        note=Text("Slow.", "慢。"),
        source="data/access.yaml",
        line=1,
    )
    catalogue = Catalogue(entries=(on_host,), problems=(), access=(record,))
    assert not start_guide.resource_ref(on_host, catalogue).blocked

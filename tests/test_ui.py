"""scripts/data/ui.py and data/ui.yaml: one place for the UI strings of every language.

Bad input on purpose: a key without its Chinese text stops the build with ``path:line``; a key
a template asks for but the file lacks is an error naming the key and the template (never a
blank); Chinese text written into a template or a script is found.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader
from mkdocs.exceptions import PluginError

from scripts import hooks
from scripts.build import theme
from scripts.data import glossary, resources, site_data, ui
from scripts.lint import terms, typography, ui_strings
from scripts.render import catalogue, templates

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


@pytest.fixture
def ui_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ in tmp_path: ui.text reads its ui.yaml, and the build validates it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setattr(ui, "PATH", data / "ui.yaml")
    monkeypatch.setattr(site_data, "DATA", data)
    monkeypatch.chdir(tmp_path)  # paths are shown relative to the project being built
    return data / "ui.yaml"


def without(path: Path, key: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(key + ":")), "utf-8")


# --- The real file -------------------------------------------------------------------------------


def test_the_real_strings_are_valid_and_complete() -> None:
    assert ui.load().problems == ()
    strings = ui.load()
    assert len(strings.texts) > 50
    assert all(set(text) == {"en", "zh"} for text in strings.texts.values())
    assert ui.text("catalogue.count", "zh") == "显示 {shown} 个资源（共 {total} 个）"


def test_every_site_language_and_only_those() -> None:
    """The schema requires a text in every site language (scripts/data/languages.py, which
    tests/test_config.py ties to mkdocs.yml), and the language names the PDF links show are the
    ones the language switcher shows."""
    from mkdocs.config import load_config

    from scripts.data import datafile
    from scripts.data.languages import LANGUAGES

    schema = datafile.schema(ui.SCHEMA_PATH)
    assert tuple(schema["$defs"]["text"]["required"]) == LANGUAGES
    config = load_config(str(ROOT / "mkdocs.yml"))
    languages = config.plugins["i18n"].config.languages
    for lang in languages:
        assert ui.text("common.language_name", lang.locale) == lang.name


def test_the_tree_has_no_chinese_text_outside_the_ui_file_and_no_unknown_key() -> None:
    assert ui_strings.stray_chinese() == []
    assert ui_strings.unknown_keys() == []
    assert ui_strings.main(["check"]) == 0


def test_the_check_command_fails_on_a_bad_ui_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "ui.yaml"
    bad.write_text(
        (ROOT / "data" / "ui.yaml").read_text("utf-8").replace('{en: "and", zh: "和"}', "{en: 5}")
    )
    monkeypatch.setattr(ui, "PATH", bad)
    assert ui_strings.main(["check"]) == 1
    assert "ui.yaml:" in capsys.readouterr().out


# --- Bad data stops the build -------------------------------------------------------------------


def test_a_key_without_its_chinese_text_stops_the_build(ui_file: Path) -> None:
    text = ui_file.read_text(encoding="utf-8")
    text = text.replace(
        'catalogue.reset: {en: "Clear filters", zh: "清除筛选"}',
        'catalogue.reset: {en: "Clear filters"}',
    )
    text = text.replace(
        'start.legend: {en: "Describe your situation", zh: "描述你的情况"}',
        'start.legend: {en: "Describe your situation", zh: "描述你的情况", fr: "Décrivez"}',
    )
    text = text.replace("common.colon:", "Common.Colon:")
    text = text.replace(
        'start.number: {en: "Row", zh: "行"}', 'start.number: {en: "Row", zh: [行]}'
    )
    ui_file.write_text(text, encoding="utf-8")

    with pytest.raises(PluginError) as raised:
        hooks.on_config({})
    lines = str(raised.value).splitlines()
    assert lines[0] == "Invalid data, nothing was built:"
    assert lines[1:] == [
        f"data/ui.yaml:{line_of(ui_file, 'Common.Colon')}: Common.Colon: a key is lowercase words "
        "joined by dots, group first: catalogue.count",
        f"data/ui.yaml:{line_of(ui_file, 'catalogue.reset')}: catalogue.reset.zh: missing required"
        " field",
        f"data/ui.yaml:{line_of(ui_file, 'start.legend')}: start.legend.fr: unknown field "
        "(allowed: en, zh)",
        f"data/ui.yaml:{line_of(ui_file, 'start.number')}: start.number.zh: expected text, "
        "got a list",
    ]
    # What a template would have shown is an error, not a blank.
    with pytest.raises(ui.UnknownString, match="'catalogue.reset' has no 'zh' text"):
        ui.text("catalogue.reset", "zh")


def test_a_broken_file_is_one_problem_with_its_line(ui_file: Path) -> None:
    ui_file.write_text("common.colon: {en: ': '\n", encoding="utf-8")
    [problem] = map(str, ui.load(ui_file).problems)
    assert problem.startswith("data/ui.yaml:") and "malformed YAML" in problem


def test_an_edit_is_seen_by_the_next_build(ui_file: Path) -> None:
    """``text`` reads what the last load read; under `mkdocs serve` each rebuild's on_config
    loads again, so an edit between two builds shows on the next one."""
    assert ui.text("catalogue.reset", "en") == "Clear filters"
    text = ui_file.read_text(encoding="utf-8").replace('"Clear filters"', '"Reset"')
    ui_file.write_text(text, encoding="utf-8")
    os.utime(ui_file, ns=(1, 10**18))  # a new mtime even on a coarse clock
    hooks.on_config({})
    assert ui.text("catalogue.reset", "en") == "Reset"


# --- Unknown keys are errors that name them ----------------------------------------------------


def test_a_string_missing_from_the_file_is_an_error_naming_key_and_template(
    ui_file: Path,
) -> None:
    without(ui_file, "catalogue.empty")
    empty = resources.Catalogue(entries=(), problems=(), facts={})
    with pytest.raises(ui.UnknownString) as raised:
        catalogue.render_category("models", "en", empty)
    assert str(raised.value) == (
        "catalogue/category.html: data/ui.yaml: no UI string 'catalogue.empty'; add it with its "
        "text in every language"
    )


def test_the_scripts_templates_fail_on_an_unknown_key_or_language() -> None:
    env = templates.environment().overlay(
        loader=DictLoader({"x.html": '{{ ui("common.colon", lang) }}|{{ ui("nope.gone", "en") }}'})
    )
    with pytest.raises(ui.UnknownString, match=r"^x\.html: .*no UI string 'nope\.gone'"):
        env.get_template("x.html").render(lang="zh")
    with pytest.raises(ui.UnknownString, match="'common.colon' has no 'fr' text"):
        ui.text("common.colon", "fr")


def theme_env(**templates_: str) -> Environment:
    """The theme's environment as MkDocs sets it up (no autoescape), with our on_env hook."""
    env = Environment(loader=DictLoader(templates_))
    config = SimpleNamespace(plugins={}, theme={"language": "zh"})
    return theme.register(env, config)  # type: ignore[arg-type]


def test_the_theme_templates_stop_the_build_on_an_unknown_key() -> None:
    env = theme_env(**{"partials/x.html": '<p>{{ ui("page_status.nope", "zh") }}</p>'})
    with pytest.raises(PluginError) as raised:
        env.get_template("partials/x.html").render()
    assert str(raised.value) == (
        "partials/x.html: data/ui.yaml: no UI string 'page_status.nope'; add it with its text "
        "in every language"
    )
    assert env.globals["site_languages"] == ["zh"]


def test_the_outdated_translation_banner_speaks_the_page_language() -> None:
    """The build shows the banner only when a translation is outdated, so render it here."""
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))
    theme.register(env, SimpleNamespace(plugins={}, theme={"language": "zh"}))  # type: ignore[arg-type]
    env.filters["url"] = lambda link: link
    alternate = [{"lang": "en", "link": "/x/"}, {"lang": "zh", "link": "/zh/x/"}]
    config = {"theme": {"language": "zh"}, "extra": {"alternate": alternate}}
    banner = env.get_template("partials/translation-banner.html")
    state = {"state": "outdated", "source_date": "2024-01-02", "english_date": "2024-03-04"}
    html = banner.render(page=SimpleNamespace(meta={"translation": state}), config=config)
    assert 'lang="zh"' in html
    assert "英文原文已更新，本页译文可能已过时" in html
    assert "本页译自 2024-01-02 的英文版本，英文原文最近修改于 2024-03-04。" in html
    assert '<a href="/x/" hreflang="en" lang="en">阅读英文原文</a>' in html
    state = {**state, "source_date": ""}
    html = banner.render(page=SimpleNamespace(meta={"translation": state}), config=config)
    assert "本页没有记录所依据的英文版本，英文原文最近修改于 2024-03-04。" in html


# --- The rule: no Chinese text outside data/ui.yaml ---------------------------------------------


def test_chinese_text_in_templates_and_scripts_is_found(tmp_path: Path) -> None:
    write(
        tmp_path / "overrides/partials/x.html",
        '{# 注释里的中文不算 #}\n<p>{{ ui("common.colon", lang) }}</p>\n<p>页面不存在</p>\n'
        "<span>（{{ en }}）</span>\n",
    )
    write(tmp_path / "overrides/partials/x.css", "/* plain */\n")
    logo = tmp_path / "overrides/assets/logo.png"  # not text: skipped, not a crash
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    write(tmp_path / "templates/pdf/x.css", "/* 封面 */\n")  # the scripts' templates too
    write(tmp_path / "scripts/render/y.py", 'TITLE = "目录"\n')  # and every package of scripts/
    write(
        tmp_path / "scripts/x.py",
        '"""文档字符串里的中文不算。"""\n\n'
        "# 注释里的中文不算\n"
        'PATTERN = r"第\\s*\\d+\\s*节"\n'
        '# not UI: the lint\'s vocabulary\nGENERIC = ("本页", "这里")\n'
        'WORDS = ("此处",)  # not UI: the lint\'s vocabulary\n'
        'PUNCT = "（"\n'
        'LABELS = {"zh": "筛选"}\n',
    )
    assert ui_strings.stray_chinese(tmp_path) == [
        "overrides/partials/x.html:3: ui: Chinese text '<p>页面不存在</p>' belongs in data/ui.yaml",
        "overrides/partials/x.html:4: ui: Chinese text '<span>（{{ en }}）</span>' belongs in "
        "data/ui.yaml",
        "templates/pdf/x.css:1: ui: Chinese text '/* 封面 */' belongs in data/ui.yaml",
        "scripts/render/y.py:1: ui: Chinese text '\"目录\"' belongs in data/ui.yaml",
        "scripts/x.py:9: ui: Chinese text '\"筛选\"' belongs in data/ui.yaml",
    ]


def test_keys_a_template_or_script_writes_out_must_exist(tmp_path: Path) -> None:
    write(
        tmp_path / "overrides/partials/x.html",
        '{{ ui("common.colon", lang) }}{{ ui("common.nope", lang) }}\n'
        '{{ ui("glossary.column_" ~ x, lang) }}\n',
    )
    write(
        tmp_path / "scripts/x.py", 'ui.text("start.nope", lang)\nui.text(f"start.{group}", lang)\n'
    )
    assert ui_strings.unknown_keys(tmp_path) == [
        "overrides/partials/x.html:1: ui: unknown key 'common.nope' (not in data/ui.yaml)",
        "scripts/x.py:1: ui: unknown key 'start.nope' (not in data/ui.yaml)",
    ]


def test_template_and_script_lines_are_counted_at_newlines_only(tmp_path: Path) -> None:
    """A line separator (U+2028) inside a line does not start a new one."""
    write(tmp_path / "overrides/x.html", "<p>a\u2028b</p>\n<p>页面</p>{{ ui('x.nope', lang) }}\n")
    write(tmp_path / "scripts/x.py", '# a\u2028b\nTEXT = "目录"  # not UI: a test\n')
    assert ui_strings.stray_chinese(tmp_path) == [
        "overrides/x.html:2: ui: Chinese text \"<p>页面</p>{{ ui('x.nope', lang) }}\" belongs in "
        "data/ui.yaml",
    ]
    assert ui_strings.unknown_keys(tmp_path) == [
        "overrides/x.html:2: ui: unknown key 'x.nope' (not in data/ui.yaml)"
    ]


# --- The Chinese lints read the UI file ---------------------------------------------------------


def test_the_chinese_lints_check_the_ui_strings(tmp_path: Path) -> None:
    real = glossary.load_glossary()
    docs = tmp_path / "docs"
    (docs / "zh").mkdir(parents=True)
    ui_yaml = write(
        tmp_path / "data/ui.yaml",
        'catalogue.models: {en: "Model hub", zh: "模型仓库"}\n'
        'catalogue.count: {en: "1,000 resources", zh: "共 1,000 个资源"}\n',
    )
    found = terms.avoid_problems(real, docs, tmp_path / "data")
    assert found == ["data/ui.yaml:1: model hub: found '模型仓库', use '模型平台'"]
    rules = typography.lint_rules([ui_yaml])
    assert [(f.line, f.rule) for f in rules] == [(2, "number-grouping")]

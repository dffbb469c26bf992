"""scripts/lint/typography.py: Chinese spacing and punctuation in docs/zh/ and the zh fields of
data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.lint import chinese_text, typography

ROOT = Path(__file__).resolve().parent.parent

BAD_PAGE = """\
---
title: 测试页面
description: 用PyTorch训练模型
---

第一段没有问题，使用 PyTorch 训练。

第二段用了TensorFlow,还有半角逗号.

```python
x = "代码里的PyTorch不检查"
```
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_site_has_no_findings() -> None:
    assert [str(f) for f in typography.lint(typography.DEFAULT_PATHS)] == []


def test_rules_live_in_the_repository() -> None:
    rules = (ROOT / ".autocorrectrc").read_text(encoding="utf-8")
    assert "space-word: 1" in rules and "fullwidth: 1" in rules


def test_bad_chinese_line_is_reported_with_path_and_line(tmp_path: Path) -> None:
    page = write(tmp_path / "docs/zh/bad.md", BAD_PAGE)
    found = typography.lint([page])
    assert [(f.line, f.new) for f in found] == [
        (3, "用 PyTorch 训练模型"),
        (8, "第二段用了 TensorFlow，还有半角逗号。"),
    ]
    assert str(found[1]).startswith(f"{page.as_posix()}:8: typography: ")


def test_lines_are_counted_at_newlines_only(tmp_path: Path) -> None:
    """A line separator (U+2028) inside a line does not start a new one (autocorrect agrees)."""
    page = write(tmp_path / "docs/zh/x.md", "# 标题\u2028仍是第一行\n\n用了TensorFlow,还有。\n")
    assert [(f.line, f.rule) for f in typography.lint_rules([page])] == [
        (3, "halfwidth-in-chinese")
    ]


def test_cli_fails_on_findings_and_passes_when_clean(tmp_path: Path, capsys) -> None:
    page = write(tmp_path / "bad.md", BAD_PAGE)
    assert typography.main(["check", str(page)]) == 1
    assert "bad.md:8: typography:" in capsys.readouterr().out
    write(page, "---\ntitle: 好页面\n---\n\n使用 PyTorch 训练。\n")
    assert typography.main(["check", str(page)]) == 0


def test_fix_changes_prose_but_not_code_or_front_matter_keys(tmp_path: Path) -> None:
    page = write(tmp_path / "bad.md", BAD_PAGE)
    assert typography.main(["fix", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "第二段用了 TensorFlow，还有半角逗号。" in text
    assert 'x = "代码里的PyTorch不检查"' in text
    assert "description: 用 PyTorch 训练模型" in text


def test_fix_refuses_when_autocorrect_changes_the_number_of_lines(
    tmp_path: Path, monkeypatch
) -> None:
    """Code lines are put back by index: a line more or less would move them."""
    page = write(tmp_path / "bad.md", BAD_PAGE)
    format_for = typography.autocorrect_py.format_for
    monkeypatch.setattr(
        typography.autocorrect_py, "format_for", lambda text, kind: "\n" + format_for(text, kind)
    )
    with pytest.raises(ValueError, match="autocorrect changed the number of lines"):
        typography.fix_markdown(page)
    assert page.read_text(encoding="utf-8") == BAD_PAGE


def test_zh_fields_of_data_are_checked_with_their_line(tmp_path: Path) -> None:
    data = write(
        tmp_path / "data/resources/x.yaml",
        "- id: a\n"
        "  description:\n"
        "    en: Fine in English,no rule here.\n"
        "    zh: 基于PyTorch的库\n"
        "  note:\n"
        "    zh: >-\n"
        "      第一句。\n"
        "      第二句。\n",
    )
    found = typography.lint([data])
    assert [(f.line, f.new) for f in found] == [(4, "基于 PyTorch 的库"), (6, "第一句。第二句。")]


def test_zh_labels_of_json_schemas_in_a_folder_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path / "data/schema/x.schema.json",
        '{\n  "labels": {\n    "cn": {"en": "Reachable", "zh": "中国大陆可正常访问GitHub"}\n'
        "  }\n}\n",
    )
    found = typography.lint([tmp_path / "data"])  # a folder, as the default paths are
    assert [(f.path, f.line, f.new) for f in found] == [
        (str(tmp_path / "data/schema/x.schema.json"), 3, "中国大陆可正常访问 GitHub")
    ]


# --- The issue-14 rules (Markdown, data, UI strings and rendered HTML) --------------------------


def rules_in(text: str, markup: str = "md") -> list[tuple[str, str]]:
    line = chinese_text.Line("docs/zh/x.md", 7, text)
    return [(f.rule, f.found) for f in typography.rule_findings(line, markup)]


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        # space-after-fullwidth
        ("- **让模型匹配数据的形状。** 像素", "md", [("space-after-fullwidth", "。** ")]),
        (
            "<li><strong>让模型匹配数据的形状。</strong> 像素</li>",
            "html",
            [
                ("space-after-fullwidth", "。</strong> "),
            ],
        ),
        ("第一步。 **像素**很重要", "md", [("space-after-fullwidth", "。 **")]),
        ("第一步。 <strong>像素</strong>", "md", [("space-after-fullwidth", "。 <strong>")]),
        ("- **让模型匹配数据的形状。**像素", "md", []),
        ("**输入 → 输出：**一个张量", "md", []),
        # italic-chinese
        ("我们先问*为什么*，再问怎么做。", "md", [("italic-chinese", "*为什么*")]),
        ("<p>我们先问<em>为什么</em>。</p>", "html", [("italic-chinese", "<em>为什么</em>")]),
        ("这是**重点**，见 *Deep Learning* 一书。", "md", []),
        ("- 列表项，不是斜体 * 号", "md", []),
        ("这是 _强调_ 文字。", "md", [("italic-chinese", "_强调_")]),  # <em> as well
        ("这是_强调_文字，snake_case_name，__粗体__。", "md", []),  # not emphasis there
        # halfwidth-in-chinese
        ("Raghu 和 Schmidt（2020）, arXiv:2003.11755", "text", [("halfwidth-in-chinese", "）,")]),
        ("动手学深度学习 (Dive into Deep Learning)", "md", [("halfwidth-in-chinese", "习 (")]),
        ("见[迁移学习](supervised-methods.md#transfer-learning)。", "md", []),
        ("用 f(x) 表示模型，Raghu 和 Schmidt（2020），arXiv", "md", []),
        # number-grouping
        (
            "ResNet-50 输出 2,048 维特征，共 44,732 张图像。",
            "md",
            [
                ("number-grouping", "2,048"),
                ("number-grouping", "44,732"),
            ],
        ),
        ("输出 2048 维特征，约 1000～5000 个碱基。", "md", []),
        ("See 1,000 examples.", "md", []),
        ("他说“共 1,000 条”。", "md", [("number-grouping", "1,000")]),  # quotes are prose
        # compound-dash
        (
            "编码器—解码器架构，基因–疾病关系",
            "md",
            [
                ("compound-dash", "器—解"),
                ("compound-dash", "因–疾"),
            ],
        ),
        ("第一步——我应该先试什么？编码器-解码器", "md", []),
    ],
)
def test_each_rule_flags_its_bad_input_and_passes_the_fix(text, markup, expected) -> None:
    assert rules_in(text, markup) == expected


def test_rules_skip_code_and_report_path_line(tmp_path: Path) -> None:
    page = write(
        tmp_path / "docs/zh/bad.md",
        "---\ntitle: 测试\n---\n\n- **第一条。** 然后\n\n`*代码*` 不算。\n\n```\n*斜体*\n```\n",
    )
    found = typography.lint_rules([page])
    assert [str(f).split("/docs/")[-1] for f in found] == [
        "zh/bad.md:5: space-after-fullwidth: found '。** ': "
        + typography.RULES["space-after-fullwidth"]
    ]


def test_rules_skip_an_html_comment_over_several_lines(tmp_path: Path) -> None:
    page = write(
        tmp_path / "docs/zh/x.md",
        "<!-- 一条备注：\n这是 *强调* 文字。\n-->\n正文：*斜体*。<!-- \n*备注* -->\n",
    )
    assert [(f.line, f.found) for f in typography.lint_rules([page])] == [(4, "*斜体*")]


def test_a_comment_opener_in_inline_code_hides_no_later_line(tmp_path: Path) -> None:
    page = write(
        tmp_path / "docs/zh/x.md", "在页面里写 `<!--` 开始一条注释。\n\n这是 *强调* 文字。\n"
    )
    assert [(f.line, f.found) for f in typography.lint_rules([page])] == [(3, "*强调*")]


def test_an_open_comment_in_a_data_field_hides_no_later_field(tmp_path: Path) -> None:
    """A ``<!--`` opens a comment over several lines on a page only, not in a YAML value."""
    text = "- a:\n    zh: 写 <!-- 开头\n- b:\n    zh: 正文：*斜体*。\n"
    data = write(tmp_path / "data/x.yaml", text)
    assert [(f.line, f.found) for f in typography.lint_rules([data])] == [(4, "*斜体*")]


def test_rules_run_on_data_zh_fields(tmp_path: Path) -> None:
    data = write(
        tmp_path / "data/x.yaml", "- summary:\n    en: a, b\n    zh: 用编码器—解码器，共 1,000 条\n"
    )
    assert [(f.line, f.rule) for f in typography.lint_rules([data])] == [
        (3, "number-grouping"),
        (3, "compound-dash"),
    ]


def test_html_lint_reads_the_article_only(tmp_path: Path) -> None:
    write(
        tmp_path / "site/zh/x/index.html",
        "<html><nav>导航。</strong> 不算</nav>\n<article>\n<h1>标题</h1>\n"
        "<p>第一句。</strong> 像素</p>\n<pre><code>*代码*, 1,000</code></pre>\n"
        '<td>x<span class="glossary__avoid">不要写：编码器—解码器</span></td>\n</article></html>\n',
    )
    found = typography.lint_html(tmp_path / "site", tmp_path)
    assert [(f.path, f.line, f.rule) for f in found] == [
        ("site/zh/x/index.html", 4, "space-after-fullwidth")
    ]


def test_cli_report_mode_counts_and_passes(tmp_path: Path, capsys) -> None:
    page = write(tmp_path / "bad.md", "---\ntitle: 测试\n---\n\n共 1,000 条。\n")
    assert typography.main(["check", str(page)]) == 1
    assert typography.main(["check", "--report", str(page)]) == 0
    assert "findings per file:" in capsys.readouterr().out


def test_ui_strings_follow_the_rules() -> None:
    found = typography.lint_rules([], ui=True)
    assert [str(f) for f in found] == []


def test_the_site_source_follows_the_issue_14_rules() -> None:
    assert [str(f) for f in typography.lint_rules(typography.DEFAULT_PATHS, ui=True)] == []


def test_built_chinese_pages_are_linted_and_the_survey_line_is_fixed(site: dict) -> None:
    """The per-page survey line comes from a template: only the rendered page shows it."""
    intro = (site["dir"] / "zh/introduction/index.html").read_text(encoding="utf-8")
    assert "Raghu 和 Schmidt（2020），arXiv:2003.11755" in intro
    found = typography.lint_html(site["dir"], site["root"])
    assert not [f for f in found if "Schmidt" in f.found or "arXiv" in f.found]
    assert all(f.path.startswith("dl4sci/zh/") for f in found)


def test_built_chinese_pages_follow_the_issue_14_rules(site: dict) -> None:
    assert [str(f) for f in typography.lint_html(site["dir"], site["root"])] == []


def test_a_path_that_is_not_there_is_one_problem(tmp_path: Path, capsys) -> None:
    assert typography.main(["check", str(tmp_path / "nope.md")]) == 1
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'nope.md'}:1: file: no such file")

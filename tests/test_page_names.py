"""scripts/lint/page_names.py: one Chinese name per page, taken from the nav, and the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.lint import page_names

ROOT = Path(__file__).resolve().parent.parent

# CONVENTIONS.md (issue 14): the canonical Chinese page names.
CANONICAL = {
    "introduction.md": "引言",
    "high-level.md": "总体考量",
    "workflow.md": "深度学习工作流程",
    "resources/index.md": "软件库与资源",
    "models-and-tasks.md": "标准模型与任务",
    "supervised-methods.md": "关键的监督学习方法",
    "less-data.md": "标注有限时的深度学习",
    "interpretability.md": "可解释性、模型检查与表示分析",
    "advanced-methods.md": "进阶方法",
    "implementation-tips.md": "实践建议",
    "conclusion.md": "结语与延伸阅读",
    "start.md": "从哪里开始？",
    "glossary.md": "术语表",
    "references.md": "参考文献",
    "about.md": "关于本站",
    "resources/all.md": "全部资源",
}

MKDOCS = """\
site_name: Test
nav:
  - Home: index.md
  - The survey:
      - 6 Doing more with less data: less-data.md
      - 3 Libraries:
          - resources/index.md
          - All resources: resources/all.md
      - 9 Implementation tips: implementation-tips.md
      - 10 Conclusion: conclusion.md
  - About: about.md
plugins:
  - search:
      separator: !ENV [X, "y"]
  - i18n:
      languages:
        - locale: en
          name: English
          default: true
        - locale: zh
          name: 中文
          nav_translations:
            Home: 首页
            6 Doing more with less data: 6 用更少的标注数据做更多
            3 Libraries: 3 软件库与资源
            All resources: 全部资源
            9 Implementation tips: 9 实践建议
            10 Conclusion: 10 结语
            About: 关于本站
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page(title: str, body: str, section: str = "") -> str:
    extra = f'survey_section: "{section}"\n' if section else ""
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "mkdocs.yml", MKDOCS)
    write(tmp_path / "data/page-names.yaml", "implementation-tips.md: [实施建议, 实现技巧]\n")
    for name, title, section in [
        ("less-data.md", "用更少的标注数据做更多", "6"),
        ("implementation-tips.md", "实践建议", "9"),
        ("conclusion.md", "结语", "10"),
        ("resources/index.md", "软件库与资源", "3"),
        ("resources/all.md", "全部资源", "3"),
        ("index.md", "科学发现中的深度学习导读", ""),
    ]:
        write(tmp_path / "docs/zh" / name, page(title, "正文。", section))
    return tmp_path


def found(site: Path) -> list[str]:
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert names.problems == ()
    return page_names.problems(names, site / "docs", frozenset({"迁移学习"}))


def test_real_names_come_from_the_navigation_and_match_the_conventions() -> None:
    names = page_names.load()
    assert names.problems == ()
    assert {page: names.names[page] for page in CANONICAL} == CANONICAL


def test_names_strip_section_numbers_and_name_section_index_pages(site: Path) -> None:
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml").names
    assert names["less-data.md"] == "用更少的标注数据做更多"
    assert names["resources/index.md"] == "软件库与资源"


def test_untranslated_nav_label_is_reported(site: Path) -> None:
    write(site / "mkdocs.yml", MKDOCS.replace("            10 Conclusion: 10 结语\n", ""))
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert any("'10 Conclusion' (conclusion.md) has no Chinese label" in p for p in names.problems)


def test_a_nav_entry_without_its_chinese_label_is_reported_at_its_line(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the entry's line of mkdocs.yml, and with no follow-on problem: the page's aliases in
    data/page-names.yaml still name a page of the nav."""
    monkeypatch.chdir(site)
    text = MKDOCS.replace("- 9 Implementation tips:", "- 9 Implementation hints:")
    write(site / "mkdocs.yml", text.replace("  - About: about.md", "  - about.md"))
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert names.problems == (
        "mkdocs.yml:9: nav: '9 Implementation hints' (implementation-tips.md) has no Chinese label",
        "mkdocs.yml:11: nav: about.md has no label to translate",
    )


def test_bad_aliases_file_is_reported(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)  # as MkDocs runs: paths are shown relative to the project
    write(
        site / "data/page-names.yaml", "implementation-tips.md: 实施建议\nnot-a-page.md: [某页]\n"
    )
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert "data/page-names.yaml:1: implementation-tips.md: expected a list, got text" in (
        names.problems
    )
    write(site / "data/page-names.yaml", "# names\nnot-a-page.md: [某个页面]\nNotes.txt: [x]\n")
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert "data/page-names.yaml:3: Notes.txt: 'Notes.txt' is not a page of docs/zh/ like " in (
        "\n".join(names.problems)
    )
    write(site / "data/page-names.yaml", "# names\nnot-a-page.md: [某个页面]\n")
    names = page_names.load(site / "mkdocs.yml", site / "data/page-names.yaml")
    assert "data/page-names.yaml:2: not-a-page.md: not a page of the nav" in names.problems
    # The check still runs (a name for no page is not one of its aliases).
    assert page_names.problems(names, site / "docs") == list(names.problems)


def test_clean_site_passes(site: Path) -> None:
    write(
        site / "docs/zh/about.md",
        page(
            "关于本站",
            "见[实践建议](implementation-tips.md)、[“结语”一页](conclusion.md)、"
            "[迁移学习](less-data.md)、[资源目录](resources/index.md)，"
            "以及[如何划分数据](implementation-tips.md#split)。"
            "综述第 6 节（用更少的标注数据做更多）。",
        ),
    )
    assert found(site) == []


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("实践建议", True),
        ("实践建议：从数据到算力", True),
        ("实施建议", False),
        ("实践建议与清单", False),
    ],
)
def test_page_title_is_the_name_or_the_name_and_a_subtitle(
    site: Path, title: str, ok: bool
) -> None:
    write(site / "docs/zh/implementation-tips.md", page(title, "正文。", "9"))
    assert (found(site) == []) is ok


def test_a_wrong_title_is_reported_at_its_line(site: Path) -> None:
    text = page("实施建议", "正文。", "9").replace("---\n", "---\n# a comment\nhide: [toc]\n", 1)
    write(site / "docs/zh/implementation-tips.md", text)
    assert found(site) == [
        "docs/zh/implementation-tips.md:4: page-name: found title '实施建议', use '实践建议' "
        "(or 实践建议：subtitle)"
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("见[实现技巧](implementation-tips.md)。", "found '实现技巧' for implementation-tips.md"),
        ("见[结论](conclusion.md)。", "found '结论' for conclusion.md, use '结语'"),
        (
            "见[实施建议](implementation-tips.md#x)一节。",
            "found '实施建议' for implementation-tips.md",
        ),
        ("见[用更少的数据做更多的事](less-data.md)。", "use '用更少的标注数据做更多'"),
        ("见[资源](resources/index.md)。", "found '资源' for resources/index.md"),
        ("详见实施建议一页。", "found '实施建议' for implementation-tips.md"),
        ("综述第 9 节（实现技巧）。", "found '实现技巧' for section 9 (implementation-tips.md)"),
    ],
)
def test_other_names_are_reported_with_path_and_line(site: Path, body: str, message: str) -> None:
    write(site / "docs/zh/about.md", page("关于本站", body))
    problems = found(site)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/zh/about.md:5: page-name: ")
    assert message in problems[0]


def test_links_to_a_section_may_be_phrases_and_short_words_are_not_names(site: Path) -> None:
    body = "先读[怎样在训练前发现泄漏](implementation-tips.md#leakage)。我们得出结论：可行。"
    write(site / "docs/zh/about.md", page("关于本站", body))
    assert found(site) == []


def test_cli_fails_on_findings_and_report_mode_does_not(site: Path, capsys) -> None:
    write(site / "docs/zh/about.md", page("关于本站", "见[结论](conclusion.md)。"))
    args = ["check", "--docs", str(site / "docs"), "--mkdocs", str(site / "mkdocs.yml")]
    assert page_names.main(args) == 1
    assert page_names.main([*args, "--report"]) == 0
    out = capsys.readouterr().out
    assert "docs/zh/about.md:5: page-name: found '结论'" in out
    assert "findings per file:" in out


def test_real_chinese_pages_use_one_name_per_page() -> None:
    names = page_names.load()
    assert page_names.problems(names, ROOT / "docs", page_names.glossary_terms()) == []

"""scripts/typography.py: Chinese spacing and punctuation in docs/zh/ and the zh fields of data/."""

from __future__ import annotations

from pathlib import Path

from scripts import typography

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
    assert [str(f) for f in typography.lint(typography.default_paths())] == []


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

"""An English page without a Chinese twin appears on the Chinese site with a Chinese notice."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_site, copy_project


def test_missing_twin_falls_back_with_a_visible_notice(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "draft.md").write_text(
        "---\ntitle: A draft\ndescription: A page written in English only.\n---\n\n"
        "## Only in English { #only-in-english }\n\nThis text has no translation yet.\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(site, "http://127.0.0.1:1/", project=project, strict=False)
    zh = (site / "zh" / "draft" / "index.html").read_text(encoding="utf-8")
    assert "This text has no translation yet." in zh
    assert "本页尚未翻译成中文" in zh
    en = (site / "draft" / "index.html").read_text(encoding="utf-8")
    assert "本页尚未翻译成中文" not in en
    translated = (site / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    assert "本页尚未翻译成中文" not in translated

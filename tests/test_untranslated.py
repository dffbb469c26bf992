"""An English page without a Chinese twin appears on the Chinese site with a Chinese notice
(in the variant build, tests/helpers.py)."""

from __future__ import annotations

from tests.helpers import DRAFT, DRAFT_TEXT


def test_missing_twin_falls_back_with_a_visible_notice(variant: dict) -> None:
    site = variant["dir"]
    page = DRAFT.removesuffix(".md")
    zh = (site / "zh" / page / "index.html").read_text(encoding="utf-8")
    assert DRAFT_TEXT in zh
    assert "本页尚未翻译成中文" in zh
    en = (site / page / "index.html").read_text(encoding="utf-8")
    assert "本页尚未翻译成中文" not in en
    translated = (site / "zh" / "introduction" / "index.html").read_text(encoding="utf-8")
    assert "本页尚未翻译成中文" not in translated

"""An English page without a Chinese twin appears on the Chinese site with a Chinese notice
(in the variant build, tests/helpers.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.helpers import DRAFT, DRAFT_TEXT, DRAFT_TITLE


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


def test_the_stand_in_page_keeps_its_own_language_and_its_title_is_text(variant: dict) -> None:
    """On the Chinese site the English text is marked English and cites in English (not
    "（Raghu 和 Schmidt，2020）" inside an English sentence); a title's markup is shown, not run."""
    page = DRAFT.removesuffix(".md")
    for prefix in ("", "zh/"):
        html = (variant["dir"] / f"{prefix}{page}/index.html").read_bytes()
        soup = BeautifulSoup(html, "html.parser")
        article = soup.select_one("article")
        assert article is not None
        assert [h1.get_text() for h1 in article.select("h1")] == [DRAFT_TITLE]
        text = next(p for p in article.select("p") if "Where to start" in p.get_text())
        assert "Where to start (Raghu and Schmidt, 2020)." in text.get_text(), prefix
        assert text.find_parent(lambda tag: tag.has_attr("lang"))["lang"] == "en", prefix

"""scripts/build/search_index.py: one index per language from the mixed index."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts import hooks
from scripts.build.search_index import split_entries, write_split

MIXED = {
    "config": {"lang": ["en", "zh"], "separator": "[\\s\\u200b]+"},
    "docs": [
        {"location": "", "title": "Home", "text": "deep learning"},
        {"location": "about/#licence", "title": "Licence", "text": "CC BY"},
        {"location": "zh/", "title": "首页", "text": "深度学习"},
        {"location": "zh/about/#licence", "title": "许可", "text": "署名"},
        {
            "location": "zhuangzi/",
            "title": "Not Chinese",
            "text": "a page whose name starts with zh",
        },
    ],
}


def test_split_moves_chinese_entries_under_their_root() -> None:
    split = split_entries(MIXED, ["en", "zh"])
    assert [d["location"] for d in split["en"]["docs"]] == ["", "about/#licence", "zhuangzi/"]
    assert [d["location"] for d in split["zh"]["docs"]] == ["", "about/#licence"]
    assert split["zh"]["config"] == MIXED["config"]


def test_write_split_rewrites_the_site(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MIXED), encoding="utf-8")
    assert write_split(tmp_path, ["en", "zh"]) == {"en": 3, "zh": 2}
    zh = json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["docs"][0]["title"] == "首页"


def test_the_default_language_is_the_one_marked_default_not_the_first_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mkdocs.yml may list zh before en: the root index is still the default language's."""
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(MIXED), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    listed = [
        SimpleNamespace(locale="zh", default=False),
        SimpleNamespace(locale="en", default=True),
    ]
    i18n = SimpleNamespace(
        building=False, default_language="en", config=SimpleNamespace(languages=listed)
    )
    monkeypatch.setattr(hooks.exports, "site_info", lambda *_args: None)  # not tested here
    monkeypatch.setattr(hooks.exports, "write_site", lambda *_args: None)
    hooks.on_post_build(SimpleNamespace(plugins={"i18n": i18n}, site_dir=str(tmp_path)))
    root = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["title"] for doc in root["docs"]] == ["Home", "Licence", "Not Chinese"]
    assert (tmp_path / "zh" / "sitemap.xml").is_file()

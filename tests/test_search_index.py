"""scripts/build/search_index.py: one index per language from the mixed index."""

from __future__ import annotations

import json
from pathlib import Path

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

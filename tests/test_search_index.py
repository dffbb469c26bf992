"""scripts/build/theme.py's search split: one index per language from the mixed index; on the built
Chinese index, every glossary term and its parts find every page using them (tests/search_model.py
follows the theme's browser search)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts import hooks
from scripts.build.theme import PARTS_FIELD, split_entries, word_endings, write_split
from scripts.data.glossary import CJK_ONLY_RE, load_glossary, lunr_stop_words
from tests.search_model import missed, pages_using, uses

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
        SimpleNamespace(locale="zh", default=False, build=True),
        SimpleNamespace(locale="en", default=True, build=True),
    ]
    i18n = SimpleNamespace(
        building=False, default_language="en", config=SimpleNamespace(languages=listed)
    )
    monkeypatch.setattr(hooks.exports, "write_site", lambda *_args: None)  # not tested here
    hooks.on_post_build(SimpleNamespace(plugins={"i18n": i18n}, site_dir=str(tmp_path)))
    root = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["title"] for doc in root["docs"]] == ["Home", "Licence", "Not Chinese"]
    assert (tmp_path / "zh" / "sitemap.xml").is_file()


# --- The Chinese index: compounds found by their parts -----------------------------------------


def test_word_endings_are_the_later_parts_of_long_words() -> None:
    text = "用于\u200b逆折叠\u200b的\u200b图神经网络\u200b和\u200b神经网络"
    endings = word_endings(text)
    assert "网络" in endings and "经网络" in endings and "折叠" in endings
    assert "神经网络" not in endings  # already a word of the text
    assert all(len(e) >= 2 for e in endings)


def test_parts_are_a_hidden_field_of_the_chinese_index_only(tmp_path: Path) -> None:
    mixed = {
        "config": {"lang": ["en", "zh"], "separator": "[\\s\\u200b]+", "fields": {"text": {}}},
        "docs": [
            {"location": "", "title": "Home", "text": "graph neural network"},
            {"location": "zh/", "title": "首页", "text": "图神经网络"},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(mixed), encoding="utf-8")
    write_split(tmp_path, ["en", "zh"])
    en = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh = json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert PARTS_FIELD not in en["config"]["fields"] and PARTS_FIELD not in en["docs"][0]
    assert PARTS_FIELD in zh["config"]["fields"]
    assert zh["docs"][0]["text"] == "图神经网络"  # what the preview shows is unchanged
    assert zh["docs"][0][PARTS_FIELD].split() == ["神经网络", "经网络", "网络"]


def chinese_words() -> list[str]:
    """Glossary terms, their later parts at jieba's word boundaries (图神经网络 -> 神经网络), and
    everyday words of the field pages. Parts with a stop word of the theme's search in them are
    phrases, not words a reader looks up (训练的模型 of 预训练的模型): left out."""
    import jieba

    words = set(EVERYDAY) | {"自监督", "监督学习", "细胞", "语言模型"}
    stop = lunr_stop_words()
    for term in load_glossary().terms:
        for form in term.zh_forms:
            if not CJK_ONLY_RE.match(form):
                continue
            words.add(form)
            pieces = jieba.lcut(form, HMM=False)
            for start in range(1, len(pieces)):
                ending = pieces[start:]
                if len("".join(ending)) >= 2 and not stop.intersection(ending):
                    words.add("".join(ending))
    return sorted(words)


EVERYDAY = ["单细胞", "蛋白质结构", "天气预报", "病理", "分子", "神经科学"]


@pytest.fixture(scope="module")
def zh_index(site: dict) -> dict:
    return json.loads((site["dir"] / "zh/search/search_index.json").read_text(encoding="utf-8"))


def test_a_chinese_word_finds_every_page_using_it(zh_index: dict) -> None:
    """Data-level twin of the browser test, for every glossary term and its parts."""
    words = chinese_words()
    assert len(words) > 300
    for word in EVERYDAY + ["神经网络", "自监督"]:
        assert pages_using(zh_index, word), f"no page uses {word}: pick another sample"
    assert missed(zh_index, words) == {}


def test_a_reader_use_is_a_word_not_a_cut_across_two() -> None:
    assert uses("用于\u200b图神经网络", "神经网络")  # inside one word
    assert uses("做法\u200b是\u200b自\u200b监督\u200b预训练", "自监督")  # whole words
    assert not uses("部署\u200b之后\u200b继续", "后继")  # cut out of two words
    assert not uses("部署\u200b之后\u200b继续", "后继续")


def test_the_parts_keep_the_chinese_index_small(zh_index: dict, site: dict) -> None:
    path = site["dir"] / "zh/search/search_index.json"
    without = {
        **zh_index,
        "docs": [{k: v for k, v in doc.items() if k != PARTS_FIELD} for doc in zh_index["docs"]],
    }
    plain = len(json.dumps(without, ensure_ascii=False, separators=(",", ":")).encode())
    assert path.stat().st_size < plain * 1.10, (path.stat().st_size, plain)
    assert not [d["location"] for d in zh_index["docs"] if d["location"].startswith("zh/")]
    english = json.loads((site["dir"] / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in english["docs"] if PARTS_FIELD in d]


def test_a_language_left_without_entries_stops_the_build(tmp_path: Path) -> None:
    """If the plugin ever splits the index itself, the root index holds one language only and
    the split would write an empty Chinese index without a word: the build stops instead."""
    from mkdocs.exceptions import PluginError

    from scripts.build.theme import finish_site

    (tmp_path / "search").mkdir()
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "about/", "title": "A", "text": ""}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    with pytest.raises(PluginError, match=r"without entries: \{'en': 1, 'zh': 0\}"):
        finish_site(tmp_path, ["en", "zh"], serving=True)

"""scripts/data/glossary.py: the glossary data, the term lint (bad renderings, twin pages), the
search dictionary and the rendered table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.data import glossary, markdown_reader, site_data
from scripts.lint import chinese_text, terms
from scripts.render import glossary as glossary_render
from scripts.render import page as page_markers

ROOT = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def real() -> glossary.Glossary:
    return glossary.load_glossary()


# --- The data -----------------------------------------------------------------------------------


def test_glossary_is_valid(real: glossary.Glossary) -> None:
    assert real.problems == ()


def test_glossary_covers_every_survey_section(real: glossary.Glossary) -> None:
    assert len(real.terms) >= 60
    covered = {section for term in real.terms for section in term.sections}
    assert covered == {str(n) for n in range(1, 11)}


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("spectral clustering", "谱聚类"),
        ("self-supervised learning", "自监督学习"),
        ("convolutional neural network", "卷积神经网络"),
        ("transfer learning", "迁移学习"),
        ("multilayer perceptron", "多层感知机"),
        ("normalizing flow", "标准化流"),
        ("Hugging Face", "Hugging Face"),
    ],
)
def test_seed_terms_keep_their_chinese(real: glossary.Glossary, en: str, zh: str) -> None:
    assert {t.en: t.zh for t in real.terms}[en] == zh


def avoided(real: glossary.Glossary, en: str) -> set[str]:
    return {variant.text for variant in {t.en: t for t in real.terms}[en].avoid}


def test_known_bad_renderings_are_listed(real: glossary.Glossary) -> None:
    assert "SVD 聚类" in avoided(real, "spectral clustering")
    assert {"遮盖", "掩膜"} <= avoided(real, "mask")
    assert "遮盖语言模型" in avoided(real, "masked language model")
    assert "伪标注" in avoided(real, "pseudo-labelling")
    assert "精度" in avoided(real, "accuracy")


def test_a_nickname_is_not_an_error(real: glossary.Glossary) -> None:
    """抱抱脸 is a common nickname, not a mistranslation: documented, not flagged."""
    hugging_face = {t.en: t for t in real.terms}["Hugging Face"]
    assert not hugging_face.avoid
    assert "抱抱脸" in hugging_face.notes["zh"]


def test_spectral_clustering_note_blames_the_translation_not_the_survey(real) -> None:
    notes = {t.en: t for t in real.terms}["spectral clustering"].notes
    assert "translation" in notes["en"] and "spectral clustering" in notes["en"]
    assert "译本" in notes["zh"]


def test_zh_accept_does_not_accept_looser_words(real: glossary.Glossary) -> None:
    accept = {t.en: t.zh_accept for t in real.terms}
    assert "语言模型" not in accept["large language model"]
    assert "大模型" not in accept["large language model"]
    assert "预训练" not in accept["pretrained model"]
    assert "模拟" not in accept["simulator"]


def test_review_terms_are_locked(real: glossary.Glossary) -> None:
    zh = {t.en: t.zh for t in real.terms}
    expected = {
        "accuracy": "准确率",
        "mask": "掩码",
        "masked language model": "掩码语言模型",
        "motif": "基序",
        "latent space": "隐空间",
        "held-out": "留出",
        "minibatch": "小批量",
        "backbone": "骨干网络",
        "token": "词元",
        "one-hot encoding": "独热编码",
        "sanity check": "健全性检验",
        "encoder-decoder": "编码器-解码器",
        "model hub": "模型平台",
        "model zoo": "模型库",
        "architecture": "架构",
        "pull request": "拉取请求",
        "licence": "许可协议",
        "notebook": "notebook",
    }
    assert {en: zh[en] for en in expected} == expected


def test_bad_glossary_reports_file_line_field(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "glossary.yaml",
        "- en: deep learning\n"
        "  zh: 深度学习\n"
        '  sections: ["1"]\n'
        "- en: Deep Learning\n"
        "  zh: 深度学习法\n"
        '  sections: ["1"]\n'
        "- en: neural network\n"
        '  sections: ["11"]\n'
        "- en: attention\n"
        "  zh: 注意力机制\n"
        '  sections: ["4"]\n'
        "  see: models-and-tasks.md#no-such-heading\n"
        "  avoid: [注意力, {text: 精度, unless: [混合精度, 准确率]}]\n",
    )
    found = glossary.load_glossary(bad, ROOT / "docs").problems
    text = "\n".join(found)
    assert re.search(
        r"glossary\.yaml:4: en: 'Deep Learning' is already a term \('deep learning', line 1\)", text
    )
    assert re.search(r"glossary\.yaml:7: zh: missing required field", text)
    assert re.search(
        r"glossary\.yaml:8: sections\[0\]: unknown value '11' \(expected one of: 1,", text
    )
    assert re.search(r"glossary\.yaml:12: see: docs/en/models-and-tasks\.md has no heading", text)
    assert re.search(r"glossary\.yaml:13: avoid: '注意力' is part of the accepted term", text)
    assert re.search(r"glossary\.yaml:13: avoid: context '准确率' does not contain '精度'", text)


def test_cross_checks_name_the_line_of_the_field(tmp_path: Path) -> None:
    """A Chinese form or a rendering to avoid is reported at its own line, not its entry's."""
    text = (
        '- en: simulator\n  zh: 模拟器\n  sections: ["8"]\n'
        '- en: emulator\n  zh: 仿真\n  sections: ["4"]\n'
        "  zh_accept:\n    - 仿真器\n    - 模拟器\n"
        "  avoid:\n    - 仿真\n    - text: 仿\n      unless:\n        - 仿真\n        - 模拟\n"
    )
    found = glossary.load_glossary(write(tmp_path / "g.yaml", text)).problems
    assert [p.split(": ", 2)[:2] for p in found] == [
        [f"{tmp_path / 'g.yaml'}:9", "zh_accept"],  # 模拟器, the simulator's
        [f"{tmp_path / 'g.yaml'}:11", "avoid"],  # 仿真 is the term itself
        [f"{tmp_path / 'g.yaml'}:15", "avoid"],  # the context 模拟 does not contain 仿
    ]


DUPLICATES = """\
- en: flow matching
  zh: 流匹配
  after_survey: 2022
- en: Flow-matching
  zh: 流匹配法
  after_survey: 2022
- en: simulator
  zh: 模拟器
  sections: ["8"]
  zh_accept: [仿真器]
- en: emulator
  zh: 仿真器
  sections: ["4"]
- en: held-out
  zh: 留出
  sections: ["9"]
- en: held-out set
  zh: 留出
  sections: ["9"]
"""


def test_duplicate_terms_fail_with_both_places(tmp_path: Path) -> None:
    found = glossary.load_glossary(write(tmp_path / "g.yaml", DUPLICATES)).problems
    text = "\n".join(found)
    assert "g.yaml:4: en: 'Flow-matching' is already a term ('flow matching', line 1)" in text
    assert "g.yaml:12: zh: '仿真器' is already the Chinese of 'simulator' (line 7)" in text
    assert "g.yaml:18: zh: '留出' is already the Chinese of 'held-out' (line 14)" in text
    assert len(found) == 3, found


def test_a_shared_chinese_word_is_allowed_when_documented(tmp_path: Path) -> None:
    shared = DUPLICATES.split("- en: held-out\n")[0].split("- en: simulator\n")[1]
    text = "- en: simulator\n" + shared.replace(
        '  sections: ["4"]\n',
        '  sections: ["4"]\n  zh_shared_with: [simulator]\n  notes: {en: Why., zh: 原因。}\n',
    )
    assert glossary.load_glossary(write(tmp_path / "g.yaml", text)).problems == ()
    undocumented = text.replace("  notes: {en: Why., zh: 原因。}\n", "")
    found = glossary.load_glossary(write(tmp_path / "g.yaml", undocumented)).problems
    assert any("notes" in p for p in found), found


def test_a_shared_chinese_word_is_allowed_when_the_earlier_term_names_the_later(
    tmp_path: Path,
) -> None:
    shared = DUPLICATES.split("- en: held-out\n")[0].split("- en: simulator\n")[1]
    text = "- en: simulator\n" + shared.replace(
        "  zh_accept: [仿真器]\n",
        "  zh_accept: [仿真器]\n  zh_shared_with: [emulator]\n  notes: {en: Why., zh: 原因。}\n",
    )
    assert glossary.load_glossary(write(tmp_path / "g.yaml", text)).problems == ()


def test_site_only_is_a_third_kind_of_term(tmp_path: Path) -> None:
    text = "- en: active learning\n  zh: 主动学习\n  site_only: true\n"
    terms = glossary.load_glossary(write(tmp_path / "g.yaml", text))
    assert terms.problems == () and terms.terms[0].site_only
    en = glossary_render.render_table(terms, "en", "glossary.md", "https://e/")
    zh = glossary_render.render_table(terms, "zh", "glossary.md", "https://e/")
    assert '<td data-value="12">not in the survey</td>' in en
    assert '<td data-value="12">综述未涉及</td>' in zh
    for extra in ('  sections: ["6"]\n', "  after_survey: 2021\n"):
        found = glossary.load_glossary(write(tmp_path / "g.yaml", text + extra)).problems
        assert any("exactly one of sections" in p for p in found), found
    found = glossary.load_glossary(write(tmp_path / "g.yaml", text.replace("true", "false")))
    assert any("site_only" in p for p in found.problems), found.problems


def test_related_sections_are_the_sites_reading_not_the_surveys(tmp_path: Path) -> None:
    text = '- en: calcium imaging\n  zh: 钙成像\n  related: ["4", "7"]\n'
    terms = glossary.load_glossary(write(tmp_path / "g.yaml", text))
    assert terms.problems == () and terms.terms[0].related == ("4", "7")
    assert not terms.terms[0].sections
    en = glossary_render.render_table(terms, "en", "glossary.md", "https://e/")
    zh = glossary_render.render_table(terms, "zh", "glossary.md", "https://e/")
    assert '<td data-value="4">related: 4, 7</td>' in en
    assert '<td data-value="4">相关章节：4、7</td>' in zh
    found = glossary.load_glossary(write(tmp_path / "g.yaml", text + '  sections: ["4"]\n'))
    assert any("exactly one of sections" in p for p in found.problems), found.problems


def test_unchecked_field_terms_claim_only_related_sections(real: glossary.Glossary) -> None:
    """Field terms nobody has found in the survey's text (its sections 4-10 are not available
    to us) say "related", not that the survey discusses them."""
    by_en = {t.en: t for t in real.terms}
    for en in ("neural operator", "calcium imaging", "reanalysis", "inverse folding", "motif"):
        assert by_en[en].related and not by_en[en].sections, en


def test_terms_the_survey_does_not_discuss_are_site_only(real: glossary.Glossary) -> None:
    by_en = {t.en: t for t in real.terms}
    for en in ("few-shot learning", "active learning", "meta-learning", "prototypical network"):
        assert by_en[en].site_only and not by_en[en].sections, en


# --- The term lint ------------------------------------------------------------------------------


SMALL_GLOSSARY = """\
- en: Hugging Face
  zh: Hugging Face
  sections: ["3"]
  avoid: [拥抱面孔]
- en: spectral clustering
  zh: 谱聚类
  sections: ["2"]
  avoid: [SVD 聚类]
- en: accuracy
  zh: 准确率
  sections: ["9"]
  en_match: []
  avoid:
    - text: 精度
      unless: [混合精度, 化学精度]
- en: minibatch
  zh: 小批量
  sections: ["9"]
  en_match: []
  avoid:
    - text: 批次
      unless: [批次效应, 按批次]
- en: fine-tuning
  zh: 微调
  sections: ["5"]
  en_match: []
  avoid:
    - text: 微调一点
      use: 调整一小步
- en: mask
  zh: 掩码
  sections: ["4"]
  en_match: []
  avoid: [遮盖]
- en: masked language model
  zh: 掩码语言模型
  sections: ["4"]
  en_match: []
  avoid: [遮盖语言模型]
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small docs/ and data/ tree, with a two-term glossary, to break on purpose."""
    write(tmp_path / "data/glossary.yaml", SMALL_GLOSSARY)
    write(
        tmp_path / "docs/en/methods.md",
        "---\ntitle: Methods\n---\n\nUse spectral clustering first.\n",
    )
    write(tmp_path / "docs/zh/methods.md", "---\ntitle: 方法\n---\n\n先试试谱聚类。\n")
    write(
        tmp_path / "data/resources/x.yaml",
        "- description:\n    en: Hugging Face\n    zh: Hugging Face 的模型\n",
    )
    return tmp_path


def test_ui_strings_have_no_bad_renderings(real: glossary.Glossary) -> None:
    found = [
        line
        for line in chinese_text.ui_lines()
        if terms.find_avoided(real, markdown_reader.without_code_spans(line.text))
    ]
    assert found == []


def test_real_pages_have_no_bad_renderings(real: glossary.Glossary) -> None:
    assert terms.avoid_problems(real, ROOT / "docs", ROOT / "data") == []


def test_real_pages_use_the_glossary_terms(real: glossary.Glossary) -> None:
    assert terms.twin_problems(real, ROOT / "docs") == []


def cli(site: Path, *extra: str) -> int:
    docs, data = str(site / "docs"), str(site / "data")
    return terms.main(
        ["check", *extra, "--docs", docs, "--data", data, "--glossary", f"{data}/glossary.yaml"]
    )


def small(site: Path) -> glossary.Glossary:
    return glossary.load_glossary(site / "data/glossary.yaml", site / "docs")


def test_bad_renderings_in_a_chinese_page_fail_with_path_line(site: Path) -> None:
    write(
        site / "docs/zh/bad.md",
        "---\ntitle: 坏页面\n---\n\n模型都在拥抱面孔上。\n\n我们用 SVD 聚类分组。\n\n"
        "```python\n# 代码里的拥抱面孔不算\n```\n",
    )
    found = terms.avoid_problems(small(site), site / "docs", site / "data")
    assert [re.sub(r"^.*?docs/", "docs/", p) for p in found] == [
        "docs/zh/bad.md:5: Hugging Face: found '拥抱面孔', use 'Hugging Face'",
        "docs/zh/bad.md:7: spectral clustering: found 'SVD 聚类', use '谱聚类'",
    ]
    assert cli(site) == 1
    assert cli(site, "--report") == 0


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("随机掩盖 15% 的词元。", ["掩盖"]),
        ("用掩膜选出细胞，再用遮罩去掉背景。", ["掩膜", "遮罩"]),
        ("部分原子被遮盖的分子。", ["遮盖"]),
        ("平均值会掩盖批次之间的差异。", []),  # everyday "hide", not the ML mask
        ("一个好看的总分可能掩盖数据泄漏，也会掩盖问题。", []),
        ("对 75% 的图块做掩码，再重建被掩码的部分。", []),
        ("遮挡法在图像上滑动一个灰色方块。", []),  # occlusion, a different idea
    ],
)
def test_mask_is_one_word(real: glossary.Glossary, text: str, flagged: list[str]) -> None:
    found = terms.find_avoided(real, text)
    assert [word for term, _variant, word in found if term.en == "mask"] == flagged


def test_literal_translations_of_names_fail(site: Path, capsys) -> None:
    write(
        site / "docs/zh/names.md",
        "---\ntitle: 名称\n---\n\n深度思维和开放人工智能都发布了模型。\n\n"
        "模型放在抱抱脸上，也就是 Hugging Face；Meta 的模型也在。\n\n元学习和元数据不算。\n",
    )
    assert cli(site) == 1
    out = capsys.readouterr().out
    assert "docs/zh/names.md:5: DeepMind: found '深度思维', use 'DeepMind'" in out
    assert "docs/zh/names.md:5: OpenAI: found '开放人工智能', use 'OpenAI'" in out
    assert "names.md:7" not in out and "names.md:9" not in out  # a nickname; 元 in other words


def test_real_names_file_is_valid_and_documents_the_nickname() -> None:
    names = glossary.load_names()
    assert names.problems == ()
    by_name = {n.en: n for n in names.terms}
    assert "深度思维" in {v.text for v in by_name["DeepMind"].avoid}
    assert "抱抱脸" in by_name["Hugging Face"].zh_accept


def test_bad_names_file_is_reported(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "names.yaml",
        "- name: Hugging Face\n  avoid: [抱抱脸]\n  allowed: [抱抱脸]\n- name: OpenAI\n",
    )
    found = glossary.load_names(bad).problems
    assert any("names.yaml:4: avoid: missing required field" in p for p in found), found
    ok_schema = write(
        tmp_path / "n2.yaml", "- name: Hugging Face\n  avoid: [抱抱脸]\n  allowed: [抱抱脸]\n"
    )
    found = glossary.load_names(ok_schema).problems
    assert any("n2.yaml:2: avoid: '抱抱脸' would flag the name" in p for p in found), found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("模型的精度提高了。", ["accuracy: found '精度', use '准确率'"]),
        ("开启混合精度后，速度翻倍。", []),
        ("达到了化学精度，而精度几乎不受影响。", ["accuracy: found '精度', use '准确率'"]),
        ("先检查批次效应，再按批次着色。", []),
        ("取一个小批次，看看损失。", ["minibatch: found '批次', use '小批量'"]),
        ("把每个权重微调一点。", ["fine-tuning: found '微调一点', use '调整一小步'"]),
        ("在自己的数据上微调预训练模型。", []),
        (
            "BERT 以遮盖语言模型的方式预训练。",
            ["masked language model: found '遮盖语言模型', use '掩码语言模型'"],
        ),
        ("随机遮盖一部分词元。", ["mask: found '遮盖', use '掩码'"]),
    ],
)
def test_context_sensitive_renderings(site: Path, text: str, found: list[str]) -> None:
    """A word is flagged in its wrong sense and left alone in its right one."""
    write(site / "docs/zh/sense.md", f"---\ntitle: 词义\n---\n\n{text}\n")
    problems = terms.avoid_problems(small(site), site / "docs", site / "data")
    assert problems == [f"docs/zh/sense.md:5: {message}" for message in found]


def test_two_adjacent_wrong_renderings_are_both_reported(site: Path) -> None:
    found = terms.find_avoided(small(site), "遮盖拥抱面孔")
    assert [word for _term, _variant, word in found] == ["遮盖", "拥抱面孔"]


def test_ui_strings_in_templates_and_scripts_are_linted(site: Path) -> None:
    write(site / "overrides/partials/x.html", "{# 注释里的拥抱面孔不算 #}\n<p>见拥抱面孔</p>\n")
    write(
        site / "scripts/x.py",
        '"""文档字符串里的拥抱面孔不算。"""\n\nLABELS = {"zh": "用 SVD 聚类分组"}\n',
    )
    found = terms.avoid_problems(small(site), site / "docs", site / "data")
    assert found == [
        "overrides/partials/x.html:2: Hugging Face: found '拥抱面孔', use 'Hugging Face'",
        "scripts/x.py:3: spectral clustering: found 'SVD 聚类', use '谱聚类'",
    ]


def test_bad_renderings_in_data_zh_fields_fail(site: Path) -> None:
    write(site / "data/resources/y.yaml", "- description:\n    en: Hub\n    zh: 拥抱面孔的模型库\n")
    found = terms.avoid_problems(small(site), site / "docs", site / "data")
    assert len(found) == 1 and found[0].endswith(
        "data/resources/y.yaml:3: Hugging Face: found '拥抱面孔', use 'Hugging Face'"
    )


def test_names_yaml_may_quote_the_renderings_it_bans(site: Path) -> None:
    write(
        site / "data/names.yaml",
        "- name: Hugging Face\n  avoid: [拥抱面孔]\n  notes: {en: No., zh: 不写拥抱面孔。}\n",
    )
    assert terms.avoid_problems(small(site), site / "docs", site / "data") == []


def test_clean_small_site_passes(site: Path) -> None:
    assert cli(site, "--strict") == 0


def test_twin_without_the_chinese_term_is_reported(site: Path, capsys) -> None:
    write(site / "docs/zh/methods.md", "---\ntitle: 方法\n---\n\n先试试一种基于图的聚类。\n")
    found = terms.twin_problems(small(site), site / "docs")
    assert len(found) == 1
    assert re.sub(r"^.*?docs/", "docs/", found[0]).startswith(
        "docs/en/methods.md:5: spectral clustering: used here, but "
    )
    assert found[0].endswith("never writes '谱聚类'")
    assert cli(site) == 0  # reported only
    assert cli(site, "--strict") == 1
    assert "spectral clustering: used here" in capsys.readouterr().out


def test_twin_check_ignores_link_targets_and_code(site: Path) -> None:
    write(
        site / "docs/en/methods.md",
        "---\ntitle: Methods\n---\n\nSee [this](high-level.md#spectral-clustering) and "
        "`spectral_clustering()`.\n",
    )
    assert terms.twin_problems(small(site), site / "docs") == []


@pytest.mark.parametrize(
    ("phrase", "text", "hit"),
    [
        ("fine-tuning", "Fine tuning a model", True),
        ("pretrained model", "several pretrained models", True),
        ("GAN", "two GANs", True),
        ("GAN", "organ", False),
        ("GAN", "a gan", False),
        ("attention mechanism", "pay attention", False),
    ],
)
def test_english_phrase_matching(phrase: str, text: str, hit: bool) -> None:
    assert bool(terms._phrase_re(phrase).search(text)) is hit


# --- Search dictionary --------------------------------------------------------------------------


def test_search_dictionary_is_in_sync_with_the_glossary(real: glossary.Glossary) -> None:
    committed = glossary.DICT_PATH.read_text(encoding="utf-8")
    assert committed == glossary.jieba_dict(real), (
        "data/search/jieba-user-dict.txt is stale: run 'python -m scripts glossary dict'"
    )


def test_dict_check_fails_on_a_stale_dictionary(tmp_path: Path, monkeypatch, capsys) -> None:
    stale = write(tmp_path / "jieba-user-dict.txt", "过时 n\n")
    monkeypatch.setattr(glossary, "DICT_PATH", stale)
    assert terms.main(["dict", "--check"]) == 1
    assert "out of date with data/glossary.yaml" in capsys.readouterr().out
    stale.write_text(glossary.jieba_dict(glossary.load_glossary()), encoding="utf-8")
    assert terms.main(["dict", "--check"]) == 0


def test_search_dictionary_keeps_compounds_searchable_by_their_parts(real) -> None:
    words = set(glossary.jieba_dict(real).split(" n\n"))
    assert {"自监督学习", "迁移学习", "谱聚类"} <= words  # whole: found by 自监督, 迁移...
    assert "卷积神经网络" not in words  # split as 卷积 + 神经网络, so 神经网络 finds it
    assert not [w for w in words if w and not re.fullmatch(r"[\u3400-\u9fff]+", w)]


def test_mkdocs_uses_the_generated_dictionary() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "jieba_dict_user: data/search/jieba-user-dict.txt" in config


# --- Rendering ----------------------------------------------------------------------------------


def test_table_has_one_anchored_row_per_term(real: glossary.Glossary) -> None:
    html = glossary_render.render_table(
        real, "en", "glossary.md", "https://example.org/edit/data/glossary.yaml"
    )
    ids = re.findall(r'<tr id="(term-[a-z0-9-]+)"', html)
    assert len(ids) == len(real.terms) == len(set(ids))
    assert 'id="term-spectral-clustering"' in html
    assert '<a href="../high-level/#dimensionality-reduction">' in html
    assert 'href="https://example.org/edit/data/glossary.yaml"' in html
    assert "\n\n" not in html


def test_chinese_table_puts_chinese_first_and_links_chinese_headings(real) -> None:
    html = glossary_render.render_table(real, "zh", "glossary.md", "https://example.org/e")
    row = html[html.index('id="term-spectral-clustering"') :].split("</tr>")[0]
    assert row.index("谱聚类") < row.index("spectral clustering")
    assert "不要写：" in row and "SVD 聚类" in row
    accuracy = html[html.index('id="term-accuracy"') :].split("</tr>")[0]
    assert "精度（混合精度、数值精度、化学精度等除外）" in accuracy
    assert ">降维与聚类<" in row or "high-level" in row


def test_section_numbers_are_joined_as_each_language_joins_a_list(real) -> None:
    """1、2 on the Chinese page (a half-width "1, 2" there), 1, 2 on the English one."""
    for lang, machine, related in (
        ("en", "1, 2", "related: 4, 8"),
        ("zh", "1、2", "相关章节：4、8"),
    ):
        html = glossary_render.render_table(real, lang, "glossary.md", "https://example.org/e")
        rows = {
            term: html[html.index(f'id="term-{term}"') :].split("</tr>")[0]
            for term in ("machine-learning", "interatomic-potential")
        }
        assert f">{machine}</td>" in rows["machine-learning"]
        assert f">{related}</td>" in rows["interatomic-potential"]


def test_table_escapes_data(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "g.yaml",
        '- en: "a <b> & c"\n  zh: 测试\n  sections: ["1"]\n',
    )
    html = glossary_render.render_table(
        glossary.load_glossary(bad), "en", "glossary.md", "https://e/"
    )
    assert "a &lt;b&gt; &amp; c" in html and "<b>" not in html


def test_glossary_pages_carry_the_marker() -> None:
    for lang in ("en", "zh"):
        assert "<!-- glossary -->" in (ROOT / "docs" / lang / "glossary.md").read_text(
            encoding="utf-8"
        )


# --- English terms on first use -----------------------------------------------------------------


GLOSS_GLOSSARY = """\
- en: neural network
  zh: 神经网络
  sections: ["4"]
- en: convolutional neural network
  zh: 卷积神经网络
  sections: ["4"]
- en: transfer learning
  zh: 迁移学习
  sections: ["5"]
- en: motif
  zh: 基序
  sections: ["7"]
- en: model
  zh: 模型
  sections: ["2"]
  gloss: false
- en: PyTorch
  zh: PyTorch
  sections: ["3"]
"""


@pytest.fixture
def gloss_terms(tmp_path: Path) -> glossary.Glossary:
    return glossary.load_glossary(write(tmp_path / "g.yaml", GLOSS_GLOSSARY), ROOT / "docs")


def glossed(markdown: str, terms: glossary.Glossary, page: str = "less-data.md") -> list[str]:
    """The English terms the build added, in order, as 'the two characters before=en@href'."""
    html = glossary_render.gloss_first_uses(markdown, terms, page)
    return [
        f"{zh}={en}@{href}"
        for zh, href, en in re.findall(
            r"([\u4e00-\u9fff]{2})<span class=\"term-en\" data-search-exclude>"
            r"（<a href=\"([^\"]+)\" lang=\"en\" hreflang=\"zh\">([^<]+)</a>）</span>",
            html,
        )
    ]


def test_first_use_gets_the_english_and_later_uses_stay_plain(gloss_terms) -> None:
    markdown = "迁移学习很常用。\n\n再说一次迁移学习。\n"
    assert glossed(markdown, gloss_terms) == [
        "学习=transfer learning@../glossary/#term-transfer-learning"
    ]
    html = glossary_render.gloss_first_uses(markdown, gloss_terms, "less-data.md")
    assert html.endswith("再说一次迁移学习。\n")


def test_first_use_skips_headings_links_code_and_fences(gloss_terms) -> None:
    markdown = (
        "## 迁移学习 { #transfer }\n\n"
        '!!! note "迁移学习"\n\n'
        "见[迁移学习](supervised-methods.md)和 `迁移学习`。\n\n"
        "```python\n# 迁移学习\n```\n\n"
        "<!-- 迁移学习 -->\n"
        "最后才是正文里的迁移学习。\n"
    )
    html = glossary_render.gloss_first_uses(markdown, gloss_terms, "less-data.md")
    assert html.count("term-en") == 1
    assert "正文里的迁移学习<span" in html
    assert "## 迁移学习 { #transfer }" in html


def test_first_use_respects_existing_parentheses(gloss_terms) -> None:
    # English already there: counts as glossed; a Chinese parenthesis after or around: skipped.
    assert glossed("基序（motif）很短。基序很多。\n", gloss_terms) == []
    assert glossed("迁移学习（先预训练再微调）。然后迁移学习。\n", gloss_terms) == [
        "学习=transfer learning@../glossary/#term-transfer-learning"
    ]
    assert glossed("（例如迁移学习）。\n", gloss_terms) == []


def test_a_parenthesis_after_a_space_counts_as_one_right_after(gloss_terms) -> None:
    """No（transfer learning）(TL): a space before a half-width parenthesis changes nothing."""
    assert glossed("迁移学习 (TL) 很重要。\n", gloss_terms) == []
    assert glossed("迁移学习 (先预训练) 很重要。\n", gloss_terms) == []


def test_longest_term_wins_and_skipped_terms_stay_plain(gloss_terms) -> None:
    found = glossed("卷积神经网络是一种神经网络。模型和 PyTorch。\n", gloss_terms)
    assert found == [
        "网络=convolutional neural network@../glossary/#term-convolutional-neural-network",
        "网络=neural network@../glossary/#term-neural-network",
    ]


def test_a_space_before_latin_text_is_dropped(gloss_terms) -> None:
    html = glossary_render.gloss_first_uses("用迁移学习 ResNet 做。\n", gloss_terms, "x.md")
    assert "</span>ResNet" in html


def test_the_glossary_link_is_relative_to_the_page(gloss_terms) -> None:
    assert glossed("迁移学习\n", gloss_terms, "resources/index.md") == [
        "学习=transfer learning@../glossary/#term-transfer-learning"
    ]
    assert glossed("迁移学习\n", gloss_terms, "resources/all.md") == [
        "学习=transfer learning@../../glossary/#term-transfer-learning"
    ]


def test_the_chinese_glossary_page_glosses_none_of_its_own_text() -> None:
    """The glossary page lists each term with its English already; other pages get glosses."""
    data = site_data.load()
    assert (
        page_markers.render_page("迁移学习很常用。\n", "zh", data, "zh/glossary.md")
        == "迁移学习很常用。\n"
    )
    assert "term-en" in page_markers.render_page(
        "迁移学习很常用。\n", "zh", data, "zh/less-data.md"
    )


def test_english_term_is_escaped(tmp_path: Path) -> None:
    bad = write(tmp_path / "g.yaml", '- en: "a <b> & c"\n  zh: 测试术语\n  sections: ["1"]\n')
    html = glossary_render.gloss_first_uses("测试术语\n", glossary.load_glossary(bad), "x.md")
    assert "a &lt;b&gt; &amp; c" in html and "<b>" not in html


def test_a_use_right_before_a_citation_is_glossed_before_it(gloss_terms) -> None:
    """The first use stays the glossed one even when a citation follows: the English goes
    between the term and the citation, and later uses stay plain."""
    markdown = "迁移学习[@he2016deep]很常用。\n\n后来再谈迁移学习。\n"
    html = glossary_render.gloss_first_uses(markdown, gloss_terms, "less-data.md")
    assert re.search(r"^迁移学习<span class=\"term-en\"[^\n]*</span>\[@he2016deep\]很常用", html)
    assert html.count("term-en") == 1 and html.endswith("后来再谈迁移学习。\n")
    # Emphasis and a space before the citation change nothing.
    html = glossary_render.gloss_first_uses("**迁移学习** [@he2016deep]。\n", gloss_terms, "x.md")
    assert re.search(r"迁移学习<span class=\"term-en\".*</span>\*\* ?\[@he2016deep\]", html)

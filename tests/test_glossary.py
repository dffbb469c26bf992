"""scripts/glossary.py: the glossary data, the term lint (bad renderings, twin pages), the
search dictionary and the rendered table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import glossary

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


def test_known_bad_renderings_are_listed(real: glossary.Glossary) -> None:
    avoid = {t.en: t.avoid for t in real.terms}
    assert "拥抱面孔" in avoid["Hugging Face"]
    assert "SVD 聚类" in avoid["spectral clustering"]


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
        "  avoid: [注意力]\n",
    )
    found = glossary.load_glossary(bad, ROOT / "docs").problems
    text = "\n".join(found)
    assert re.search(r"glossary\.yaml:4: en: 'deep learning' is already a term \(line 1\)", text)
    assert re.search(r"glossary\.yaml:7: entry: 'zh' is a required property", text)
    assert re.search(r"glossary\.yaml:8: sections\.0: '11' is not one of", text)
    assert re.search(r"glossary\.yaml:12: see: docs/en/models-and-tasks\.md has no heading", text)
    assert re.search(r"glossary\.yaml:9: avoid: '注意力' is part of the accepted term", text)


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


def test_real_pages_have_no_bad_renderings(real: glossary.Glossary) -> None:
    assert glossary.avoid_problems(real, ROOT / "docs", ROOT / "data") == []


def test_real_pages_use_the_glossary_terms(real: glossary.Glossary) -> None:
    assert glossary.twin_problems(real, ROOT / "docs") == []


def cli(site: Path, *extra: str) -> int:
    docs, data = str(site / "docs"), str(site / "data")
    return glossary.main(
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
    found = glossary.avoid_problems(small(site), site / "docs", site / "data")
    assert [re.sub(r"^.*?docs/", "docs/", p) for p in found] == [
        "docs/zh/bad.md:5: Hugging Face: '拥抱面孔' is wrong, write 'Hugging Face'",
        "docs/zh/bad.md:7: spectral clustering: 'SVD 聚类' is wrong, write '谱聚类'",
    ]
    assert cli(site) == 1


def test_bad_renderings_in_data_zh_fields_fail(site: Path) -> None:
    write(site / "data/resources/y.yaml", "- description:\n    en: Hub\n    zh: 拥抱面孔的模型库\n")
    found = glossary.avoid_problems(small(site), site / "docs", site / "data")
    assert len(found) == 1 and found[0].endswith(
        "data/resources/y.yaml:3: Hugging Face: '拥抱面孔' is wrong, write 'Hugging Face'"
    )


def test_clean_small_site_passes(site: Path) -> None:
    assert cli(site, "--strict") == 0


def test_twin_without_the_chinese_term_is_reported(site: Path, capsys) -> None:
    write(site / "docs/zh/methods.md", "---\ntitle: 方法\n---\n\n先试试一种基于图的聚类。\n")
    found = glossary.twin_problems(small(site), site / "docs")
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
    assert glossary.twin_problems(small(site), site / "docs") == []


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
    assert bool(glossary._phrase_re(phrase).search(text)) is hit


# --- Search dictionary --------------------------------------------------------------------------


def test_search_dictionary_is_in_sync_with_the_glossary(real: glossary.Glossary) -> None:
    committed = glossary.DICT_PATH.read_text(encoding="utf-8")
    assert committed == glossary.jieba_dict(real), (
        "data/search/jieba-user-dict.txt is stale: run 'python scripts/glossary.py dict'"
    )


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
    html = glossary.render_table(
        real, "en", "glossary.md", "https://example.org/edit/data/glossary.yaml"
    )
    ids = re.findall(r'<tr id="(term-[a-z0-9-]+)"', html)
    assert len(ids) == len(real.terms) == len(set(ids))
    assert 'id="term-spectral-clustering"' in html
    assert '<a href="../high-level/#dimensionality-reduction">' in html
    assert 'href="https://example.org/edit/data/glossary.yaml"' in html
    assert "\n\n" not in html


def test_chinese_table_puts_chinese_first_and_links_chinese_headings(real) -> None:
    html = glossary.render_table(real, "zh", "glossary.md", "https://example.org/e")
    row = html[html.index('id="term-spectral-clustering"') :].split("</tr>")[0]
    assert row.index("谱聚类") < row.index("spectral clustering")
    assert "不要写：" in row and "SVD 聚类" in row
    assert ">降维与聚类<" in row or "high-level" in row


def test_table_escapes_data(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "g.yaml",
        '- en: "a <b> & c"\n  zh: 测试\n  sections: ["1"]\n',
    )
    html = glossary.render_table(glossary.load_glossary(bad), "en", "glossary.md", "https://e/")
    assert "a &lt;b&gt; &amp; c" in html and "<b>" not in html


def test_glossary_pages_carry_the_marker() -> None:
    for lang in ("en", "zh"):
        assert glossary.MARKER in (ROOT / "docs" / lang / "glossary.md").read_text(encoding="utf-8")

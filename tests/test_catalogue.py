"""scripts/render/catalogue.py: the catalogue as HTML lists (markers, escaping, facts, China
access)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.data import resources
from scripts.data.languages import LANGUAGES
from scripts.data.resources import (
    Alternative,
    Catalogue,
    CnAccess,
    HostAccess,
    Mirror,
    Resource,
    Review,
    Source,
    Text,
)
from scripts.render import catalogue as render
from tests.helpers import expand, make_resource

ROOT = Path(__file__).resolve().parent.parent
PAGE = "Before.\n\n<!-- resources: category=models -->\n\nAfter.\n"
ALL = "<!-- resources: all -->\n"


make = make_resource


def render_markers(page: str, lang: str, entries: Catalogue, src_uri: str) -> str:
    return expand(page, lang, src_uri, catalogue=entries)


def catalogue(*entries: Resource, facts: dict | None = None, access: tuple = ()) -> Catalogue:
    return Catalogue(entries=entries, problems=(), facts=facts or {}, access=access)


REVIEW = Review(
    "2026-11-30",
    (
        Source(Text("The README says so.", "README 如是说。"), repo="o/r", commit="0e2ab33f"),
        Source(Text("A maintainer confirms it."), issue="o/r#5", date="2026-11-01"),
        Source(Text("The home page."), url="https://example.org/about"),
    ),
)


BLOCKED = make(
    "hub",
    name="Hub",
    cn_access=CnAccess(
        "blocked", Text(en="Often reported unreachable.", zh="常有人反映无法访问。")
    ),
    mirrors=(
        Mirror("ModelScope", "https://modelscope.example.cn/", official=True),
        Mirror(
            "hf-mirror",
            "https://mirror.example.com/",
            official=False,
            note=Text(en="Community run.", zh="社区维护。"),
        ),
    ),
)


class Outline(HTMLParser):
    """Entries (li with a res- id), what each contains, and whether tags are balanced."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.entries: dict[str, dict] = {}
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag in self.VOID:
            return
        if tag == "li" and (attributes.get("id") or "").startswith("res-"):
            parent = self.stack[-1] if self.stack else ("", {})
            self.entries[attributes["id"]] = {
                "parent": (parent[0], parent[1].get("class")),
                "attrs": attributes,
                "tags": [],
            }
        for _, open_attrs in self.stack:
            if (open_attrs.get("id") or "").startswith("res-"):
                self.entries[open_attrs["id"]]["tags"].append((tag, attributes.get("class")))
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}>")
            return
        self.stack.pop()


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def entry_html(html: str, anchor: str) -> str:
    match = re.search(rf'<li id="{anchor}"[^>]*>.*?\n</li>', html, re.S)
    assert match, anchor
    return match.group(0)


def test_marker_becomes_a_raw_html_block() -> None:
    out = render_markers(PAGE, "en", catalogue(make()), "en/resources/index.md")
    assert "<!-- resources:" not in out
    before, block, after = (part.strip("\n") for part in out.split("\n\n") if part.strip())
    assert before == "Before." and after == "After."
    assert block.startswith('<div class="catalogue') and block.endswith("</div>")
    assert 'id="res-example"' in block
    assert '<a href="https://example.org/example">Example</a>' in block
    assert "<code>data/resources/models.yaml</code>" in block


def test_each_entry_is_a_list_item_with_a_heading_and_chips() -> None:
    entry = make(domain=("genomics", "chemistry"), data=("images", "graphs"), kind="model")
    out = render.render_category("models", "en", catalogue(entry))
    assert "<table" not in out
    found = outline(out).entries["res-example"]
    assert found["parent"] == ("ul", "cat-list")
    assert ("h3", None) in found["tags"]  # the name is a heading
    head = re.search(r'<div class="cat-head">(.*?)</div>', out, re.S).group(1)
    assert "Example" in head and ">Model<" in head and ">Active<" in head  # one line
    assert '<p class="cat-desc">An example resource.</p>' in out
    chips = re.search(r'<ul class="cat-tags">(.*?)</ul>', out, re.S).group(1)
    assert re.findall(r"<li[^>]*>([^<]+)</li>", chips) == [
        "Genomics and molecular biology",
        "Chemistry",
        "Images",
        "Graphs",
        "Beginner",
    ]
    assert 'class="cat-tag--domain">Genomics and molecular biology' in chips
    # "Any field" is not worth a chip.
    plain = render.render_category("models", "en", catalogue(make(domain=("any",))))
    assert "Any field" not in plain


def test_data_is_escaped_and_the_list_stays_intact() -> None:
    evil = "<script>alert(1)</script> | x & y"
    entry = make(
        name=evil,
        description=Text(en=evil, zh=evil),
        note=Text(en=evil, zh=evil),
        survey_url="https://example.org/<b>",
        cn_access=CnAccess("blocked", Text(en=evil, zh=evil)),
        mirrors=(Mirror(evil, "javascript:alert(1)", official=False, note=Text(evil, evil)),),
    )
    for lang in LANGUAGES:
        out = render_markers(PAGE, lang, catalogue(entry), f"{lang}/x.md")
        assert "<script>" not in out and "<b>" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &#124; x &amp; y" in out
        assert "|" not in out
        assert 'href="javascript' not in out
        assert list(outline(out).entries) == ["res-example"]


def test_only_http_urls_become_links() -> None:
    entry = make(url="javascript:alert(1)")
    out = render.render_category("models", "en", catalogue(entry))
    assert "href" not in out
    assert "javascript:alert(1)" in out  # shown as text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Archived", "Gone", "Active", "Images", "Library", "Beginner"]),
        ("zh", ["已归档", "已失效", "活跃", "图像", "库", "入门"]),
    ],
)
def test_both_languages_have_labels_and_badges(lang: str, expected: list[str]) -> None:
    entries = (
        make("a", status="archived"),
        make("b", former_urls=("https://old.example.org/b",)),
        make("c", status="dead"),
        make("d"),
    )
    out = render.render_category("models", lang, catalogue(*entries))
    for text in expected:
        assert text in out, text
    assert 'lang="' not in out  # the page sets the language


def test_archived_moved_and_dead_are_visibly_marked() -> None:
    entries = (
        make("frozen", status="archived"),
        make(
            "new",
            url="https://example.org/new",
            survey_url="https://example.org/survey",
            former_urls=("https://example.org/survey", "https://example.org/old"),
        ),
        make("gone", status="dead", url="https://gone.example.org/"),
    )
    out = render.render_category("models", "en", catalogue(*entries))
    assert 'class="cat-status cat-status--archived">Archived<' in out
    assert 'class="cat-status cat-status--active">Active<' in out
    assert 'class="cat-status cat-status--dead">Gone<' in out
    # History is text, never a link, and each address is shown once; a dead one is not linked.
    new = entry_html(out, "res-new")
    assert "address in the survey: https://example.org/survey" in new
    assert "formerly: https://example.org/old" in new
    assert new.count("https://example.org/survey") == 1
    assert 'href="https://example.org/old"' not in out
    assert 'href="https://gone.example.org/"' not in out
    gone = entry_html(out, "res-gone")
    assert '<span class="cat-gone">Example</span>' in gone
    assert "former address: https://gone.example.org/" in gone


def test_the_survey_address_is_shown_as_text_when_it_is_not_the_current_one() -> None:
    moved = make("a", survey_url="http://old.example.org/a", former_urls=("https://mid.example/a",))
    same = make("b", url="https://example.org/b", survey_url="https://example.org/b")
    out = render.render_category("models", "en", catalogue(moved, same))
    assert "address in the survey: http://old.example.org/a" in out
    assert "formerly: https://mid.example/a" in out
    assert out.count("address in the survey") == 1
    assert 'href="http://old.example.org/a"' not in out


def test_check_dates_come_from_facts_only() -> None:
    entries = (make("seen", review=REVIEW), make("unseen"), make("skipped"), make("failed"))
    bare = render.render_category("models", "en", catalogue(*entries))
    assert "checked" not in bare and "2026-12" not in bare
    assert 'reviewed <time datetime="2026-11-30">' in entry_html(bare, "res-seen")
    assert "<time" not in entry_html(bare, "res-unseen")
    facts = {
        "seen": {"checked": "2026-12-01", "http_status": 200},
        # An ignored host: the check fetched nothing, so no date may appear (old facts files
        # carried one).
        "skipped": {"checked": "2026-12-01", "http_status": None, "link": "ignored"},
        # It answered 404: a date beside the link would read as "it works" (a review).
        "failed": {"checked": "2026-12-01", "http_status": 404},
    }
    out = render.render_category("models", "en", catalogue(*entries, facts=facts))
    assert 'link checked <time datetime="2026-12-01">2026-12-01</time>' in entry_html(
        out, "res-seen"
    )
    assert "checked" not in entry_html(out, "res-unseen")
    assert "checked" not in entry_html(out, "res-skipped")
    assert "checked" not in entry_html(out, "res-failed")


def test_a_review_date_is_shown_only_with_its_sources_one_click_away() -> None:
    out = render.render_category("models", "en", catalogue(make("seen", review=REVIEW)))
    seen = entry_html(out, "res-seen")
    assert (
        '<details class="cat-evidence cat-review"><summary>reviewed <time datetime="2026-11-30">'
        in seen
    )
    sources = seen[seen.index("<details") :]
    assert '<a href="https://github.com/o/r/tree/0e2ab33f">o/r@0e2ab33</a>' in sources
    assert (
        '<a href="https://github.com/o/r/issues/5">o/r#5</a> (<time datetime="2026-11-01">'
        in sources
    )
    assert '<a href="https://example.org/about">https://example.org/about</a>' in sources
    assert "<span>The README says so.</span>" in sources
    zh = entry_html(
        render.render_category("models", "zh", catalogue(make("seen", review=REVIEW))), "res-seen"
    )
    assert "<span>README 如是说。</span>" in zh  # the page's language where written
    assert '<span lang="en">A maintainer confirms it.</span>' in zh  # else English, marked
    # No review, no date: a reviewed date never stands alone.
    plain = render.render_category("models", "en", catalogue(make("plain")))
    assert "reviewed" not in plain and "<details" not in plain


HOSTS = (
    HostAccess(
        hosts=("blocked.example.org",),
        level="blocked",
        note=Text("Blocked.", "被屏蔽。"),
        source="data/access.yaml",
        line=1,
        as_of="2026-12-07",
        sources=(Source(Text("A report.", "一份报告。"), issue="a/b#1"),),
        alternatives=(
            Alternative(
                Text("Host-wide.", "整站替代。"), name="Elsewhere", url="https://else.example.cn/"
            ),
        ),
    ),
)


def test_the_chinese_site_shows_inherited_access_mirrors_and_alternatives_apart() -> None:
    on_host = make(
        "on-host",
        url="https://blocked.example.org/x",
        mirrors=(Mirror("Copy", "https://copy.example.cn/", official=True),),
        alternatives=(Alternative(Text("Own.", "条目自己的替代。"), id="other"),),
    )
    other = make("other", name="Other", url="https://other.example.cn/")
    cat = catalogue(on_host, other, access=HOSTS)
    zh = entry_html(render.render_category("models", "zh", cat), "res-on-host")
    assert '<p class="cat-cn cat-cn--blocked"><strong>中国大陆通常无法访问</strong>：被屏蔽。' in zh
    assert (
        '<span class="cat-mirrors">镜像（内容相同）：<a href="https://copy.example.cn/">Copy</a></span>'
        in zh
    )
    assert (
        '<span class="cat-alternatives">替代选择（功能相近的其他服务）：'
        '<a href="https://else.example.cn/">Elsewhere</a>（整站替代。）、'
        '<a href="https://other.example.cn/">Other</a>（条目自己的替代。）</span>'
    ) in zh
    assert '<a href="https://github.com/a/b/issues/1">a/b#1</a>：<span>一份报告。</span>' in zh
    assert "cat-cn" not in entry_html(render.render_category("models", "zh", cat), "res-other")
    en = render.render_category("models", "en", cat)
    assert "cat-cn" not in en and "else.example.cn" not in en
    # The short form (All resources) still names the way round, without the notes.
    short = entry_html(render_markers(ALL, "zh", cat, "zh/resources/all.md"), "res-on-host")
    assert ">Elsewhere</a>、" in short and "整站替代" not in short and "Copy</a>" in short


def test_the_status_definition_is_rendered_from_the_schema() -> None:
    status = resources.schema()["$defs"]["status"]
    for lang in LANGUAGES:
        html = render_markers("<!-- resources: statuses -->\n", lang, catalogue(), "p.md")
        shown = re.findall(
            r'<dt><span class="cat-status cat-status--([a-z]+)">([^<]+)</span>', html
        )
        assert sorted(v for v, _ in shown) == sorted(status["enum"])
        assert all(text == resources.label("status", v, lang) for v, text in shown)
        sets = dict(re.findall(r'data-status-set="([a-z]+)">\n((?:.+\n)+?)</dl>', html))
        for key in ("maintained", "finished"):
            values = re.findall(r"cat-status--([a-z]+)", sets[key])
            assert values == [v for v in status[f"x-{key}-values"] if v != "dead"]
        for value in status["enum"]:
            assert status["x-definition"]["values"][value][lang] in html
    # The pages that explain the status render it from the schema instead of repeating it.
    for lang in LANGUAGES:
        page = (ROOT / "docs" / lang / "resources" / "all.md").read_text(encoding="utf-8")
        assert "<!-- resources: statuses -->" in page
    english = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    chinese = (ROOT / "CONTRIBUTING.zh.md").read_text(encoding="utf-8")
    for key in ("maintained", "finished"):
        listed = "、".join(f"`{v}`" for v in status[f"x-{key}-values"])
        assert ", ".join(f"`{v}`" for v in status[f"x-{key}-values"]) in english, key
        assert listed in chinese, key


def test_the_chinese_site_shows_china_access_and_mirrors() -> None:
    entries = (BLOCKED, make("plain"))
    zh = render.render_category("models", "zh", catalogue(*entries))
    hub = entry_html(zh, "res-hub")
    assert '<p class="cat-cn cat-cn--blocked"><strong>中国大陆通常无法访问</strong>' in hub
    assert "</strong>：常有人反映无法访问。" in hub
    assert '镜像（内容相同）：<a href="https://modelscope.example.cn/">ModelScope</a>、' in hub
    assert '<a href="https://mirror.example.com/">hf-mirror</a>（第三方；社区维护。）' in hub
    assert "ModelScope</a>、" in hub  # official and without a note: nothing in brackets
    assert "cat-cn" not in entry_html(zh, "res-plain")
    en = render.render_category("models", "en", catalogue(*entries))
    assert "cat-cn" not in en and "modelscope" not in en


def test_mirrors_of_a_blocked_entry_from_fixture_yaml(tmp_path: Path) -> None:
    """The whole path: YAML as editors write it, loaded, validated and rendered on both sites."""
    (tmp_path / "models.yaml").write_text(
        resources.SCHEMA_HEADER
        + """

- id: colab-like
  name: Notebook service
  url: https://notebooks.example.org/
  description:
    en: Free notebooks in the browser.
    zh: 在浏览器中免费使用的 notebook。
  tags:
    data: [any]
    domain: [any]
    level: beginner
    kind: service
    status: active
  cn_access:
    level: blocked
    source:
      en: Reported unreachable by readers.
      zh: 读者反映无法访问。
  mirrors:
    - name: Domestic notebooks
      url: https://notebooks.example.cn/
      official: false
""",
        encoding="utf-8",
    )
    loaded = resources.load_catalogue(tmp_path)
    assert not loaded.problems, loaded.problems
    zh = entry_html(render_markers(ALL, "zh", loaded, "zh/resources/all.md"), "res-colab-like")
    assert "中国大陆通常无法访问" in zh
    assert '<a href="https://notebooks.example.cn/">Domestic notebooks</a>（第三方）' in zh
    en = render_markers(ALL, "en", loaded, "en/resources/all.md")
    assert "notebooks.example.cn" not in en


def test_unknown_category_in_marker_raises() -> None:
    page = "<!-- resources: category=nonsense -->\n"
    with pytest.raises(
        ValueError,
        match=r"index\.md:1: marker: unknown resource category 'nonsense'",
    ):
        render_markers(page, "en", catalogue(make()), "en/resources/index.md")
    with pytest.raises(ValueError, match=r"docs/zh/x\.md:1: marker: .*: cannot read 'models'"):
        render_markers("<!-- resources: models -->\n", "zh", catalogue(make()), "zh/x.md")


def test_filtered_marker_lists_entries_with_a_listed_value_in_every_group() -> None:
    entries = catalogue(
        make("a", domain=("genomics",), kind="dataset"),
        make("b", domain=("genomics", "medicine"), kind="model"),
        make("c", domain=("medicine",), kind="dataset"),
    )
    page = "<!-- resources: domain=genomics kind=dataset,benchmark -->\n"
    out = render_markers(page, "en", entries, "en/fields/genomics.md")
    assert re.findall(r'<li[^>]* id="res-([a-z]+)"', out) == ["a"]
    page = "<!-- resources: domain=genomics,medicine -->\n"
    out = render_markers(page, "en", entries, "en/fields/genomics.md")
    assert re.findall(r'<li[^>]* id="res-([a-z]+)"', out) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("domain=biology", "unknown domain 'biology' \\(known: genomics, "),
        ("colour=blue", "cannot read 'colour=blue'"),
        ("domain=", "cannot read 'domain='"),
        ("domain=genomics domain=physics", "domain given twice; write domain=genomics,physics"),
    ],
)
def test_filtered_marker_rejects_unknown_groups_and_values(argument: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"docs/en/fields/x\.md:1: marker: .*: " + message):
        render_markers(
            f"<!-- resources: {argument} -->\n", "en", catalogue(make()), "en/fields/x.md"
        )


def test_unknown_language_raises() -> None:
    with pytest.raises(ValueError, match="fr/x.md"):
        render_markers(PAGE, "fr", catalogue(make()), "fr/x.md")


def test_markers_in_code_fences_are_left_alone() -> None:
    page = "```markdown\n<!-- resources: category=nonsense -->\n```\n"
    assert render_markers(page, "en", catalogue(make()), "en/x.md") == page


def test_empty_category_renders_a_message() -> None:
    out = render.render_category("books", "zh", catalogue(make()))
    assert "该类别暂无资源。" in out and "<ul" not in out


def test_all_marker_renders_hidden_disabled_filters_with_labels() -> None:
    entries = (
        make("a", domain=("any",)),
        make("b", category="books", data=("graphs",), domain=("genomics", "physics")),
    )
    out = render_markers(ALL, "en", catalogue(*entries), "en/resources/all.md")
    form = re.search(r"<form[^>]*>", out)
    assert form and " hidden" in form.group(0)
    controls = re.findall(r"<(?:input|select|button)\b[^>]*>", out)
    assert len(controls) == 8 and all(" disabled" in control for control in controls)
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', out):
        assert f'<label for="{control_id}">' in out
    for name in render.FILTER_GROUPS:
        assert f'data-filter="{name}"' in out
    assert '<option value="graphs">Graphs</option>' in out
    assert '<option value="physics">Physics</option>' in out
    assert '<option value="tabular">' not in out  # only values in use
    # The filters read the labels each entry shows (catalogue.js); no hidden copies of values.
    assert '<li id="res-b">' in out and "data-domain=" not in out
    assert list(outline(out).entries) == ["res-b", "res-a"]  # books come before models


def test_all_resources_groups_entries_by_category_in_short_form() -> None:
    entries = (
        make("a", note=Text(en="A caveat.", zh="一条说明。"), survey_url="https://old.example/a"),
        make("b", category="books", review=REVIEW),
        make("c", category="books"),
    )
    facts = {"a": {"checked": "2026-12-01", "http_status": 200}}
    out = render_markers(ALL, "en", catalogue(*entries, facts=facts), "en/resources/all.md")
    groups = re.findall(
        r'<div class="cat-group" data-category="([^"]+)">\n<h3><a href="([^"]+)">', out
    )
    assert groups == [("books", "../#books"), ("models", "../#models")]  # the catalogue's order
    assert all(found["parent"] == ("ul", "cat-list") for found in outline(out).entries.values())
    assert out.count("<h4>") == 3 and '<h3><a href="https' not in out
    # Notes, history and dates are on the category page only (its heading links there).
    assert "A caveat." not in out and "old.example" not in out and "<time" not in out
    full = render.render_category("models", "en", catalogue(*entries, facts=facts))
    assert "A caveat." in full and "old.example/a" in full and "<time" in full


def test_filter_labels_match_what_entries_show() -> None:
    """catalogue.js maps the labels an entry shows to filter values through the options."""
    entries = (
        make("a", kind="model", status="archived", data=("graphs", "images"), level="advanced"),
        make("b", domain=("genomics",), data=("any",)),
    )
    out = render_markers(ALL, "zh", catalogue(*entries), "zh/resources/all.md")
    options = dict(re.findall(r'<option value="([^"]+)">([^<]+)</option>', out))
    for anchor in ("res-a", "res-b"):
        html = entry_html(out, anchor)
        shown = re.findall(r'<span class="cat-(?:kind|status)[^"]*">([^<]+)<', html)
        shown += re.findall(r"<li[^>]*>([^<]+)</li>", html)
        assert shown and all(text in options.values() for text in shown), shown
    labels = list(options.values())
    assert len(labels) == len(set(labels))  # one label, one value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_an_entry_can_show_names_one_value(lang: str) -> None:
    """The schema's labels of kind, status, data, level and field are distinct, so the label an
    entry shows tells catalogue.js which filter value it stands for."""
    seen: dict[str, tuple[str, str]] = {}
    for group in ("kind", "status", "data", "level", "domain"):
        for value in resources.choices(group):
            text = resources.label(group, value, lang)
            assert text not in seen, (text, seen.get(text), (group, value))
            seen[text] = (group, value)


def test_real_catalogue_renders_in_both_languages() -> None:
    loaded = resources.load_catalogue(resources.DEFAULT_DATA)
    for lang in LANGUAGES:
        out = render_markers(ALL, lang, loaded, f"{lang}/resources/all.md")
        entries = outline(out).entries
        assert list(entries) == [f"res-{entry.id}" for entry in loaded.entries]
        assert all(found["parent"] == ("ul", "cat-list") for found in entries.values())


def test_slow_and_unknown_hosts_are_shown_briefly_or_not_at_all() -> None:
    slow = HostAccess(
        hosts=("github.com",),
        level="slow",
        note=Text("Slow.", "较慢。"),
        source="data/access.yaml",
        line=5,
        sources=(Source(Text("A report."), issue="a/b#2"),),
        alternatives=(
            Alternative(Text("Import it.", "导入副本。"), name="Gitee", url="https://gitee.com/"),
        ),
    )
    unknown = HostAccess(
        hosts=("arxiv.org",), level="unknown", note=Text("?", "未知。"), source="a", line=9
    )
    repo = make("repo", url="https://github.com/o/repo")
    paper = make("paper", url="https://arxiv.org/abs/1")
    zh = render.render_category("models", "zh", catalogue(repo, paper, access=(slow, unknown)))
    shown = entry_html(zh, "res-repo")
    assert (
        '<p class="cat-cn cat-cn--slow"><strong>中国大陆访问较慢或部分受限</strong>'
        '<span class="cat-alternatives">替代选择（功能相近的其他服务）：<a href="https://gitee.com/">Gitee</a></span></p>'
    ) in shown
    assert "导入副本" not in shown and "<details" not in shown
    assert "cat-cn" not in entry_html(zh, "res-paper")  # nothing known, nothing claimed

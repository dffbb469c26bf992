"""The field guides: data/fields/*.yaml (scripts/data/fields.py), the fields table
(scripts/render/fields.py), and the shared structure of every field page (FIELDS-SPEC: the
H2 ids in order, 3-5 first projects with Data/Baseline/Model/Validation, the three catalogue
markers on the field's domains, each listing at least two entries)."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from scripts import hooks
from scripts.data import fields, markdown_reader, resources, site_data, ui
from scripts.data.fields import load_fields
from scripts.data.languages import LANGUAGES
from scripts.render import catalogue as catalogue_render
from scripts.render import fields as fields_render
from scripts.render.templates import environment
from tests.helpers import expand

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = resources.load_catalogue(ROOT / "data" / "resources")
FIELDS = load_fields(catalogue=CATALOGUE)

# --- Data ---------------------------------------------------------------------------------------


def test_the_field_files_are_valid_and_every_field_page_has_one() -> None:
    assert FIELDS.problems == ()
    pages = {p.name for p in (ROOT / "docs" / "en" / "fields").glob("*.md")} - {"index.md"}
    assert {Path(f.page).name for f in FIELDS.entries} == pages
    # The index and the start guide list them in the nav's order.
    assert [f.id for f in FIELDS.entries][:2] == ["genomics", "proteins"]


def copy_fields(tmp_path: Path) -> Path:
    folder = tmp_path / "fields"
    shutil.copytree(ROOT / "data" / "fields", folder)
    return folder


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "id: genomics",
            "id: genome",
            "id: 'genome' is not the file name; name the file genome.yaml",
        ),
        (
            "page: fields/genomics.md",
            "page: fields/genome.md",
            "page: page 'fields/genome.md' does not exist (no docs/en/fields/genome.md)",
        ),
        (
            "domains: [genomics]",
            "domains: [genomics, biology]",
            "domains[1]: unknown domain 'biology' (expected one of: genomics,",
        ),
        (
            "first_dataset: genomic-benchmarks",
            "first_dataset: genomic-benchmark",
            "first_dataset: unknown resource id 'genomic-benchmark': not in data/resources/*.yaml "
            "(did you mean 'genomic-benchmarks'?)",
        ),
        (
            "starters: [genomic-benchmarks, encode,",
            "starters: [genomic-benchmarks, encodee,",
            "starters[1]: unknown resource id 'encodee'",
        ),
        (
            "starters: [genomic-benchmarks, encode, cellxgene-census, scanpy, scvi-tools]",
            "starters: [encode, scanpy]",
            "starters: name 3 to 6 starter resources",
        ),
        ("model_family:\n", "model_famly:\n", "model_famly: unknown field (allowed: id, page,"),
        ('  zh: "DNA/RNA', '  zz: "DNA/RNA', "data.zz: unknown field"),
    ],
    ids=["id", "page", "domain", "first-dataset", "starter", "starter-count", "field", "zh"],
)
def test_bad_field_data_is_reported_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    folder = copy_fields(tmp_path)
    line = edit(folder / "genomics.yaml", old, new)
    found = load_fields(folder, catalogue=CATALOGUE).problems
    assert len(found) >= 1, found
    mine = [p for p in found if p.startswith(f"{folder / 'genomics.yaml'}:")]
    assert any(problem in p for p in mine), found
    # The line named is the edited one (or, for a missing text, the mapping that lacks it).
    assert any(re.match(rf".*genomics\.yaml:{line}: ", p) for p in mine), found
    # The bad file is left out; the others still load.
    assert "genomics" not in [f.id for f in load_fields(folder, catalogue=CATALOGUE).entries]


def test_malformed_and_empty_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    folder = copy_fields(tmp_path)
    (folder / "genomics.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (folder / "proteins.yaml").write_text("", encoding="utf-8")
    (folder / "neuroscience.yaml").write_text("- a list\n", encoding="utf-8")
    found = load_fields(folder, catalogue=CATALOGUE).problems
    assert any("genomics.yaml:" in p and "malformed YAML" in p for p in found), found
    assert any(p.endswith("proteins.yaml:1: file: is empty") for p in found), found
    assert any(
        "neuroscience.yaml:1: file: expected a mapping (id, page, domains, ...), got a list" in p
        for p in found
    ), found


def test_a_yml_file_and_a_second_file_for_one_page_are_problems(tmp_path: Path) -> None:
    """A .yml file is not silently skipped, and one page has one field file (else which one
    the page's table shows depends on the file order)."""
    folder = copy_fields(tmp_path)
    text = (folder / "genomics.yaml").read_text(encoding="utf-8")
    (folder / "genomics2.yml").write_text(text.replace("id: genomics", "id: genomics2"), "utf-8")
    (folder / "genomics3.yaml").write_text(text.replace("id: genomics", "id: genomics3"), "utf-8")
    page_line = edit(folder / "genomics.yaml", "page: ", "page: ")
    found = load_fields(folder, catalogue=CATALOGUE).problems
    first = f"{folder / 'genomics.yaml'}:{page_line}"
    again = "page: 'fields/genomics.md' has a field file already ({}); one file per page"
    assert found == (
        f"{folder / 'genomics2.yml'}:1: file: name it 'genomics2.yaml' (use the .yaml suffix)",
        f"{folder / 'genomics2.yml'}:{page_line}: {again.format(first)}",
        f"{folder / 'genomics3.yaml'}:{page_line}: {again.format(first)}",
    )


def test_bad_field_data_stops_the_build_once_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edit(data / "fields" / "genomics.yaml", "id: genomics", "id: genome")
    edit(data / "fields" / "proteins.yaml", "first_dataset: ", "first_dataset: no-such-")
    monkeypatch.setattr(site_data, "DATA", data)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PluginError) as raised:
        hooks.on_config({})
    lines = str(raised.value).splitlines()
    assert lines[0] == "Invalid data, nothing was built:"
    assert len(lines) == 3, lines
    assert lines[1].startswith("data/fields/genomics.yaml:1: id: 'genome' is not the file name")
    assert lines[2].startswith("data/fields/proteins.yaml:")
    assert "first_dataset: unknown resource id 'no-such-" in lines[2]


# --- The fields table ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_marker_renders_one_card_per_field(lang: str) -> None:
    html = expand(
        "<!-- fields: table -->\n",
        lang,
        f"{lang}/fields.md",
        fields=FIELDS,
        catalogue=CATALOGUE,
    )
    soup = BeautifulSoup(html, "html.parser")
    cards = soup.select("li.fields-card")
    assert [c["id"] for c in cards] == [f"field-{f.id}" for f in FIELDS.entries]
    for card, field in zip(cards, FIELDS.entries, strict=True):
        title = card.select_one(".fields-card__title a")
        assert title["href"] == f"{Path(field.page).stem}/"
        page_title = markdown_reader.split_page(
            (ROOT / "docs" / lang / field.page).read_text(encoding="utf-8")
        )[0]["title"]
        assert title.get_text() == page_title
        assert [dt.get_text() for dt in card.select("dt")] == [
            ui.text(f"fields.{key}", lang)
            for key in ("data", "templates", "first_dataset", "model_family", "pitfall")
        ]
        dds = card.select("dd")
        assert dds[0].get_text() == field.data.get(lang)
        assert dds[2].a["href"] == CATALOGUE.get(field.first_dataset).url
        assert dds[4].get_text() == field.pitfall.get(lang)


def test_table_text_from_data_is_escaped() -> None:
    bad = fields.Field(
        **{
            **FIELDS.entries[0].__dict__,
            "data": resources.Text(en="<b>a</b> & b | c", zh="<i>甲</i>"),
        }
    )
    html = fields_render.render_marker(
        "table", "en", fields.Fields((bad,), ()), CATALOGUE, "fields.md"
    )
    assert "&lt;b&gt;a&lt;/b&gt; &amp; b | c" in html
    assert "<b>" not in html


def test_a_malformed_fields_marker_names_the_page() -> None:
    with pytest.raises(
        ValueError, match="docs/en/fields.md:1: marker: malformed '<!-- fields: list -->'"
    ):
        expand(
            "<!-- fields: list -->\n",
            "en",
            "en/fields.md",
            fields=FIELDS,
            catalogue=CATALOGUE,
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_index_page_shows_the_cards(site: dict, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    soup = BeautifulSoup(
        (site["dir"] / prefix / "fields" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "<!-- fields:" not in str(soup)
    cards = soup.select("article li.fields-card")
    assert len(cards) == len(FIELDS.entries) == 7


# --- The structure of a field page -------------------------------------------------------------

H2_IDS = [
    "data-and-templates",
    "milestones",
    "first-projects",
    "datasets",
    "models-and-tools",
    "courses-and-communities",
    "pitfalls",
    "access-from-china",
]
OPTIONAL_END = ["key-references"]
PROJECT_LABELS = {
    "en": ["Data:", "Baseline:", "Model:", "Validation:"],
    "zh": ["数据：", "基线：", "模型：", "验证："],
}
MARKER_KINDS = {
    "datasets": "dataset,benchmark,data-portal",
    "models-and-tools": "model,model-hub,library,framework,tool,service,code-collection",
    "courses-and-communities": (
        "course,tutorial,book,community,event,curated-list,publication,paper-index"
    ),
}
BULLET_RE = re.compile(r"^- \*\*(?P<label>[^*]+)\*\*")


def structure_problems(
    text: str, lang: str, field: fields.Field, catalogue: resources.Catalogue = CATALOGUE
) -> list[str]:
    """What a field page's Markdown breaks of the shared structure (empty: nothing)."""
    found: list[str] = []
    meta, body, first = markdown_reader.split_page(text)
    for key in ("title", "description"):
        if not str(meta.get(key) or "").strip():
            found.append(
                f"front matter: no {key} (is the front matter valid YAML? quote a text with ': ')"
            )
    heads = markdown_reader.headings(body, first)
    h2 = [h.id for h in heads if h.level == 2]
    if h2 not in (H2_IDS, H2_IDS + OPTIONAL_END):
        found.append(f"H2 ids {h2}, expected {H2_IDS} (+ {OPTIONAL_END} at the end)")
    lines = body.split("\n")
    sections: dict[str, list[str]] = {}
    current = None
    for number, (line, code) in enumerate(markdown_reader.fenced(lines)):
        head = next((h for h in heads if h.line - first == number), None)
        if head is not None and head.level == 2:
            current = head.id
        elif current is not None and not code:
            sections.setdefault(current, []).append(line)
    blocks: list[list[str]] = []
    for line in sections.get("first-projects", []):
        if re.match(r"^### .*\{ #project-[a-z0-9-]+ \}$", line):
            blocks.append([])
        elif blocks and (match := BULLET_RE.match(line)):
            blocks[-1].append(match["label"])
    if not 3 <= len(blocks) <= 5:
        found.append(f"{len(blocks)} first projects, expected 3 to 5")
    for index, labels in enumerate(blocks):
        if labels != PROJECT_LABELS[lang]:
            found.append(f"project {index + 1}: bullets {labels}, expected {PROJECT_LABELS[lang]}")
    domains = ",".join(field.domains)
    for section, kinds in MARKER_KINDS.items():
        marker = f"<!-- resources: domain={domains} kind={kinds} -->"
        if marker not in sections.get(section, []):
            found.append(f"section #{section} lacks the line {marker}")
            continue
        listed = catalogue_render.matching(
            catalogue, {"domain": field.domains, "kind": tuple(kinds.split(","))}
        )
        if len(listed) < 2:
            found.append(f"section #{section} lists {len(listed)} entries, expected at least 2")
    return found


FIELD_PAGES = [(lang, f) for lang in LANGUAGES for f in FIELDS.entries]


@pytest.mark.parametrize(("lang", "field"), FIELD_PAGES, ids=lambda v: getattr(v, "id", v))
def test_each_field_page_follows_the_shared_structure(lang: str, field: fields.Field) -> None:
    text = (ROOT / "docs" / lang / field.page).read_text(encoding="utf-8")
    assert structure_problems(text, lang, field) == []


GOOD = (ROOT / "docs" / "en" / "fields" / "genomics.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("## Milestones { #milestones }", "## Milestones { #history }", "H2 ids"),
        ("- **Baseline:**", "- **Base line:**", "project 1: bullets"),
        ("- **Validation:**", "- Validation:", "project 1: bullets"),
        (
            "<!-- resources: domain=genomics kind=dataset,benchmark,data-portal -->",
            "<!-- resources: domain=proteins kind=dataset,benchmark,data-portal -->",
            "section #datasets lacks the line",
        ),
        ("### ", "#### ", "first projects, expected 3 to 5"),
        ("description: ", "description: Start here: ", "front matter: no description"),
    ],
    ids=["h2", "label", "not-bold", "wrong-domain", "too-few-projects", "front-matter"],
)
def test_the_structure_check_catches_a_broken_page(old: str, new: str, problem: str) -> None:
    field = FIELDS.get("genomics")
    assert structure_problems(GOOD, "en", field) == []
    broken = GOOD.replace(old, new, 1) if old != "### " else GOOD.replace(old, new)
    found = structure_problems(broken, "en", field)
    assert any(problem in p for p in found), found


def test_the_structure_check_catches_a_list_with_fewer_than_two_entries() -> None:
    kinds = MARKER_KINDS["courses-and-communities"].split(",")
    field = FIELDS.get("genomics")
    keep = [e for e in CATALOGUE.entries if not ("genomics" in e.domain and e.kind in kinds)]
    keep += [e for e in CATALOGUE.entries if "genomics" in e.domain and e.kind in kinds][:1]
    thin = resources.Catalogue(entries=tuple(keep), problems=())
    found = structure_problems(GOOD, "en", field, thin)
    assert found == ["section #courses-and-communities lists 1 entries, expected at least 2"]


# --- Search: the field pages are found by everyday words ---------------------------------------

SEARCH_WORDS = {
    "en": {
        "genomics": ["single-cell", "gene expression", "DNA sequence"],
        "proteins": ["protein structure", "protein design"],
        "chemistry-materials": ["molecules", "crystal", "drug"],
        "medicine-imaging": ["pathology", "MRI", "X-ray"],
        "earth-climate": ["weather forecast", "climate", "satellite"],
        "physics-astronomy": ["particle physics", "galaxy", "sky survey", "astronomy"],
        "neuroscience": ["neurons", "calcium imaging", "spike sorting"],
    },
    "zh": {
        "genomics": ["单细胞", "基因表达", "DNA 序列"],
        "proteins": ["蛋白质结构", "蛋白质设计"],
        "chemistry-materials": ["分子", "晶体", "药物"],
        "medicine-imaging": ["病理", "医学影像", "MRI"],
        "earth-climate": ["天气预报", "气候", "卫星"],
        "physics-astronomy": ["粒子物理", "星系", "巡天", "天文学"],
        "neuroscience": ["神经元", "钙成像", "放电"],
    },
}
HAN_RE = re.compile(r"[\u3400-\u9fff]+")


def search_pages(index: dict) -> tuple[dict[str, set[str]], set[str]]:
    """Each page's words as the theme's search sees them (split on the configured separator,
    lower-cased), and every word of the index."""
    separator = re.compile(index["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
        words = {word.lower() for word in separator.split(text) if word}
        pages.setdefault(doc["location"].split("#")[0], set()).update(words)
    return pages, set().union(*pages.values())


def query_words(query: str, vocabulary: set[str], separator: str) -> list[str]:
    """The query's words as the theme's search worker makes them: Chinese runs are cut into the
    longest words the index has (each then matched as a prefix), the rest split on the
    separator."""
    words: list[str] = []
    for part in re.split(separator, query.lower()):
        rest = part
        while rest:
            han = HAN_RE.match(rest)
            if not han:
                cut = HAN_RE.search(rest)
                words.append(rest[: cut.start()] if cut else rest)
                rest = rest[cut.start() :] if cut else ""
                continue
            run = han.group()
            size = next((n for n in range(len(run), 0, -1) if run[:n] in vocabulary), 1)
            words.append(run[:size])
            rest = rest[size:]
    return [word for word in words if word]


def pages_found(index: dict, query: str) -> list[str]:
    pages, vocabulary = search_pages(index)
    words = query_words(query, vocabulary, index["config"]["separator"])
    return sorted(
        page
        for page, have in pages.items()
        if all(any(word_ == w or word_.startswith(w) for word_ in have) for w in words)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_field_pages_are_found_by_everyday_words(site: dict, lang: str) -> None:
    import json

    prefix = "" if lang == "en" else f"{lang}/"
    index = json.loads((site["dir"] / prefix / "search" / "search_index.json").read_text("utf-8"))
    missed = [
        f"{query!r} does not find fields/{field_id}/"
        for field_id, queries in SEARCH_WORDS[lang].items()
        for query in queries
        if f"fields/{field_id}/" not in pages_found(index, query)
    ]
    assert not missed, missed


def test_the_search_check_cuts_chinese_like_the_worker() -> None:
    vocabulary = {"蛋白质", "结构", "蛋白"}
    assert query_words("蛋白质结构", vocabulary, r"\s+") == ["蛋白质", "结构"]
    assert query_words("DNA 序列", {"序列"}, r"\s+") == ["dna", "序列"]
    index = {
        "config": {"separator": r"[\s\u200b]+"},
        "docs": [
            {"location": "a/", "title": "A", "text": "蛋白质\u200b结构\u200b预测"},
            {"location": "b/#x", "title": "B", "text": "蛋白质\u200b序列"},
        ],
    }
    assert pages_found(index, "蛋白质结构") == ["a/"]
    assert pages_found(index, "天气") == []


def test_the_pdf_has_the_field_guides_after_the_survey_pages() -> None:
    from scripts.build import pdf
    from scripts.data import site_paths

    config = site_paths.load_config()
    chapters = pdf.book_pages(config["nav"], {})
    kinds = [c.kind for c in chapters]
    assert kinds == sorted(kinds, key=["survey", "field", "back"].index)
    fields_part = [c.src for c in chapters if c.kind == "field"]
    assert fields_part == ["fields.md", *(f.page for f in FIELDS.entries)]
    assert chapters[kinds.index("field")].label == "Where to start, by field"


def test_starters_link_like_res_links_with_mirrors_on_the_chinese_site() -> None:
    blocked = next(
        e for e in CATALOGUE.entries if e.cn_access and e.cn_access.level == "blocked" and e.mirrors
    )
    zh = fields_render.resource_view(CATALOGUE, blocked.id, "zh", "start.md")
    en = fields_render.resource_view(CATALOGUE, blocked.id, "en", "start.md")
    assert zh["href"] == en["href"] == blocked.url
    assert [m.url for m in zh["mirrors"]] == [m.url for m in blocked.mirrors]
    assert en["mirrors"] == ()
    gone = next(e for e in CATALOGUE.entries if e.status == "dead")
    assert fields_render.resource_view(CATALOGUE, gone.id, "en", "start.md")["href"] == (
        f"../resources/all/#res-{gone.id}"
    )


def test_a_starter_on_a_blocked_host_names_its_mirrors_like_the_catalogue() -> None:
    """Access is inherited from data/access.yaml's host records, as on the catalogue pages and in
    the start guide, not read from the entry's own cn_access alone."""
    entry = next(e for e in CATALOGUE.entries if e.mirrors)
    host = entry.url.split("/")[2]
    record = resources.HostAccess((host,), "blocked", resources.Text("x", "x"), "a.yaml", 1)
    own_only = dataclasses.replace(entry, cn_access=None)
    catalogue = resources.Catalogue((own_only,), (), access=(record,))
    zh = fields_render.resource_view(catalogue, entry.id, "zh", "start.md")
    assert [m.url for m in zh["mirrors"]] == [m.url for m in entry.mirrors]
    unblocked = resources.Catalogue((own_only,), ())
    assert fields_render.resource_view(unblocked, entry.id, "zh", "start.md")["mirrors"] == ()


def test_a_starter_on_a_blocked_host_names_its_alternatives_like_the_start_guide() -> None:
    entry = next(e for e in CATALOGUE.entries if not e.mirrors and not e.alternatives)
    other = resources.Alternative(resources.Text("x", "x"), name="Elsewhere", url="https://e.cn/")
    host = entry.url.split("/")[2]
    text = resources.Text("x", "x")
    record = resources.HostAccess((host,), "blocked", text, "a.yaml", 1, alternatives=(other,))
    own_only = dataclasses.replace(entry, cn_access=None)
    catalogue = resources.Catalogue((own_only,), (), access=(record,))
    card = environment().get_template("fields/resource.html").module.resource  # type: ignore[attr-defined]
    zh = card(fields_render.resource_view(catalogue, entry.id, "zh", "x.md"), "zh")
    en = card(fields_render.resource_view(catalogue, entry.id, "en", "x.md"), "en")
    assert '<a href="https://e.cn/">Elsewhere</a>' in zh
    assert "Elsewhere" not in en


def test_the_check_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fields.main(["check"]) == 0
    assert capsys.readouterr().out == f"OK: {len(FIELDS.entries)} fields, no problems.\n"
    folder = copy_fields(tmp_path)  # and it fails on bad data (make check relies on it)
    edit(folder / "genomics.yaml", "id: genomics", "id: genomic")
    monkeypatch.setattr(fields, "DEFAULT_DIR", folder)
    assert fields.main(["check"]) == 1
    assert "genomics.yaml:" in capsys.readouterr().out

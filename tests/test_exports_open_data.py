"""The catalogue as open data (scripts/exports/open_data.py): resources.json against the data
schema, resources.csv, and the schema.org JSON-LD of the All resources page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from scripts.build import csp
from scripts.data import resources
from scripts.exports import open_data
from scripts.render.cite_page import BuildInfo

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = resources.load_catalogue(resources.DEFAULT_DATA)
# What each schema.org type must have here (Google's rich-result rules ask for name and
# description on a Dataset; a LearningResource names its kind and level).
REQUIRED = {
    "SoftwareSourceCode": ("name", "url"),
    "Dataset": ("name", "url", "description"),
    "LearningResource": ("name", "url", "learningResourceType"),
    "CreativeWork": ("name", "url"),
}


def test_resources_json_entries_are_valid_catalogue_entries(site: dict) -> None:
    document = json.loads((site["dir"] / "exports" / "resources.json").read_text(encoding="utf-8"))
    assert document["licence"] == "CC-BY-4.0"
    schema = json.loads((site["dir"] / "exports" / document["schema"]).read_text(encoding="utf-8"))
    # the schema as published: its $id is where the site serves it
    assert schema == {**resources.schema(), "$id": site["base"] + "exports/resource.schema.json"}
    validator = jsonschema.Draft202012Validator(schema)
    rows = document["resources"]
    entries = [{k: v for k, v in row.items() if k != "category"} for row in rows]
    errors = [e.message for e in validator.iter_errors(entries)]
    assert not errors, errors[:5]
    assert {r["id"]: r["category"] for r in rows} == {e.id: e.category for e in CATALOGUE.entries}
    assert len(rows) == len(CATALOGUE.entries)
    assert len(document["commit"]) in (0, 40)


def test_the_published_schema_names_its_own_address(tmp_path: Path) -> None:
    info = BuildInfo(dt.date(2026, 1, 1), "")
    open_data.write(tmp_path, info, "https://x.org/site/exports/")
    text = (tmp_path / "resource.schema.json").read_text(encoding="utf-8")
    source = resources.SCHEMA_PATH.read_text(encoding="utf-8")
    assert json.loads(text)["$id"] == "https://x.org/site/exports/resource.schema.json"
    assert text.replace("https://x.org/site/exports/", "") == source.replace(
        json.loads(source)["$id"], "resource.schema.json"
    )  # otherwise the file as written


def test_resources_csv_has_one_row_per_entry(site: dict) -> None:
    raw = (site["dir"] / "exports" / "resources.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the Chinese text
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == open_data.CSV_COLUMNS
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows) == len(CATALOGUE.entries)
    for entry in CATALOGUE.entries:
        row = by_id[entry.id]
        assert row["url"] == entry.url and row["status"] == entry.status
        assert row["description_zh"] == entry.description.zh
        assert row["data"].split(";") == list(entry.data)
        assert row["reviewed"] == (str(entry.review.date) if entry.review else "")


def test_csv_reviewed_is_the_day_of_the_entry_review() -> None:
    rows = {e["id"]: open_data.csv_row(e) for e in open_data.load_entries()}
    reviewed = [e for e in CATALOGUE.entries if e.review]
    assert reviewed  # else this test tests nothing
    for entry in CATALOGUE.entries:
        assert rows[entry.id]["reviewed"] == (str(entry.review.date) if entry.review else "")


def json_ld(path: Path) -> list[dict]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_catalogue_page_carries_json_ld_for_every_live_entry(site: dict, lang: str) -> None:
    page = site["dir"] / ("" if lang == "en" else "zh") / "resources" / "all" / "index.html"
    (graph,) = json_ld(page)
    assert graph["@context"] == "https://schema.org"
    nodes = {node["@id"]: node for node in graph["@graph"]}
    live = [e for e in CATALOGUE.entries if e.status != "dead"]
    assert len(nodes) == len(live)
    for entry in live:
        node = nodes[f"#res-{entry.id}"]
        assert node["@type"] == open_data.KIND_TYPES.get(entry.kind, "CreativeWork")
        for name in REQUIRED[node["@type"]]:
            assert node.get(name), f"{entry.id}: {name}"
        if node["@type"] == "Dataset":
            assert node["description"] == entry.description.get(lang)
        if node["@type"] == "SoftwareSourceCode" and entry.github_repo:
            assert node["codeRepository"].startswith("https://github.com/" + entry.github_repo)
        assert node["url"] == entry.url
    types = {node["@type"] for node in nodes.values()}
    assert {"SoftwareSourceCode", "Dataset", "LearningResource"} <= types
    # Data, not a script: the page's policy has nothing to allow for it.
    assert not [p for p in csp.problems(page.parent) if "index.html" in p]
    assert all("ld+json" not in s for s in csp.inline_scripts(page.read_text(encoding="utf-8")))


def test_every_kind_has_a_schema_org_type() -> None:
    kinds = set(resources.choices("kind"))
    mapped = set(open_data.KIND_TYPES)
    assert mapped <= kinds, mapped - kinds
    assert kinds - mapped == {"community", "event", "service"}  # CreativeWork on purpose


def test_text_cannot_end_the_json_ld_script() -> None:
    entry = replace(
        CATALOGUE.entries[0],
        id="x",
        name="</script><script>alert(1)</script>",
        url="https://example.org/",
        repository=None,
        description=resources.Text(en="a & b <c>", zh="甲"),
        kind="library",
        status="active",
    )
    text = open_data.json_ld([entry], "en")
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["@graph"][0]["name"] == entry.name
    dataset = replace(entry, kind="dataset")
    assert json.loads(open_data.json_ld([dataset], "en"))["@graph"][0]["description"] == "a & b <c>"


def test_catalogue_page_links_its_open_data(site: dict) -> None:
    for lang_dir in ("", "zh/"):
        page = site["dir"] / f"{lang_dir}resources/all/index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.select("p.exports-downloads a")][:3]
        assert [h.rsplit("/", 1)[-1] for h in hrefs] == [
            "resources.json",
            "resources.csv",
            "resource.schema.json",
        ]
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), href


def test_exports_write_refuses_invalid_data_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """By hand as in the build: a data problem is listed and no file is written (a broken
    catalogue file once gave open data without its entries)."""
    from scripts.data import site_data
    from scripts.exports import site

    problem = "data/resources/models.yaml:3: id: duplicate id 'x'"
    monkeypatch.setattr(site_data, "problems", lambda _data: [problem])
    out = tmp_path / "site"
    assert site.main(["write", str(out)]) == 1
    assert problem in capsys.readouterr().out
    assert not out.exists()

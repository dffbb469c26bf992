"""scripts/data/resources.py: the data, its validator (one bad file per rule), CLI.

Rendering is tested in tests/test_catalogue.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.data import resources
from scripts.data.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
HEADER = resources.SCHEMA_HEADER
R = "  review: {date: 2026-12-01, sources: [{url: https://example.org/a, established: {en: X.}}]}"
SEED_URLS = Path(__file__).with_name("seed_urls.txt")

# A valid entry; line 1 of the file is the header, line 2 is blank, so this entry starts at line 3.
GOOD = """\
- id: {id}
  name: Example
  url: https://example.org/
  description:
    en: An example resource.
    zh: 一个示例资源。
  tags:
    data: [images]
    domain: [any]
    level: beginner
    kind: library
    status: active
  review: {{date: 2026-12-01, sources: [{{url: https://example.org/a, established: {{en: X.}}}}]}}
"""


def write(directory: Path, name: str, body: str, header: bool = True) -> Path:
    path = directory / name
    path.write_text((HEADER + "\n\n" if header else "") + body, encoding="utf-8")
    return path


def check(*paths: Path) -> list[str]:
    _, found = resources.check_paths(list(paths))
    return [str(problem) for problem in found]


def entry(**changes: str) -> str:
    """GOOD with some lines replaced: entry(url="  url: file:///etc/passwd")."""
    lines = GOOD.format(id=changes.pop("id", "example")).splitlines()
    for key, replacement in changes.items():
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
        lines[index] = replacement
    return "\n".join(lines) + "\n"


# --- The real data ------------------------------------------------------------------------------


def test_real_data_passes() -> None:
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    assert list(catalogue.problems) == []
    assert len(catalogue.entries) >= 45
    for category in resources.categories():
        assert catalogue.in_category(category), f"no resources in {category}"


def test_every_data_file_is_a_known_category() -> None:
    names = {path.stem for path in resources.DEFAULT_DATA.glob("*.yaml")}
    assert names == set(resources.categories())


def test_every_seed_url_is_in_the_data() -> None:
    wanted = [
        line.strip()
        for line in SEED_URLS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    present = {entry.survey_url for entry in catalogue.entries if entry.survey_url}
    missing = [url for url in wanted if url not in present]
    assert not missing, "seed URLs that are no entry's survey_url:\n" + "\n".join(missing)
    assert len(wanted) >= 30
    # Every survey address is a seed address: survey_url records what the survey printed.
    extra = sorted(present - set(wanted))
    assert not extra, "survey_url values that are not in tests/seed_urls.txt:\n" + "\n".join(extra)


def test_no_entry_claims_a_check_that_did_not_happen() -> None:
    """Dates in YAML are human reviews only; link-check dates come from facts.json alone."""
    for path in resources.DEFAULT_DATA.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "\n  checked:" not in text, path
    facts = resources.DEFAULT_DATA / resources.FACTS_FILE
    if facts.exists():
        import json

        data = json.loads(facts.read_text(encoding="utf-8"))
        assert data["generated"]
        # A check date only where the check fetched the address (never for an ignored host).
        for facts in data["entries"].values():
            assert ("checked" in facts) == ("link" not in facts), facts


def test_schema_labels_cover_every_value_in_both_languages() -> None:
    for group in ("data", "domain", "level", "kind", "status", "category", "cn_level"):
        for value in resources.choices(group):
            for lang in LANGUAGES:
                assert resources.label(group, value, lang).strip(), (group, value, lang)


# --- One bad file per rule ----------------------------------------------------------------------


def test_good_file_has_no_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry())
    assert check(path) == []


def test_malformed_yaml_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry() + "- id: broken\n  name: [unclosed\n")
    found = check(path)
    assert len(found) == 1
    assert re.fullmatch(rf"{re.escape(str(path))}:1[78]: yaml: malformed YAML: .+", found[0]), found


def test_duplicate_key_is_malformed_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry() + "  name: Again\n")
    assert check(path) == [
        f'{path}:16: yaml: malformed YAML: while constructing a mapping found duplicate key "name" '
        'with value "Again" (original value: "Example")'
    ]


def test_unknown_and_missing_fields_are_all_reported(tmp_path: Path) -> None:
    body = entry(name="  homepage: https://example.org/", review="  licence: MIT")
    body = body.replace("  url: https://example.org/\n", "")
    path = write(tmp_path, "models.yaml", body)
    allowed = ", ".join(resources.schema()["$defs"]["resource"]["properties"])
    assert check(path) == [
        f"{path}:3: name: missing required field",
        f"{path}:3: url: missing required field",
        f"{path}:4: homepage: unknown field (allowed: {allowed})",
        f"{path}:14: licence: unknown field (allowed: {allowed})",
    ]


def test_missing_language_texts(tmp_path: Path) -> None:
    body = entry(en="    fr: Bonjour.")
    body += entry(id="second", url="  url: https://example.org/2", zh="    de: Hallo.")
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:6: description.en: missing required field",
        f"{path}:7: description.fr: unknown field (allowed: en, zh)",
        f"{path}:19: description.zh: missing required field",
        f"{path}:21: description.de: unknown field (allowed: en, zh)",
    ]


def test_chinese_text_must_be_chinese_and_the_entry_stays(tmp_path: Path) -> None:
    """A cross-check, not a schema rule: the entry is still built, so the slip is one problem,
    not one more for every page or guide that names the entry's id."""
    path = write(tmp_path, "models.yaml", entry(zh="    zh: An example resource."))
    assert check(path) == [
        f"{path}:8: description.zh: contains no Chinese characters; write the Chinese text"
    ]
    loaded, _ = resources.check_paths([path])
    assert [resource.id for resource in loaded] == ["example"]
    mirror = "  mirrors:\n    - name: M\n      url: https://m.example.org/\n      official: true\n"
    mirror += "      note:\n        en: The same files.\n        zh: The same files.\n  review:"
    path = write(tmp_path, "models.yaml", entry().replace("  review:", mirror))
    assert check(path) == [
        f"{path}:21: mirrors[0].note.zh: contains no Chinese characters; write the Chinese text"
    ]


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "books.yaml", entry(id="same"))
    second_body = entry(id="other", url="  url: https://example.org/other") + "\n"
    second_body += entry(id="same", url="  url: https://example.org/third")
    second = write(tmp_path, "models.yaml", second_body)
    assert check(tmp_path) == [
        f"{second}:17: id: duplicate id 'same' (first defined at {first}:3)",
    ]


def test_duplicate_ids_on_one_line_are_reported(tmp_path: Path) -> None:
    """Two entries in one flow-style line share a place: the second id is still a duplicate."""
    one, two = (
        yaml.safe_load(entry(id="dup", url=f"  url: https://example.org/{n}"))[0] for n in (1, 2)
    )
    body = yaml.safe_dump([one, two], default_flow_style=True, width=100_000, allow_unicode=True)
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [f"{path}:3: id: duplicate id 'dup' (first defined at {path}:3)"]


def test_duplicate_urls_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry(id="one") + "\n" + entry(id="two"))
    assert check(path) == [
        f"{path}:19: url: same address as 'one' (at {path}:5); one address belongs to one "
        "entry: merge the two entries",
    ]


def test_non_http_schemes_are_rejected(tmp_path: Path) -> None:
    body = entry(id="one", url="  url: javascript:alert(1)") + "\n"
    body += entry(id="two", url="  url: file:///etc/passwd") + "\n"
    body += entry(id="three", url="  url: example.org/page")
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:5: url: 'javascript:alert(1)' uses 'javascript:'; "
        "only http and https links are allowed",
        f"{path}:19: url: 'file:///etc/passwd' uses 'file:'; only http and https links are allowed",
        f"{path}:33: url: 'example.org/page' has no scheme (write 'https://...')",
    ]


def test_colon_for_dot_hosts_get_a_hint(tmp_path: Path) -> None:
    body = entry(url="  url: https://pytorch:org/docs/stable/torchvision/models:html")
    body = body.replace(
        "  description:", "  survey_url: https://colab:research:google:com/x\n  description:"
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:5: url: 'https://pytorch:org/docs/stable/torchvision/models:html' "
        "is not a valid URL "
        "(did you mean 'pytorch.org'?)",
        f"{path}:6: survey_url: 'https://colab:research:google:com/x' is not a valid URL "
        "(did you mean 'colab.research.google.com'?)",
    ]


def test_other_bad_hosts(tmp_path: Path) -> None:
    body = entry(id="one", url="  url: https://www.IPAM.ucla.edu/x") + "\n"
    body += entry(id="two", url="  url: https://localhost/x") + "\n"
    body += entry(id="three", url="  url: https://exa_mple.org/x")
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:5: url: 'https://www.IPAM.ucla.edu/x': "
        "write the host in lowercase ('www.ipam.ucla.edu')",
        f"{path}:19: url: 'https://localhost/x' is not a valid URL (malformed host 'localhost')",
        f"{path}:33: url: 'https://exa_mple.org/x' "
        "is not a valid URL (malformed host 'exa_mple.org')",
    ]


def test_a_user_name_in_a_url_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry(url="  url: https://user:pw@example.org/"))
    assert check(path) == [
        f"{path}:5: url: 'https://user:pw@example.org/' contains a user name; remove it"
    ]


def test_unknown_tag_values_and_status(tmp_path: Path) -> None:
    body = entry(
        data="    data: [images, audio]",
        level="    level: expert",
        kind="    kind: blog",
        status="    status: abandoned",
    )
    path = write(tmp_path, "models.yaml", body)
    kinds = ", ".join(resources.choices("kind"))
    assert check(path) == [
        f"{path}:10: tags.data[1]: unknown value 'audio' "
        "(expected one of: images, sequences, graphs, tabular, structures, gridded, any)",
        f"{path}:12: tags.level: unknown value 'expert' "
        "(expected one of: beginner, intermediate, advanced)",
        f"{path}:13: tags.kind: unknown value 'blog' (expected one of: {kinds})",
        f"{path}:14: tags.status: unknown value 'abandoned' "
        "(expected one of: active, maintenance, archived, finished, superseded, withdrawn, dead)",
    ]


def test_tag_lists(tmp_path: Path) -> None:
    body = entry(id="one", data="    data: []") + "\n"
    body += (
        entry(id="two", url="  url: https://example.org/2", data="    data: [any, images]") + "\n"
    )
    body += entry(id="three", url="  url: https://example.org/3", data="    data: [graphs, graphs]")
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:10: tags.data: must list at least one value",
        f"{path}:24: tags.data: 'any' cannot be combined with other data types",
        f"{path}:38: tags.data: lists the same value twice",
    ]


def test_empty_strings(tmp_path: Path) -> None:
    body = entry(name='  name: ""', en="    en: '   '", zh="    zh:")
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:4: name: must not be empty",
        f"{path}:7: description.en: must not be empty",
        f"{path}:8: description.zh: must not be empty",
    ]


def test_bad_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "models.yaml", entry(id="Not_Kebab"))
    assert check(path) == [
        f"{path}:3: id: 'Not_Kebab' is not kebab-case (lowercase letters, digits, single hyphens)"
    ]


def test_bad_dates(tmp_path: Path) -> None:
    def dated(value: str) -> str:
        return R.replace("date: 2026-12-01", f"date: {value}")

    body = entry(id="one", review=dated("2026-13-45")) + "\n"
    body += entry(id="two", url="  url: https://example.org/2", review=dated("23/11/2026")) + "\n"
    body += entry(id="three", url="  url: https://example.org/3", review=dated("20261123"))
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:15: review.date: '2026-13-45' is not a valid date (write YYYY-MM-DD)",
        f"{path}:29: review.date: '23/11/2026' is not a valid date (write YYYY-MM-DD)",
        f"{path}:43: review.date: 20261123 is not a valid date (write YYYY-MM-DD)",
    ]


def test_address_history_rules(tmp_path: Path) -> None:
    one = entry(id="one").replace(
        "  description:",
        "  former_urls: [https://example.org/, https://old.example.org/]\n"
        "  repository: https://gitlab.com/x/y\n  description:",
    )
    two = entry(id="two", url="  url: https://example.org/2").replace(
        "  description:", "  survey_url: https://old.example.org/\n  description:"
    )
    three = entry(id="three", url="  url: https://github.com/a/b").replace(
        "  description:",
        "  former_ids: [two]\n  repository: https://github.com/a/c\n  description:",
    )
    path = write(tmp_path, "models.yaml", one + "\n" + two + "\n" + three)
    assert check(path) == [
        f"{path}:6: former_urls[0]: is the same as url; remove it from former_urls",
        f"{path}:7: repository: 'https://gitlab.com/x/y' is not a GitHub repository address "
        "(write 'https://github.com/<owner>/<name>')",
        f"{path}:22: survey_url: same address as 'one' (at {path}:6); one address belongs to "
        "one entry: merge the two entries",
        f"{path}:37: former_ids: 'two' is the id of another entry (at {path}:19)",
        f"{path}:38: repository: url is already a GitHub repository; remove repository",
    ]


def test_a_former_id_belongs_to_one_entry_and_is_not_its_own_id(tmp_path: Path) -> None:
    """Two claims of one former id would make it resolve to whichever entry comes first."""
    one = entry(id="one").replace("  description:", "  former_ids: [old, one]\n  description:")
    two = entry(id="two", url="  url: https://example.org/2")
    two = two.replace("  description:", "  former_ids: [old]\n  description:")
    path = write(tmp_path, "models.yaml", one + "\n" + two)
    assert check(path) == [
        f"{path}:6: former_ids: 'one' is this entry's own id; remove it",
        f"{path}:21: former_ids: 'old' is already a former id of 'one' (at {path}:6); "
        "a former id belongs to one entry: remove one of them",
    ]


def test_a_repository_mistake_is_one_problem_and_keeps_the_entry(tmp_path: Path) -> None:
    """A cross-check, not a schema rule: the entry stays in the catalogue, so the start guide
    and other readers of its id do not report it missing as well."""
    body = ""
    for id_, url, repository in [
        ("one", "https://example.org/1", "https://gitlab.com/x/y"),
        ("two", "https://example.org/2", "github.com/x/z"),
        ("three", "https://github.com/a/b", "https://github.com/a/c"),
    ]:
        body += entry(id=id_, url=f"  url: {url}\n  repository: {repository}") + "\n"
    path = write(tmp_path, "models.yaml", body)
    kept, found = resources.check_paths([path])
    assert [str(problem) for problem in found] == [
        f"{path}:6: repository: 'https://gitlab.com/x/y' is not a GitHub repository address "
        "(write 'https://github.com/<owner>/<name>')",
        f"{path}:21: repository: 'github.com/x/z' has no scheme (write 'https://...')",
        f"{path}:36: repository: url is already a GitHub repository; remove repository",
    ]
    assert [resource.id for resource in kept] == ["one", "two", "three"]


def test_an_alternative_by_id_names_an_entry(tmp_path: Path) -> None:
    alternative = (
        "  alternatives: [{{id: {}, note: {{en: Use it., zh: 改用它。}}}}]\n  description:"
    )
    one = entry(id="one").replace("  description:", alternative.format("nobody"))
    two = entry(id="two", url="  url: https://example.org/2")
    three = entry(id="three", url="  url: https://example.org/3")
    path = write(
        tmp_path,
        "models.yaml",
        one + "\n" + two.replace("  description:", alternative.format("three")) + "\n" + three,
    )
    assert check(path) == [
        f"{path}:6: alternatives[0].id: no catalogue entry has the id 'nobody'",
    ]


def test_an_alternative_id_that_is_not_text_is_one_problem(tmp_path: Path) -> None:
    alternative = "  alternatives: [{id: 7, note: {en: Use it., zh: 改用它。}}]\n  description:"
    path = write(tmp_path, "models.yaml", entry().replace("  description:", alternative))
    assert check(path) == [f"{path}:6: alternatives[0].id: expected text, got a number"]
    access = ACCESS_GOOD.replace("{id: other,", "{id: [other],")
    catalogue = _catalogue_with_access(tmp_path, access, entry(id="other"))
    where = tmp_path / "access.yaml"
    assert list(catalogue.problems) == [f"{where}:6: alternatives[0].id: expected text, got a list"]


def test_lists_of_ids_of_the_wrong_kind_are_schema_problems(tmp_path: Path) -> None:
    """Only a list is read for ids: anything else is the schema's problem, not a crash."""
    one = entry(id="one").replace("  description:", "  alternatives: 5\n  description:")
    two = entry(id="two", url="  url: https://example.org/2")
    two = two.replace("  description:", "  former_ids: 5\n  description:")
    three = entry(id="three", url="  url: https://example.org/3")
    three = three.replace("  description:", "  former_ids: two\n  description:")
    path = write(tmp_path, "models.yaml", one + "\n" + two + "\n" + three)
    assert check(path) == [
        f"{path}:6: alternatives: expected a list, got a number",
        f"{path}:21: former_ids: expected a list, got a number",
        f"{path}:36: former_ids: expected a list, got text",
    ]


def test_china_access_and_mirrors(tmp_path: Path) -> None:
    body = entry().replace(
        "  review:",
        "  cn_access:\n    level: unknown\n    source:\n      en: A source.\n      zh: A source.\n"
        "  mirrors:\n    - name: Mirror\n      url: https://mirror:example:org/\n"
        "  review:",
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:16: cn_access.level: unknown value 'unknown' (expected one of: ok, slow, blocked)",
        f"{path}:19: cn_access.source.zh: contains no Chinese characters; write the Chinese text",
        f"{path}:21: mirrors[0].official: missing required field",
        f"{path}:22: mirrors[0].url: 'https://mirror:example:org/' is not a valid URL "
        "(did you mean 'mirror.example.org'?)",
    ]


def test_file_level_rules(tmp_path: Path) -> None:
    unknown = write(tmp_path, "blogs.yaml", entry(id="one"))
    headless = write(
        tmp_path, "models.yaml", entry(id="two", url="  url: https://example.org/2"), header=False
    )
    mapping = write(tmp_path, "tutorials.yaml", "id: three\n")
    empty = write(tmp_path, "courses.yaml", "")
    known = ", ".join(resources.categories())
    assert check(tmp_path) == [
        f"{unknown}:1: file: unknown category 'blogs' (expected one of: {known})",
        f"{empty}:1: file: is empty",
        f"{headless}:1: header: the first line must be '{HEADER}' (editor completion)",
        f"{mapping}:1: file: expected a list of resources, got a mapping",
    ]


def test_every_problem_in_a_file_is_reported(tmp_path: Path) -> None:
    body = entry(id="Bad Id", url="  url: javascript:void(0)", level="    level: guru")
    body += "\n" + entry(
        id="ok", url="  url: https://pytorch:org/", review="  review: {date: today}"
    )
    body += "\n" + entry(id="ok", url="  url: https://example.org/2")
    path = write(tmp_path, "models.yaml", body)
    found = check(path)
    fields = [
        line.split(": ", 2)[0].rsplit(":", 1)[1] + ":" + line.split(": ", 2)[1] for line in found
    ]
    assert fields == [
        "3:id",
        "5:url",
        "12:tags.level",
        "19:url",
        "29:review.date",
        "29:review.sources",
        "31:id",
    ], found
    assert all(line.startswith(f"{path}:") for line in found)


# --- CLI ----------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts", "resources", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


def test_cli_good_data_exits_0() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"OK: \d+ resources in \d+ file\(s\), no problems\.\n", result.stdout)


def test_cli_bad_file_exits_1(tmp_path: Path) -> None:
    path = write(
        tmp_path, "models.yaml", entry(url="  url: https://pytorch:org/x", level="    level: x")
    )
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:5: url: 'https://pytorch:org/x' is not a valid URL (did you mean 'pytorch.org'?)",
        f"{path}:12: tags.level: unknown value 'x' "
        "(expected one of: beginner, intermediate, advanced)",
    ]
    assert "2 problem(s)" in result.stderr


def test_invalid_catalogue_stops_build_and_serve_before_writing(tmp_path: Path) -> None:
    """Both commands stop with the checker's own messages, and no site/ appears."""
    from tests.helpers import build_site, copy_project, free_port

    project = copy_project(tmp_path / "project")
    models = project / "data" / "resources" / "models.yaml"
    text = models.read_text(encoding="utf-8")
    broken = text.replace("https://huggingface.co", "https://huggingface:co", 1)
    assert broken != text
    models.write_text(broken, encoding="utf-8")
    found = list(resources.load_catalogue(project / "data" / "resources").problems)
    expected = [p.replace(f"{project}/", "") for p in found]  # MkDocs runs from the project
    assert expected and "data/resources/models.yaml:" in expected[0]
    assert "did you mean 'huggingface.co'?" in expected[0]

    site_dir = tmp_path / "site"
    built = build_site(site_dir, "http://127.0.0.1:1/", project=project, check=False)
    assert built.returncode != 0
    assert expected[0] in built.stdout + built.stderr
    assert not site_dir.exists(), "the build wrote output despite invalid data"

    served = subprocess.run(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert served.returncode != 0
    assert expected[0] in served.stdout + served.stderr
    assert not (project / "site").exists()


def test_facts_file_is_read_and_a_broken_one_reported(tmp_path: Path) -> None:
    write(tmp_path, "models.yaml", entry())
    assert resources.load_catalogue(tmp_path).facts == {}  # no check has run: no dates at all
    facts = tmp_path / resources.FACTS_FILE
    facts.write_text(
        '{"generated": "2026-12-07", "entries": {"example": {"checked": '
        '"2026-12-07", "http_status": 200}}}',
        encoding="utf-8",
    )
    assert resources.load_catalogue(tmp_path).facts["example"]["http_status"] == 200
    facts.write_text("[]", encoding="utf-8")
    problems = resources.load_catalogue(tmp_path).problems
    assert len(problems) == 1 and problems[0].endswith(
        "facts.json:1: file: expected {'generated': date, 'entries': {id: facts}}; "
        "regenerate it with make linkcheck-external"
    )


# --- Status by kind, review records, China access per host (issue 23) ---------------------------

ACCESS = ROOT / "data" / "access.yaml"
ACCESS_SCHEMA = ROOT / "data" / "schema" / "access.schema.json"


def test_status_values_depend_on_the_kind(tmp_path: Path) -> None:
    body = entry(id="paper", kind="    kind: publication", status="    status: active") + "\n"
    body += (
        entry(
            id="lib",
            url="  url: https://example.org/2",
            kind="    kind: library",
            status="    status: finished",
        )
        + "\n"
    )
    body += (
        entry(
            id="old-book",
            url="  url: https://example.org/3",
            kind="    kind: book",
            status="    status: superseded",
        )
        + "\n"
    )
    body += entry(
        id="live-book",
        url="  url: https://example.org/4",
        kind="    kind: book",
        status="    status: active",
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:14: tags.status: 'active' is a status for maintained resources; a publication "
        "or event is a finished work: use finished, superseded, withdrawn or dead",
        f"{path}:28: tags.status: 'finished' is a status for finished works; this kind is "
        "maintained: use active, maintenance, archived or dead",
    ]


def test_status_definition_names_both_value_sets() -> None:
    status = resources.schema()["$defs"]["status"]
    both = set(status["x-maintained-values"]) | set(status["x-finished-values"])
    assert both == set(status["enum"])
    assert set(status["x-maintained-values"]) & set(status["x-finished-values"]) == {"dead"}
    for value in status["enum"]:
        assert f"{value} =" in status["description"], value


def test_a_review_needs_sources_that_say_what_they_established(tmp_path: Path) -> None:
    reviews = [
        "  review: {date: 2026-12-01}",
        "  review: {date: 2026-12-01, sources: []}",
        "  review: {date: 2026-12-01, sources: [{url: 'https://example.org/a'}]}",
        "  review: {date: 2026-12-01, sources: [{repo: a/b, established: {en: X.}}]}",
        "  review: {date: 2026-12-01, sources: [{established: {en: X.}}]}",
        "  review: {date: 2026-12-01, sources: [{issue: 'a/b#1', commit: '0e2ab33',"
        " repo: a/b, established: {en: X.}}]}",
    ]
    body = "\n".join(
        entry(id=f"e{n}", url=f"  url: https://example.org/{n}", review=line)
        for n, line in enumerate(reviews)
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:15: review.sources: missing required field",
        f"{path}:29: review.sources: a review lists at least one source it read",
        f"{path}:43: review.sources[0].established: missing required field",
        f"{path}:57: review.sources[0]: name the source: url, repo with commit, or issue",
        f"{path}:57: review.sources[0]: repo and commit go together: name the commit that was read",
        f"{path}:71: review.sources[0]: name the source: url, repo with commit, or issue",
    ]


def _raw_entries() -> list[dict]:
    import yaml

    return [
        raw
        for path in sorted(resources.DEFAULT_DATA.glob("*.yaml"))
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def test_access_file_follows_its_schema() -> None:
    from scripts.data import datafile

    data, unreadable = datafile.load_yaml(ACCESS)
    assert unreadable == []
    assert datafile.schema_problems(data, ACCESS_SCHEMA, "data/access.yaml") == []
    hosts = [host for record in data for host in record["hosts"]]
    assert len(hosts) == len(set(hosts)), "a host is in two records"
    ids = {raw["id"] for raw in _raw_entries()}
    for record in data:
        for alternative in record.get("alternatives", []):
            assert alternative.get("id", "jupyter") in ids, alternative


def test_a_blocked_host_needs_a_way_round(tmp_path: Path) -> None:
    from scripts.data import datafile

    path = tmp_path / "access.yaml"
    path.write_text(
        "- hosts: [example.org]\n  level: blocked\n  as_of: 2026-12-07\n"
        "  sources: [{issue: 'a/b#1', established: {en: Blocked.}}]\n"
        "  note: {en: Blocked., zh: 被屏蔽。}\n"
        "- hosts: [example.com]\n  level: slow\n  note: {en: Slow., zh: 慢。}\n",
        encoding="utf-8",
    )
    data, _ = datafile.load_yaml(path)
    assert [str(p) for p in datafile.schema_problems(data, ACCESS_SCHEMA, "access.yaml")] == [
        "access.yaml:1: entry: a blocked host needs alternatives (different services that do the "
        "job), or mirrored: true when every entry on it lists an official mirror",
        "access.yaml:6: as_of: missing required field",
        "access.yaml:6: sources: missing required field",
    ]


def test_every_blocked_entry_has_an_alternative_or_a_mirror() -> None:
    """Through the loader's inheritance (host of url and access_hosts; cn_access overrides)."""
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    missing = []
    for entry in catalogue.entries:
        access = catalogue.access_of(entry)
        if access is None or access.level != "blocked":
            continue
        if not (entry.mirrors or entry.alternatives or access.alternatives):
            missing.append(entry.id)
    assert not missing, "blocked entries with no alternative or mirror: " + ", ".join(missing)


def test_no_entry_says_the_survey_recommends_it_without_a_printed_address() -> None:
    claims = ("survey points", "survey recommends", "survey also recommends", "survey linked")
    for raw in _raw_entries():
        text = " ".join(
            str(raw.get(key, {}).get("en", "")) for key in ("description", "note")
        ).lower()
        if any(claim in text for claim in claims):
            assert raw.get("survey_url"), raw["id"]


def test_category_and_kind_agree_or_the_exception_is_documented() -> None:
    category = resources.schema()["$defs"]["category"]
    usual, exceptions = category["x-usual-kinds"], category["x-kind-exceptions"]
    assert set(usual) == set(resources.categories())
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    undocumented = [
        f"{entry.id} ({entry.kind} in {entry.category})"
        for entry in catalogue.entries
        if entry.kind not in usual[entry.category] and entry.id not in exceptions
    ]
    assert not undocumented, "kind not usual for the category: " + ", ".join(undocumented)
    ids = {entry.id for entry in catalogue.entries}
    assert not set(exceptions) - ids, "exceptions for entries that do not exist"


# --- Evidence rules (issue 23, code side) -------------------------------------------------------


def test_a_freshness_note_needs_an_as_of_date(tmp_path: Path) -> None:
    notes = [
        "  note: {en: No changes since April 2021., zh: 自 2021 年 4 月以来没有改动。}",
        "  note: {en: As of 2026-12-07 no changes since April 2021.,"
        " zh: 截至 2026-12-07，自 2021 年 4 月以来没有改动。}",
        "  note: {en: Last updated in May 2024 (as read in 2026-12).,"
        " zh: 最后一次更新在 2024 年 5 月。}",
        "  note: {en: The code is still on GitHub., zh: 代码仍在 GitHub 上。}",
        "  note: {en: Owned by CoreWeave since May 2025., zh: 2025 年 5 月起归 CoreWeave。}",
    ]
    body = "\n".join(
        entry(id=f"e{n}", url=f"  url: https://example.org/{n}", review=R + "\n" + line)
        for n, line in enumerate(notes)
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:16: note.en: states freshness ('No changes') without saying when: add an 'as of' "
        "date (as of 2026-12-07, as read in 2026-12) and back it with a review source",
        f"{path}:46: note.zh: the English note is dated ('as of ...') but this one is not: "
        "add the date",
        f"{path}:61: note.en: states freshness ('still on') without saying when: add an 'as of' "
        "date (as of 2026-12-07, as read in 2026-12) and back it with a review source",
    ]


def test_a_dead_entry_does_not_keep_the_dead_address_as_its_link(tmp_path: Path) -> None:
    dead = "    status: dead"
    body = entry(id="a", status=dead) + "\n"
    body += (
        entry(
            id="b",
            url="  url: https://site.example.org/x\n  former_urls: [https://site.example.org/]",
            status=dead,
        )
        + "\n"
    )
    body += entry(
        id="c",
        url="  url: https://github.com/o/c\n  former_urls: [https://c.example.org/]",
        status=dead,
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:5: url: status is dead but the dead address is still url: point url at what "
        "survives (the repository, a web.archive.org copy, a successor) and move the dead "
        "address into former_urls",
        f"{path}:19: url: status is dead but url is on site.example.org, the host of a former "
        "address: point url at what survives (the repository, a web.archive.org copy, a "
        "successor)",
    ]


def test_a_survey_claim_needs_the_printed_address(tmp_path: Path) -> None:
    note = "  note: {en: The survey points readers to it., zh: 综述推荐了它。}"
    body = entry(id="a", review=R + "\n" + note) + "\n"
    body += entry(
        id="b",
        url="  url: https://example.org/b\n  survey_url: https://example.org/b",
        review=R + "\n" + note,
    )
    path = write(tmp_path, "models.yaml", body)
    assert check(path) == [
        f"{path}:16: note.en: says the 'survey points' but the entry has no survey_url; add the "
        "address as the survey printed it (listed in tests/seed_urls.txt) or drop the claim",
        f"{path}:16: note.zh: says the '综述推荐' but the entry has no survey_url; add the "
        "address as the survey printed it (listed in tests/seed_urls.txt) or drop the claim",
    ]


ACCESS_GOOD = """\
- hosts: [example.org, '*.example.com']
  level: blocked
  as_of: 2026-12-07
  sources: [{issue: 'a/b#1', established: {en: Blocked.}}]
  alternatives:
  - {id: other, note: {en: Use it., zh: 改用它。}}
  note: {en: Blocked., zh: 被屏蔽。}
- hosts: [video.example.net]
  level: slow
  as_of: 2026-12-07
  sources: [{issue: 'a/b#2', established: {en: Slow.}}]
  note: {en: Slow., zh: 慢。}
"""


def _catalogue_with_access(tmp_path: Path, access: str, body: str) -> resources.Catalogue:
    folder = tmp_path / "resources"
    folder.mkdir()
    write(folder, "models.yaml", body)
    (tmp_path / "access.yaml").write_text(access, encoding="utf-8")
    return resources.load_catalogue(folder)


def test_entries_inherit_the_access_of_their_hosts(tmp_path: Path) -> None:
    body = entry(id="plain", url="  url: https://example.org/plain") + "\n"
    body += entry(id="sub", url="  url: https://www.example.com/x") + "\n"
    body += (
        entry(
            id="video",
            url="  url: https://course.example.edu/\n  access_hosts: [video.example.net]",
        )
        + "\n"
    )
    body += entry(
        id="own",
        url="  url: https://example.org/own\n"
        "  cn_access: {level: ok, source: {en: A mirror inside., zh: 境内有镜像。}}",
    )
    body += "\n" + entry(id="other", url="  url: https://other.example.edu/")
    catalogue = _catalogue_with_access(tmp_path, ACCESS_GOOD, body)
    assert catalogue.problems == ()
    levels = {e.id: getattr(catalogue.access_of(e), "level", None) for e in catalogue.entries}
    assert levels == {
        "plain": "blocked",
        "sub": "blocked",
        "video": "slow",
        "own": "ok",
        "other": None,
    }
    plain = catalogue.access_of(catalogue.get("plain"))
    assert [alt.id for alt in plain.alternatives] == ["other"]


def test_the_worst_level_of_an_entrys_hosts_counts(tmp_path: Path) -> None:
    body = entry(url="  url: https://example.org/\n  access_hosts: [video.example.net]")
    body += "\n" + entry(id="other", url="  url: https://other.example.edu/")
    catalogue = _catalogue_with_access(tmp_path, ACCESS_GOOD, body)
    assert catalogue.problems == ()
    assert catalogue.access_of(catalogue.get("example")).level == "blocked"


def test_access_file_problems_reach_the_catalogue(tmp_path: Path) -> None:
    bad = (
        ACCESS_GOOD.replace("{id: other,", "{id: nobody,").replace(
            "[video.example.net]", "[example.org]"
        )
        + "- hosts: [https://x.org/]\n  level: unknown\n  note: {en: X., zh: 未知。}\n"
    )
    catalogue = _catalogue_with_access(tmp_path, bad, entry(id="other"))
    where = tmp_path / "access.yaml"
    assert list(catalogue.problems) == [
        f"{where}:6: alternatives[0].id: no catalogue entry has the id 'nobody'",
        f"{where}:8: hosts: 'example.org' is already in the record at {where}:1; "
        "a host belongs to one record",
        f"{where}:13: hosts[0]: 'https://x.org/' is not a host name or *.domain pattern "
        "(write it like www.youtube.com or *.google.com, without https://)",
    ]


def test_access_lists_of_the_wrong_kind_are_schema_problems(tmp_path: Path) -> None:
    """The access loader reads hosts and alternatives only from lists, hosts only as text."""
    bad = ACCESS_GOOD.replace("  - {id: other, note: {en: Use it., zh: 改用它。}}\n", "")
    bad = bad.replace("alternatives:", "alternatives: 5").replace("[video.example.net]", "5")
    bad += "- hosts: [[a.org], {b: c}]\n  level: unknown\n"
    catalogue = _catalogue_with_access(tmp_path, bad, entry(id="other"))
    where = tmp_path / "access.yaml"
    assert list(catalogue.problems) == [
        f"{where}:5: alternatives: expected a list, got a number",
        f"{where}:7: hosts: expected a list, got a number",
        f"{where}:12: hosts[0]: expected text, got a list",
        f"{where}:12: hosts[1]: expected text, got a mapping",
        f"{where}:12: note: missing required field",
    ]


def test_real_access_records_cover_the_blocked_hosts() -> None:
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    assert catalogue.access, "data/access.yaml was not loaded"
    reddit = catalogue.get("reddit-machinelearning")
    assert reddit is not None and catalogue.access_of(reddit).level == "blocked"


def test_cli_reports_a_bad_access_file_without_a_traceback(tmp_path: Path) -> None:
    access = tmp_path / "access.yaml"
    access.write_text(
        "- hosts: [example.org]\n  level: blocked\n  note: {en: Blocked., zh: 被屏蔽。}\n",
        encoding="utf-8",
    )
    before = access.read_text(encoding="utf-8")
    result = run_cli("check", "--access", str(access))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{access}:1: as_of: missing required field",
        f"{access}:1: entry: a blocked host needs alternatives (different services that do the "
        "job), or mirrored: true when every entry on it lists an official mirror",
        f"{access}:1: sources: missing required field",
    ]
    assert "Traceback" not in result.stderr and access.read_text(encoding="utf-8") == before


def test_every_url_and_chinese_text_is_checked_at_any_depth(tmp_path: Path) -> None:
    """Review sources and host records hold addresses and bilingual texts as entries do: a text
    where a link belongs, or a Chinese text without Chinese, is a problem there too."""
    bad_review = "  review: {date: 2026-12-01, sources: [{url: see the repo, established: "
    bad_review += "{en: X., zh: TODO translate}}]}"
    access = ACCESS_GOOD.replace(
        "{id: other, note: {en: Use it., zh: 改用它。}}",
        ("{name: Other, url: other dot cn, note: {en: Use it., zh: TODO}}"),
    )
    catalogue = _catalogue_with_access(tmp_path, access, entry(review=bad_review))
    where, there = tmp_path / "resources" / "models.yaml", tmp_path / "access.yaml"
    assert list(catalogue.problems) == [
        f"{where}:15: review.sources[0].established.zh: {resources.NO_CHINESE}",
        f"{where}:15: review.sources[0].url: 'see the repo' contains whitespace",
        f"{there}:6: alternatives[0].note.zh: {resources.NO_CHINESE}",
        f"{there}:6: alternatives[0].url: 'other dot cn' contains whitespace",
    ]


def test_an_alternative_at_an_entrys_address_is_named_by_id(tmp_path: Path) -> None:
    alternative = "  alternatives: [{name: UMAP, url: 'https://example.org/umap/', note: "
    alternative += "{en: Use it., zh: 改用它。}}]\n  description:"
    one = entry(id="one").replace("  description:", alternative)
    umap = entry(id="umap", url="  url: https://example.org/umap")
    path = write(tmp_path, "models.yaml", one + "\n" + umap)
    assert check(path) == [
        f"{path}:6: alternatives[0].url: is the address of the entry 'umap' (at {path}:20): "
        "write 'id: umap' instead of name and url",
    ]

"""scripts/links/ (internal, external, report and its write-back, settings; the commands linkcheck,
linkcheck-external and linkcheck-update) and scripts/build/lint_workflows.py: internal check of
the built site, external check against a local server, the report, the YAML write-back, and the
workflow linter. Everything talks to 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import difflib
import http.server
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts.build import lint_workflows
from scripts.links import external as external_links
from scripts.links import internal as internal_links
from scripts.links import report as link_report
from tests.helpers import ROOT, handler_server

# --- Internal check -----------------------------------------------------------------------------


def test_internal_check_passes_on_the_site(server: str) -> None:
    result = internal_links.check_served(server)
    assert not result.problems, internal_links.format_internal(result)
    assert result.pages > 10 and result.anchors > 10, internal_links.format_internal(result)
    # Both language roots were crawled.
    assert result.links > 0


TINY_MKDOCS = """site_name: Tiny
docs_dir: docs
theme: mkdocs
use_directory_urls: true
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: zh, name: Chinese, build: true}
"""
BROKEN = "See [gone](no-such-page.md), [home](index.md) and [nowhere](index.md#no-such-heading).\n"


def test_internal_check_names_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    """The same command on a small two-language project (the real site's crawl is the test
    above): each language is crawled by its own LinkChecker, and the report names the Markdown
    file and both kinds of break in either language."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text(TINY_MKDOCS, encoding="utf-8")
    for lang in ("en", "zh"):
        (project / "docs" / lang).mkdir(parents=True)
        (project / "docs" / lang / "index.md").write_text(
            "# Home\n\nSee [about](about.md).\n", encoding="utf-8"
        )
        (project / "docs" / lang / "about.md").write_text(
            f"# About\n\n## Here {{ #here }}\n\n{BROKEN}", encoding="utf-8"
        )
    command = [sys.executable, "-m", "scripts", "linkcheck", "--project", str(project)]
    # mkdocs --strict would already refuse these links; build without it to test LinkChecker.
    result = subprocess.run(
        [*command, "--no-strict"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    lines = out.splitlines()
    for lang in ("en", "zh"):
        page = f"docs/{lang}/about.md"
        assert any(page in line and "no-such-page.md" in line and "404" in line for line in lines)
        assert any(page in line and "no anchor #no-such-heading" in line for line in lines), out
        # Reported once, though the two crawls both reach links between the languages.
        assert sum(page in line and "404" in line for line in lines) == 1, out


def test_each_language_is_crawled_once_and_links_between_them_are_still_checked() -> None:
    base = "http://127.0.0.1:9/dl4sci/"
    crawls = internal_links.language_crawls(base, ["en", "zh"])
    assert [start for start, _ in crawls] == [base, f"{base}zh/"]
    en_stop, zh_stop = (re.compile(pattern) for _, pattern in crawls)
    assert en_stop.match(f"{base}zh/about/") and not en_stop.match(f"{base}about/")
    assert zh_stop.match(f"{base}about/") and zh_stop.match(f"{base}assets/x.css")
    assert not zh_stop.match(f"{base}zh/about/")
    # page#anchor is checked, not walked (the page is walked once without it); an external
    # URL with an anchor is not matched, so checkextern=0 still keeps it unchecked.
    assert en_stop.match(f"{base}about/#here") and zh_stop.match(f"{base}zh/about/#here")
    assert not en_stop.match("https://github.com/o/r/blob/main/X.md#here")
    assert not zh_stop.match(f"{base}zh/about/")
    (only,) = internal_links.language_crawls(base, ["en"])
    assert only[0] == base and re.match(only[1], f"{base}about/#x")
    assert not re.match(only[1], f"{base}about/")


def test_linkchecker_csv_is_parsed_with_anchor_warnings() -> None:
    base = "http://127.0.0.1:9/dl4sci/"
    text = (  # the columns of linkcheckerrc's [csv] parts
        "urlname;parentname;result;warningstring;valid;url;line\n"
        f"#gone;{base}about/;200 OK;\"Anchor `gone' (decoded: `gone') not found.\nAvailable "
        f"anchors: `a'.\";True;{base}about/#gone;12\n"
        f"x.md;{base}about/;404 Not Found;;False;{base}about/x.md;13\n"
        f"https://example.org/;{base}about/;;;True;https://example.org/;14\n"
    )
    rows = internal_links.csv_rows(text)
    result = internal_links.internal_result(rows, base, ROOT, ["en", "zh"])
    reasons = [problem.reason for problem in result.problems]
    assert reasons == ["no anchor #gone on the target page", "404 Not Found"]
    assert result.problems[0].page.startswith("docs/en/about.md")
    assert (result.links, result.pages, result.anchors) == (2, 2, 1)


# --- Settings -----------------------------------------------------------------------------------


def test_every_ignore_entry_in_linkcheckerrc_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = external_links.read_settings()
    reddit = "https://www.reddit.com/r/MachineLearning/"  # ignored: answered without a request

    def no_request(url: str, settings: object) -> None:
        raise AssertionError(f"{url} was requested")

    monkeypatch.setattr(external_links, "fetch_chain", no_request)
    outcome = external_links.check_urls([reddit], settings)[reddit]
    assert outcome.kind == "ignored" and outcome.detail.startswith("linkcheckerrc: ")
    assert all(len(rule.reason) > 20 for rule in settings.ignore)


def test_an_ignore_entry_without_a_reason_is_refused() -> None:
    rc = "[filtering]\nignore=\n# fine\n  ^https://a\\.example/\n  ^https://b\\.example/\n"
    with pytest.raises(ValueError, match=r"linkcheckerrc:5: .*b\\\\.example"):
        external_links.ignore_rules(rc)


def test_a_data_folder_without_entries_stops_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "resources"
    empty.mkdir()
    assert link_report.main(["--data", str(empty), "--no-github", "--root", str(tmp_path)]) == 2
    assert "no .yaml files here" in capsys.readouterr().err
    assert list(empty.iterdir()) == []  # no facts.json


def test_an_ignore_entry_on_the_ignore_line_itself_is_read() -> None:
    """``ignore=PATTERN`` is LinkChecker's own form too (it once ended in 'is not in list')."""
    rc = "[filtering]\n# why: it answers 403 to every robot\nignore=^https://x\\.example/\n"
    [rule] = external_links.ignore_rules(rc)
    assert (rule.pattern, rule.reason) == (
        "^https://x\\.example/",
        "why: it answers 403 to every robot",
    )


def test_two_ignore_entries_on_one_line_are_refused_not_a_traceback() -> None:
    rc = "[filtering]\nignore=\n# why: both answer 403\n  ^https://a\\.example/ ^https://b\\.example/\n"
    with pytest.raises(ValueError, match=r"must be on a line of its own"):
        external_links.ignore_rules(rc)


def test_a_bad_linkcheckerrc_stops_the_external_check_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = tmp_path / "linkcheckerrc"
    rc.write_text("[filtering]\nignore=\n  ^https://x\\.example/\n", encoding="utf-8")
    assert link_report.main(["--rc", str(rc), "--no-github"]) == 2
    assert "linkcheckerrc:3: ignore entry" in capsys.readouterr().err
    rc.write_text("[external]\ntimeout=soon\n", encoding="utf-8")
    assert link_report.main(["--rc", str(rc), "--no-github"]) == 2
    assert f"{rc}: [external]: could not convert string to float: 'soon'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rc_text", "message"),
    [
        ("timeout=3\n", "File contains no section headers."),
        ("[external]\ntimeout=3\ntimeout=4\n", "option 'timeout' in section 'external' already"),
        ("[external]\nhostinterval=-1\n", "[external]: hostinterval must be 0 or more, not -1.0"),
        (None, "cannot be read (No such file or directory)"),
    ],
)
def test_a_malformed_or_missing_linkcheckerrc_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rc_text: str | None, message: str
) -> None:
    """Found by a cold review: configparser's own errors and a missing file were tracebacks, and
    a negative hostinterval crashed time.sleep in the middle of the run."""
    rc = tmp_path / "linkcheckerrc"
    if rc_text is not None:
        rc.write_text(rc_text, encoding="utf-8")
    assert link_report.main(["--rc", str(rc), "--no-github"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{rc}: ") and message in err and err.count("\n") == 1, err


def test_bad_input_to_linkcheck_update_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a cold review: each of these was a traceback (exit 1)."""
    report = tmp_path / "links.json"
    for text in (None, "{bad", "{}"):
        if text is not None:
            report.write_text(text, encoding="utf-8")
        assert link_report.update_main([str(report)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"{report}: ") and err.count("\n") == 1, err
    moved = {"kind": "moved", "url": "https://a.example/", "suggestion": "https://b.example/"}
    source = {"path": "models.yaml", "line": 1, "id": "x", "field": "url"}
    change = {"path": "models.yaml", "id": "x", "suggested": "dead"}
    report.write_text(
        json.dumps({"results": [moved | {"sources": [source]}], "status_changes": [change]}),
        encoding="utf-8",
    )
    assert link_report.update_main([str(report), "--data", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"{tmp_path / 'nowhere' / 'models.yaml'}: cannot be read (No such file or directory)\n"
    )
    (tmp_path / "models.yaml").write_text("- id: x\n  url: https://a.example/\n", encoding="utf-8")
    assert link_report.update_main([str(report), "--data", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'models.yaml'}:1: tags: missing\n"


def test_linkcheck_of_a_folder_without_mkdocs_yml_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a cold review: a FileNotFoundError traceback from the build."""
    assert internal_links.main(["--project", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nowhere'}: no mkdocs.yml here\n"


# --- External check against a local server ------------------------------------------------------


class _Behaviours(http.server.BaseHTTPRequestHandler):
    """200, 301->200, 302->200, 404, 429-then-200, 500 always, slow past the client timeout."""

    seen: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        count = self.seen[self.path] = self.seen.get(self.path, 0) + 1
        if self.path == "/moved":
            return self._answer(301, location="/new")
        if self.path == "/temporary":
            return self._answer(302, location="/ok")
        if self.path in ("/missing", "/buried"):
            return self._answer(404)
        if self.path == "/busy":
            return self._answer(429 if count == 1 else 200)
        if self.path == "/error":
            return self._answer(500)
        if self.path == "/slow":
            time.sleep(1.0)
        return self._answer(200)

    def _answer(self, status: int, location: str | None = None) -> None:
        body = b"<!doctype html><title>x</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up on /slow
            self.wfile.write(body)


@contextmanager
def behaviours_server() -> Iterator[str]:
    _Behaviours.seen = {}
    with handler_server(_Behaviours) as origin:
        yield origin


ENTRY = """\
- id: {id}
  name: {id}
  url: {url}
  description:
    en: A test entry.
    zh: 测试条目。
  tags:
    data: [any]
    domain: [any]
    level: beginner
    kind: tool
    status: {status}
"""

# id, path on the local server (None: an ignored host), quoting of the url, status
ENTRIES = [
    ("fine", "/ok", "plain", "active"),
    ("relocated", "/moved", "single", "active"),
    ("hopping", "/temporary", "plain", "active"),
    ("gone", "/missing", "double", "active"),
    ("busy", "/busy", "plain", "maintenance"),
    ("failing", "/error", "plain", "active"),
    ("sleepy", "/slow", "plain", "active"),
    ("buried", "/buried", "plain", "dead"),
    ("forum", None, "plain", "active"),
]

RC = """\
[filtering]
ignore=
# reddit answers 403 to scripts (test copy of the real reason)
  ^https?://([a-z]+\\.)?reddit\\.com/
# the tests have no internet: repository pages are read through the (local) GitHub API instead
  ^https://github\\.com/

[external]
timeout=0.3
retrypause=0.1
maxretryafter=0.2
hostinterval=0
hosts=4
useragent=dl4sci-linkcheck-test
"""


def write_catalogue(root: Path, origin: str) -> tuple[Path, dict[str, int]]:
    """A data/resources-like file; returns it and the line of each entry's url."""
    quote = {"plain": "{}", "single": "'{}'", "double": '"{}"'}
    parts = [
        "# yaml-language-server: $schema=../schema/resource.schema.json\n",
        "# Test catalogue: comments, blank lines and quoting must survive linkcheck-update.\n",
    ]
    for entry_id, path, style, status in ENTRIES:
        url = origin + path if path else "https://www.reddit.com/r/MachineLearning/"
        parts.append("\n" + ENTRY.format(id=entry_id, url=quote[style].format(url), status=status))
    # Every address the site publishes is checked: repository, mirrors and alternatives too.
    parts.append(
        "\n"
        + ENTRY.format(id="mirrored", url=origin + "/home", status="active")
        + "  repository: https://github.com/o/mirrored\n"
        + "  mirrors:\n  - {name: Copy, url: '"
        + origin
        + "/mirror', official: true}\n"
        + "  alternatives:\n  - {name: Other, url: '"
        + origin
        + "/alternative', note: {en: Also does it., zh: 也能做到。}}\n"
    )
    target = root / "data" / "resources" / "models.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("".join(parts), encoding="utf-8")
    lines = target.read_text(encoding="utf-8").splitlines()
    url_lines, current = {}, None
    for number, line in enumerate(lines, start=1):
        if line.startswith("- id: "):
            current = line[len("- id: ") :]
        if line.startswith("  url: "):
            url_lines[current] = number
    return target, url_lines


@pytest.fixture(scope="module")
def external(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the external command once against the local server; keep what it wrote."""
    root = tmp_path_factory.mktemp("external")
    with behaviours_server() as origin:
        catalogue, url_lines = write_catalogue(root, origin)
        page = root / "docs" / "en" / "guide.md"
        page.parent.mkdir(parents=True)
        page.write_text(
            "# Guide\n\nRead [the docs](" + origin + "/missing) first.\n\n"
            "```text\nnot a link: [x](" + origin + "/error)\n```\n\n"
            "Also <" + origin + "/moved>.\n",
            encoding="utf-8",
        )
        (root / "linkcheckerrc").write_text(RC, encoding="utf-8")
        args = ["--data", str(catalogue.parent), "--docs", str(root / "docs")]
        args += ["--rc", str(root / "linkcheckerrc"), "--root", str(root)]
        args += ["--report-dir", str(root / "report"), "--no-github"]
        began = time.perf_counter()
        code = link_report.main(args)
        seconds = time.perf_counter() - began
        requests = dict(_Behaviours.seen)
    report = json.loads((root / "report" / "links.json").read_text(encoding="utf-8"))
    by_path = {r["url"].removeprefix(origin) or r["url"]: r for r in report["results"]}
    return {
        "root": root,
        "origin": origin,
        "code": code,
        "report": report,
        "by_path": by_path,
        "catalogue": catalogue,
        "url_lines": url_lines,
        "requests": requests,
        "seconds": seconds,
    }


@pytest.mark.parametrize(
    ("path", "kind", "attempts"),
    [
        ("/ok", "ok", 1),
        ("/moved", "moved", 1),
        ("/temporary", "redirected", 1),
        ("/missing", "broken", 1),
        ("/busy", "ok", 2),
        ("/error", "broken", 2),
        ("/slow", "broken", 2),
    ],
)
def test_each_answer_is_classified(external: dict, path: str, kind: str, attempts: int) -> None:
    result = external["by_path"][path]
    assert (result["kind"], result["attempts"]) == (kind, attempts), result


def test_details_and_suggestions(external: dict) -> None:
    by_path, origin = external["by_path"], external["origin"]
    assert by_path["/moved"]["suggestion"] == f"{origin}/new"
    assert "301" in by_path["/moved"]["detail"]
    assert by_path["/temporary"]["suggestion"] is None
    assert by_path["/missing"]["status"] == 404
    assert by_path["/error"]["detail"] == "HTTP 500 (also on retry)"
    assert by_path["/slow"]["detail"] == "timed out after 0.3 s (also on retry)"
    ignored = by_path["https://www.reddit.com/r/MachineLearning/"]
    assert ignored["kind"] == "ignored" and "reddit answers 403" in ignored["detail"]
    # 404 is not retried; 429, 500 and the timeout are, once.
    assert external["requests"]["/missing"] == 1
    assert external["requests"]["/busy"] == external["requests"]["/error"] == 2
    assert external["seconds"] < 10


def test_a_temporary_redirect_to_a_permanent_one_is_not_a_move() -> None:
    """Only a chain that starts with a permanent redirect says the address moved: after a
    302 the address asked for is still the one to keep."""
    hops = [
        external_links.Hop("https://a.example/x", 302, "https://a.example/y"),
        external_links.Hop("https://a.example/y", 301, "https://a.example/z"),
        external_links.Hop("https://a.example/z", 200),
    ]
    outcome = external_links.classify("https://a.example/x", hops, 5)
    assert (outcome.kind, outcome.suggestion) == ("redirected", None), outcome


class _Unicode(http.server.BaseHTTPRequestHandler):
    """A page at a Chinese address, a permanent redirect to it given as raw UTF-8 (as some
    servers send it), and a moved page asked for with a fragment."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        raw_utf8 = "/wiki/深度学习".encode().decode("latin-1")  # what http.server sends as is
        moves = {"/old": raw_utf8, "/docs": "/docs/"}
        ok = self.path in ("/wiki/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0", "/docs/")
        self.send_response(301 if self.path in moves else 200 if ok else 404)
        if self.path in moves:
            self.send_header("Location", moves[self.path])
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_addresses_are_sent_as_a_browser_sends_them() -> None:
    """A Chinese address is percent-encoded, not reported broken ('ascii' codec can't encode);
    a raw UTF-8 Location is followed; a moved page keeps the fragment asked for (all three
    were found by a review)."""
    settings = external_links.ExternalSettings(timeout=5, retrypause=0)
    with handler_server(_Unicode) as origin:
        chinese = external_links.check_url(f"{origin}/wiki/深度学习", settings)
        old = external_links.check_url(f"{origin}/old", settings)
        docs = external_links.check_url(f"{origin}/docs#install", settings)
    assert (chinese.kind, chinese.status) == ("ok", 200), chinese
    assert (old.kind, old.suggestion) == ("moved", f"{origin}/wiki/深度学习"), old
    assert (docs.kind, docs.suggestion) == ("moved", f"{origin}/docs/#install"), docs
    assert (
        external_links.as_sent("https://例子.测试/a b") == "https://xn--fsqu00a.xn--0zwm56d/a%20b"
    )


class _Odd(http.server.BaseHTTPRequestHandler):
    """503 then 404; a permanent redirect to a local file."""

    seen: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        count = self.seen[self.path] = self.seen.get(self.path, 0) + 1
        self.send_response({"/flaky": 503 if count == 1 else 404}.get(self.path, 301))
        self.send_header("Location", "file:///etc/hostname")
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_a_retry_says_what_each_attempt_got_and_a_redirect_off_the_web_is_not_followed() -> None:
    """Found by a cold review: a 503 then a 404 was reported "HTTP 404 (also on retry)", and a
    redirect to file:///etc/hostname opened the local file (urllib's scheme check is skipped
    when redirects are followed by hand) and was suggested as the entry's new address."""
    settings = external_links.ExternalSettings(timeout=5, retrypause=0)
    _Odd.seen = {}
    with handler_server(_Odd) as origin:
        flaky = external_links.check_url(f"{origin}/flaky", settings)
        local = external_links.check_url(f"{origin}/local", settings)
    assert (flaky.kind, flaky.attempts) == ("broken", 2)
    assert flaky.detail == "HTTP 404 on retry, after HTTP 503", flaky
    assert (local.kind, local.suggestion) == ("broken", None), local
    assert local.detail == (
        "redirect to file:///etc/hostname not followed: not an http(s) address"
        " after 301 file:///etc/hostname"
    )


class _Loop(http.server.BaseHTTPRequestHandler):
    """/a redirects to /b, /b back to /a."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(301)
        self.send_header("Location", {"/a": "/b"}.get(self.path, "/a"))
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_a_redirect_loop_is_broken_after_its_first_round() -> None:
    settings = external_links.ExternalSettings(timeout=5, retrypause=0)
    with handler_server(_Loop) as origin:
        loop = external_links.check_url(f"{origin}/a", settings)
    assert loop.kind == "broken"
    assert loop.detail == (
        f"redirect loop or too many redirects after 301 {origin}/b -> 301 {origin}/a"
    ), loop


def test_each_url_maps_to_its_entries_and_page_lines(external: dict) -> None:
    lines = external["url_lines"]
    labels = {
        path: [link_report.source_label(source) for source in result["sources"]]
        for path, result in external["by_path"].items()
    }
    name = "data/resources/models.yaml"
    assert labels["/ok"] == [f"{name}:{lines['fine']} id=fine"]
    assert labels["/missing"] == [f"{name}:{lines['gone']} id=gone", "docs/en/guide.md:3"]
    assert labels["/buried"] == [f"{name}:{lines['buried']} id=buried"]
    assert labels["/moved"] == [f"{name}:{lines['relocated']} id=relocated", "docs/en/guide.md:9"]
    # The link inside the fenced code block is not a link.
    assert labels["/error"] == [f"{name}:{lines['failing']} id=failing"]


def test_every_published_address_is_checked(external: dict) -> None:
    by_path = external["by_path"]
    fields = {
        path: [(s["id"], s["field"]) for s in by_path[path]["sources"]]
        for path in ("/home", "/mirror", "/alternative", "https://github.com/o/mirrored")
    }
    assert fields == {
        "/home": [("mirrored", "url")],
        "/mirror": [("mirrored", "mirrors[0].url")],
        "/alternative": [("mirrored", "alternatives[0].url")],
        "https://github.com/o/mirrored": [("mirrored", "repository")],
    }
    assert by_path["/mirror"]["kind"] == by_path["/alternative"]["kind"] == "ok"
    assert external["requests"]["/mirror"] == 1
    assert by_path["https://github.com/o/mirrored"]["kind"] == "ignored"


def test_evidence_links_and_access_alternatives_are_checked_at_their_own_lines() -> None:
    """Found by a cold review: the sources pages link as evidence (a review's, a host record's)
    were never checked, and an alternative of data/access.yaml was placed at its record's first
    line. Read from the real data: every source the loader knows is among the checked URLs."""
    from scripts.data import resources

    data = ROOT / "data" / "resources"
    found = {
        (url, s.path, s.line, s.id, s.field) for url, s in external_links.catalogue_sources(data)
    }
    access = "data/access.yaml"
    lines = (ROOT / access).read_text(encoding="utf-8").splitlines()
    modelscope = lines.index("    url: https://www.modelscope.cn/") + 1
    tuna = lines.index("  - issue: tuna/issues#1833") + 1
    tsne = "https://github.com/oreillymedia/t-SNE-tutorial/tree/0e2ab33"
    tsne_line = (
        (data / "baselines.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("    - repo: oreillymedia/t-SNE-tutorial")
    )
    assert ("https://www.modelscope.cn/", access, modelscope, None, "alternatives[0].url") in found
    assert ("https://github.com/tuna/issues/issues/1833", access, tuna, None, "sources[0]") in found
    assert (
        tsne,
        "data/resources/baselines.yaml",
        tsne_line + 1,
        "tsne-tutorial",
        "review.sources[0]",
    ) in found
    catalogue = resources.load_catalogue(data)
    evidence = [s for e in catalogue.entries if e.review for s in e.review.sources]
    evidence += [s for record in catalogue.access for s in record.sources]
    assert evidence and {s.href for s in evidence} <= {url for url, *_ in found}


def test_an_ignored_host_gets_no_check_record(external: dict) -> None:
    facts = json.loads((external["catalogue"].parent / "facts.json").read_text(encoding="utf-8"))[
        "entries"
    ]
    assert "checked" not in facts["forum"] and "http_status" not in facts["forum"]
    assert facts["forum"]["link"] == "ignored"
    repository = facts["mirrored"]["addresses"]["https://github.com/o/mirrored"]
    assert repository["field"] == "repository" and repository["link"] == "ignored"
    assert "checked" not in repository
    assert facts["fine"]["checked"] == external["report"]["checked"]
    mirror = facts["mirrored"]["addresses"][external["origin"] + "/mirror"]
    assert mirror["http_status"] == 200 and mirror["checked"] == external["report"]["checked"]


def test_the_external_check_reads_the_catalogue_through_the_one_loader() -> None:
    source = (ROOT / "scripts" / "links" / "external.py").read_text(encoding="utf-8")
    assert "import ruamel" not in source and "from ruamel" not in source
    assert "import yaml" not in source
    assert "resources.load_catalogue" in source


def test_known_dead_entries_do_not_raise_an_alarm_but_others_do(external: dict) -> None:
    summary = external["report"]["summary"]
    assert external["by_path"]["/buried"]["kind"] == "known-dead"
    assert (summary["broken"], summary["known-dead"]) == (3, 1)  # /missing, /error, /slow
    assert external["code"] == 1


def test_a_dead_entrys_address_that_a_page_still_links_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, docs = tmp_path / "data" / "resources", tmp_path / "docs" / "en"
    data.mkdir(parents=True)
    docs.mkdir(parents=True)
    url = "https://a.example/gone"
    entry = ENTRY.format(id="buried", url=url, status="dead")
    (data / "models.yaml").write_text(HEADER + entry, encoding="utf-8")
    (docs / "guide.md").write_text(f"Read [it]({url}).\n", encoding="utf-8")
    monkeypatch.setattr(
        external_links,
        "check_urls",
        lambda urls, settings, progress=None: {
            u: external_links.Outcome(u, "broken", 404) for u in urls
        },
    )
    settings = external_links.ExternalSettings(timeout=5, retrypause=0)
    report = external_links.check_external(data, docs.parent, settings, tmp_path)
    assert [(r["url"], r["kind"]) for r in report["results"]] == [(url, "broken")]


def test_a_pipe_in_a_url_or_detail_stays_inside_its_cell(tmp_path: Path) -> None:
    result = {
        "kind": "broken",
        "url": "https://a.example/x|y",
        "status": 404,
        "suggestion": None,
        "detail": "HTTP 404 | gone",
        "sources": [{"path": "docs/en/guide.md", "line": 3}],
    }
    summary = {kind: int(kind == "broken") for kind in external_links.KINDS}
    report = {"checked": "2026-01-01", "urls": 1, "summary": summary, "results": [result]}
    link_report.write_report(report, tmp_path)
    markdown = (tmp_path / "links.md").read_text(encoding="utf-8")
    row = next(line for line in markdown.splitlines() if "a.example" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 4, row  # three cells


def test_report_formats(external: dict) -> None:
    report_dir = external["root"] / "report"
    markdown = (report_dir / "links.md").read_text(encoding="utf-8")
    assert "## Broken (3)" in markdown and "## Moved (permanent redirect) (1)" in markdown
    assert "`data/resources/models.yaml:" in markdown and "id=gone" in markdown
    # Found by a cold review: it said every 404 and every moved row was written back.
    assert "`linkcheck-update` acts only on an entry's own `url`" in markdown
    assert "does it for an entry's own `url` only" in markdown
    csv_text = (report_dir / "links.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("kind,url,status,suggestion,detail,source")
    assert f"broken,{external['origin']}/missing,404" in csv_text
    assert "docs/en/guide.md:3" in csv_text


def test_the_notes_show_paths_from_root_as_the_rest_of_the_report_does(external: dict) -> None:
    """Found by a cold review: the loader's problems kept its absolute paths for a tree outside
    the repository."""
    notes = external["report"]["facts_messages"]
    assert notes and all(note.startswith("data/resources/models.yaml:") for note in notes), notes


# --- linkcheck-update ---------------------------------------------------------------------------


def test_update_status_changes_only_the_fields_it_must(external: dict, tmp_path: Path) -> None:
    # The loader takes no 127.0.0.1 address, and linkcheck-update refuses an address it would not.
    origin = "https://local.example"
    original = external["catalogue"].read_text(encoding="utf-8").replace(external["origin"], origin)
    target = tmp_path / "data" / "resources" / "models.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(original, encoding="utf-8")
    report_file = tmp_path / "links.json"
    report_text = (external["root"] / "report" / "links.json").read_text(encoding="utf-8")
    report_file.write_text(report_text.replace(external["origin"], origin), encoding="utf-8")

    assert link_report.update_main([str(report_file), "--data", str(target.parent)]) == 0
    updated = target.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(original.splitlines(), updated.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(line[1:] for line in diff if line[0] == "-") == sorted(
        [f"  url: '{origin}/moved'", "    status: active"]
    )
    assert sorted(line[1:] for line in diff if line[0] == "+") == sorted(
        [f"  url: '{origin}/new'", f"  former_urls: ['{origin}/moved']", "    status: dead"]
    )
    # former_urls sits right after url; comments and blank lines are untouched; no dates written.
    assert f"  url: '{origin}/new'\n  former_urls: ['{origin}/moved']\n" in updated
    assert "checked" not in updated
    assert updated.startswith(original.split("\n- id:")[0])
    # Running it again changes nothing more.
    assert link_report.update_main([str(report_file), "--data", str(target.parent)]) == 0
    assert target.read_text(encoding="utf-8") == updated


HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json\n"


def moved_report(path: Path, *moves: tuple[str, str, str, str]) -> Path:
    """A links.json in which each (file, id, old url, new url) moved permanently."""
    results = [
        {
            "kind": "moved",
            "url": old,
            "suggestion": new,
            "sources": [{"path": name, "line": 1, "id": entry_id, "field": "url"}],
        }
        for name, entry_id, old, new in moves
    ]
    path.write_text(json.dumps({"results": results}), encoding="utf-8")
    return path


def test_only_an_entrys_own_url_is_rewritten_when_it_moves(tmp_path: Path) -> None:
    """A mirror's or a review source's permanent redirect is left to a person."""
    report = json.loads(
        moved_report(
            tmp_path / "links.json",
            ("models.yaml", "one", "https://a.example/old", "https://a.example/new"),
        ).read_text(encoding="utf-8")
    )
    assert link_report.entry_updates(report) == {
        "models.yaml": {
            "one": {"url": "https://a.example/new", "former_urls": "https://a.example/old"}
        }
    }
    report["results"][0]["sources"][0]["field"] = "mirrors[0].url"
    assert link_report.entry_updates(report) == {}


def entry_text(entry_id: str, url: str, after_url: str = "") -> str:
    return ENTRY.format(id=entry_id, url=url, status="active").replace(
        f"  url: {url}\n", f"  url: {url}\n{after_url}"
    )


def test_update_keeps_what_is_below_url_below_the_new_former_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a cold review: a comment line under url ended up between url and former_urls,
    and with url as an entry's last key the blank line before the next entry moved below
    former_urls. The change list names the url line, as the report does (it named the id's)."""
    last = "\n".join(entry_text("two", "https://b.example/old").splitlines()[:2])
    last += "\n  tags: {data: [any], domain: [any], level: beginner, kind: tool, status: active}"
    last += "\n  description: {en: B., zh: 乙。}\n  url: https://b.example/old  # why\n"
    text = (
        HEADER
        + entry_text("one", "https://a.example/old", "  # the authors' address\n")
        + "\n"
        + last
        + "\n"
        + entry_text("three", "https://c.example/")
    )
    data = tmp_path / "resources"
    data.mkdir()
    (data / "models.yaml").write_text(text, encoding="utf-8")
    report = moved_report(
        tmp_path / "links.json",
        ("models.yaml", "one", "https://a.example/old", "https://a.example/new"),
        ("models.yaml", "two", "https://b.example/old", "https://b.example/new"),
    )
    assert link_report.update_main([str(report), "--data", str(data)]) == 0
    written = (data / "models.yaml").read_text(encoding="utf-8")
    assert (
        "  url: https://a.example/new\n  former_urls: [https://a.example/old]\n"
        "  # the authors' address\n  description:\n"
    ) in written
    assert (
        "  url: https://b.example/new  # why\n  former_urls: [https://b.example/old]\n"
        "\n- id: three\n"
    ) in written
    out = capsys.readouterr().out
    assert f"{data / 'models.yaml'}:4 id=one: url:" in out
    assert f"{data / 'models.yaml'}:20 id=two: url:" in out, out


def test_update_writes_nothing_when_a_file_is_refused_or_an_address_would_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a cold review: the first file was written before the second was refused, and a
    permanent redirect to another entry's address (with a slash added) was written silently."""
    data = tmp_path / "resources"
    data.mkdir()
    models = HEADER + entry_text("one", "https://a.example/ok") + "\n"
    models += entry_text("two", "https://a.example/old")
    (data / "models.yaml").write_text(models, encoding="utf-8")
    (data / "tools.yaml").write_text(
        HEADER + entry_text("three", "https://c.example/old").replace("name:", "name:  "),
        encoding="utf-8",
    )
    to_ok = ("models.yaml", "two", "https://a.example/old", "https://a.example/ok/")
    report = moved_report(
        tmp_path / "links.json",
        ("models.yaml", "two", "https://a.example/old", "https://a.example/new"),
        ("tools.yaml", "three", "https://c.example/old", "https://c.example/new"),
    )
    assert link_report.update_main([str(report), "--data", str(data)]) == 2
    assert "tools.yaml: a ruamel.yaml round trip would reformat" in capsys.readouterr().err
    assert (data / "models.yaml").read_text(encoding="utf-8") == models
    assert link_report.update_main([str(moved_report(report, to_ok)), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Nothing written; the update would give these problems:\n")
    assert f"{data / 'models.yaml'}:17: url: same address as 'one' (at {data}/models.yaml:4)" in err
    assert (data / "models.yaml").read_text(encoding="utf-8") == models


def test_a_problem_the_update_only_moves_down_is_not_new(tmp_path: Path) -> None:
    """A duplicate below a moved entry was there before; its message names a line that the new
    former_urls line shifts, and that is still the same problem (found by a cold review)."""
    data = tmp_path / "resources"
    data.mkdir()
    models = HEADER + entry_text("one", "https://a.example/old") + "\n"
    models += (
        entry_text("two", "https://c.example/dup")
        + "\n"
        + entry_text("three", "https://c.example/dup")
    )
    (data / "models.yaml").write_text(models, encoding="utf-8")
    report = moved_report(
        tmp_path / "links.json",
        ("models.yaml", "one", "https://a.example/old", "https://a.example/new"),
    )
    assert link_report.update_main([str(report), "--data", str(data)]) == 0
    assert "former_urls: [https://a.example/old]" in (data / "models.yaml").read_text("utf-8")


def test_the_real_catalogue_survives_a_round_trip() -> None:
    """linkcheck-update refuses files it would reformat; ours must not be among them."""
    files = sorted((ROOT / "data" / "resources").glob("*.yaml"))
    assert files
    for path in files:
        assert link_report.apply_updates(path, {}) == (path.read_text(encoding="utf-8"), []), path


def test_markdown_links_are_found_with_their_lines() -> None:
    text = (
        "[a](https://a.example/x) and [b](<https://b.example/>)\n"
        "```\n[c](https://c.example/)\n```\n"
        "<https://d.example/> `code` [e][ref]\n"
        "[ref]: https://e.example/\n"
        '<a href="https://f.example/">f</a> [local](about.md) [anchor](#x)\n'
    )
    assert external_links.markdown_links(text) == [
        (1, "https://a.example/x"),
        (1, "https://b.example/"),
        (5, "https://d.example/"),
        (6, "https://e.example/"),
        (7, "https://f.example/"),
    ]


def test_a_link_with_parentheses_in_its_address_is_found_whole() -> None:
    text = "[T](https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)) and more"
    assert external_links.markdown_links(text) == [
        (1, "https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)")
    ]


def test_markdown_links_with_any_title_form_are_found() -> None:
    """CommonMark titles in single quotes, in brackets, or on the next line: the link is still
    checked (a stricter pattern once dropped these silently)."""
    text = (
        "[a](https://a.example/ 'single')\n"
        "[b](https://b.example/ (bracketed))\n"
        "[c](https://c.example/\n"
        '"a title on the next line")\n'
    )
    assert [url for _, url in external_links.markdown_links(text)] == [
        "https://a.example/",
        "https://b.example/",
        "https://c.example/",
    ]


# --- Workflow files -----------------------------------------------------------------------------


def test_workflow_files_pass_actionlint() -> None:
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert files
    result = lint_workflows.lint(files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_fails_actionlint(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on:\n  schedule:\n    - cron: '61 5 * * 1'\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.issue.title }}\n"
        "      - uses: actions/checkout@v5\n        with:\n          fetch_depth: 0\n",
        encoding="utf-8",
    )
    result = lint_workflows.lint([broken])
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "cron" in out and "fetch_depth" in out and "untrusted" in out, out


def test_linkchecker_is_the_version_the_anchor_patch_was_written_for() -> None:
    from importlib.metadata import version

    from scripts.links import linkchecker_run

    assert version("linkchecker") == linkchecker_run.LINKCHECKER_VERSION, (
        "LinkChecker was upgraded: re-check scripts/links/linkchecker_run.py (it patches "
        "AnchorCheck.check to collect each page's anchors once and the sessions' transport to "
        "fetch each page once for its anchors), then update "
        "LINKCHECKER_VERSION there."
    )

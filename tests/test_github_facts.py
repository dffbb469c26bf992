"""scripts/links/github_facts.py against a local server that replays recorded GitHub API answers.

No test here reaches the network: the client's base URL points at 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts.data import resources
from scripts.links import github_facts as gf
from scripts.links import report as link_report
from tests.helpers import handler_server

RECORDED = json.loads(
    (Path(__file__).with_name("fixtures") / "github_api.json").read_text(encoding="utf-8")
)
TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC).timestamp()


class _API(http.server.BaseHTTPRequestHandler):
    """Replays RECORDED; ``limited`` paths answer 403 (rate limit) that many times first."""

    seen: list[str] = []
    limited: dict[str, int] = {}
    reset: float = NOW

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        if self.path.endswith("/stalled"):  # a 404 whose body stops arriving
            self.send_response(404)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"mess')
            self.wfile.flush()
            time.sleep(1)
            return
        if self.path.endswith("/cut"):  # a 200 whose connection closes before its body ends
            self.send_response(200)
            self.send_header("Content-Length", "500")
            self.end_headers()
            self.wfile.write(b'{"full_name": "o/cut"')
            return
        if self.limited.get(self.path, 0) > 0:
            self.limited[self.path] -= 1
            answer = dict(RECORDED["rate-limited"])
            answer["headers"] = {**answer["headers"], "X-RateLimit-Reset": str(int(self.reset))}
        else:
            answer = RECORDED.get(self.path, {"status": 404, "body": {"message": "Not Found"}})
        body = json.dumps(answer.get("body")).encode("utf-8")
        self.send_response(answer["status"])
        for name, value in (answer.get("headers") or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def api_server(limited: dict[str, int] | None = None, reset: float = NOW) -> Iterator[str]:
    _API.seen, _API.limited, _API.reset = [], dict(limited or {}), reset
    with handler_server(_API) as origin:
        yield origin


def client(api: str, waits: list[float], **settings: object) -> gf.GitHub:
    return gf.GitHub(api_url=api, timeout=5, sleep=waits.append, clock=lambda: NOW, **settings)


def entry(
    entry_id: str, repo: str | None, status: str = "active", url: str = "", kind: str = "tool"
) -> resources.Resource:
    """A catalogue entry as the loader gives it, at data/resources/models.yaml:3."""
    return resources.Resource(
        id=entry_id,
        name=entry_id,
        url=url or f"https://example.org/{entry_id}",
        description=resources.Text("A test entry.", "测试条目。"),
        data=("any",),
        level="beginner",
        kind=kind,
        status=status,
        category="models",
        source="data/resources/models.yaml",
        line=3,
        repository=f"https://github.com/{repo}" if repo else None,
    )


# What the recorded API answers say of the archived repository.
FROZEN = {
    "repo": "old-org/frozen",
    "archived": True,
    "pushed_at": "2019-06-30T10:00:00Z",
    "latest_release": None,
    "license": "MIT",
    "stars": 812,
}


# --- One repository at a time ----------------------------------------------------------------


def test_archived_repository() -> None:
    with api_server() as api:
        facts = gf.repo_facts(client(api, []), "old-org/frozen")
    assert facts == FROZEN
    assert gf.suggest_status({"github": facts}, TODAY) == (
        "archived",
        "GitHub marks old-org/frozen as archived",
    )


def test_renamed_repository_follows_the_redirect_and_says_so() -> None:
    with api_server() as api:
        facts = gf.repo_facts(client(api, []), "someone/renamed")
        seen = list(_API.seen)
    assert seen == [
        "/repos/someone/renamed",
        "/repositories/42",
        "/repos/new-org/renamed/releases/latest",
    ]
    assert facts["repo"] == "new-org/renamed" and facts["renamed_from"] == "someone/renamed"
    assert (facts["latest_release"], facts["license"], facts["stars"]) == (
        "v2.1.0",
        "BSD-3-Clause",
        5120,
    )
    assert gf.suggest_status({"github": facts}, TODAY) == ("active", "last push 2026-11-20")


def test_missing_repository_is_dead() -> None:
    with api_server() as api:
        facts = gf.repo_facts(client(api, []), "nobody/missing")
    assert facts == {"repo": "nobody/missing", "http_status": 404, "error": "Not Found"}
    repository = "https://github.com/nobody/missing"  # the entry's address is the repository
    assert gf.suggest_status({"github": facts}, TODAY, repository)[0] == "dead"


def test_an_error_answer_whose_body_times_out_keeps_its_status() -> None:
    with api_server() as api:
        slow = gf.GitHub(api_url=api, timeout=0.3, sleep=[].append, clock=lambda: NOW)
        facts = gf.repo_facts(slow, "nobody/stalled")
    assert facts == {"repo": "nobody/stalled", "http_status": 404, "error": "no answer"}


def test_a_cut_off_answer_is_an_error_of_that_repository_not_a_crash() -> None:
    """http.client.IncompleteRead is no OSError; it once crashed linkcheck-external after every
    URL was checked, leaving no facts.json and no report (found by a cold review)."""
    with api_server() as api:
        facts, _ = gf.collect([entry("cut", "o/cut")], {}, client(api, []), TODAY)
    assert facts["entries"]["cut"]["github"]["repo"] == "o/cut"
    assert "IncompleteRead" in facts["entries"]["cut"]["github"]["error"]


def test_rate_limit_waits_for_the_reset_then_retries() -> None:
    waits: list[float] = []
    with api_server(limited={"/repos/quiet/old": 1}, reset=NOW + 30) as api:
        facts = gf.repo_facts(client(api, waits), "quiet/old")
        seen = list(_API.seen)
    assert waits == [31.0]  # until X-RateLimit-Reset, plus a second
    assert seen[:2] == ["/repos/quiet/old", "/repos/quiet/old"]
    assert facts["pushed_at"] == "2024-03-01T00:00:00Z" and facts["license"] is None
    assert gf.suggest_status({"github": facts}, TODAY) == (
        "maintenance",
        "no push for 33 months (last 2024-03-01)",
    )


def test_rate_limit_with_a_distant_reset_stops_without_guessing() -> None:
    waits: list[float] = []
    entries = [entry("first", "quiet/old"), entry("second", "old-org/frozen")]
    with api_server(limited={"/repos/quiet/old": 5}, reset=NOW + 3600) as api:
        facts, messages = gf.collect(entries, {}, client(api, waits, max_wait=60), TODAY)
        seen = list(_API.seen)
    assert waits == [] and seen == ["/repos/quiet/old"]  # the second repository is not asked
    assert facts["entries"]["first"]["github"] == {"repo": "quiet/old", "error": "rate-limited"}
    assert facts["entries"]["second"]["github"]["error"] == "rate-limited"
    assert len(messages) == 1 and "resets at 2026-12-01 13:00 UTC" in messages[0]
    assert gf.status_changes(entries, facts, TODAY) == []


# --- Thresholds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"http_status": 404}, "dead"),
        ({"http_status": 410, "github": {"archived": False}}, "dead"),
        ({"http_status": 200}, None),  # a website that answers says nothing about upkeep
        (
            {"github": {"repo": "a/b", "archived": False, "pushed_at": "2024-12-01T00:00:00Z"}},
            "active",
        ),
        (
            {"github": {"repo": "a/b", "archived": False, "pushed_at": "2024-10-31T00:00:00Z"}},
            "maintenance",
        ),
        (
            {"github": {"repo": "a/b", "archived": False, "pushed_at": "2022-12-01T00:00:00Z"}},
            "maintenance",
        ),
        (
            {"github": {"repo": "a/b", "archived": False, "pushed_at": "2022-10-31T00:00:00Z"}},
            "archived",
        ),
        ({"github": {"repo": "a/b", "error": "rate-limited"}}, None),
    ],
)
def test_written_thresholds(facts: dict, expected: str | None) -> None:
    assert gf.suggest_status(facts, TODAY)[0] == expected


@pytest.mark.parametrize(
    ("facts", "url", "expected"),
    [
        # The address is the repository: a gone repository is a gone resource.
        ({"link": "ignored"}, "https://github.com/a/b", "dead"),
        # Another address: dead only if it is gone too (the first rule); whatever else it
        # answered (200, 403, 500, nothing, not checked), a person looks (a review found these).
        ({"http_status": 200}, "https://a.example/", None),
        ({"http_status": 403}, "https://a.example/", None),
        ({"http_status": 500}, "https://a.example/", None),
        ({"http_status": None}, "https://a.example/", None),
        ({"link": "ignored"}, "https://a.example/", None),
        ({"http_status": 404}, "https://a.example/", "dead"),
    ],
)
def test_a_gone_repository_makes_dead_only_a_resource_that_is_gone(
    facts: dict, url: str, expected: str | None
) -> None:
    facts = {**facts, "github": {"repo": "a/b", "http_status": 404}}
    assert gf.suggest_status(facts, TODAY, url)[0] == expected


def test_the_reason_names_the_status_the_repository_gave() -> None:
    gone = {"github": {"repo": "a/b", "http_status": 410}}
    assert gf.suggest_status(gone, TODAY, "https://github.com/a/b") == (
        "dead",
        "the repository a/b does not exist (HTTP 410)",
    )
    assert gf.suggest_status({**gone, "http_status": 403}, TODAY, "https://a.example/") == (
        None,
        "the repository a/b does not exist (HTTP 410); its address answers HTTP 403",
    )


# --- End to end: the external command writes facts.json and lists disagreements ---------------


def test_external_command_writes_facts_and_reports_disagreements(tmp_path: Path) -> None:
    from tests.test_links import RC, behaviours_server

    data = tmp_path / "data" / "resources"
    data.mkdir(parents=True)
    with behaviours_server() as origin, api_server() as api:
        body = ["# yaml-language-server: $schema=../schema/resource.schema.json\n"]
        rows = [
            ("frozen", "/ok", "https://github.com/old-org/frozen", "maintenance"),
            ("renamed", "/ok?renamed", "https://github.com/someone/renamed", "active"),
            ("missing", "/ok?missing", "https://github.com/nobody/missing", "active"),
            ("site", "/missing", None, "active"),
        ]
        for entry_id, path, repo, status in rows:
            body.append(
                f"\n- id: {entry_id}\n  name: {entry_id}\n  url: {origin}{path}\n"
                + (f"  repository: {repo}\n" if repo else "")
                + "  description:\n    en: Test.\n    zh: 测试。\n"
                + "  tags:\n    data: [any]\n    domain: [any]\n    level: beginner\n"
                + f"    kind: tool\n    status: {status}\n"
            )
        (data / "models.yaml").write_text("".join(body), encoding="utf-8")
        (tmp_path / "docs").mkdir()
        (tmp_path / "linkcheckerrc").write_text(RC, encoding="utf-8")
        code = link_report.main(
            [
                *("--data", str(data), "--docs", str(tmp_path / "docs")),
                *("--rc", str(tmp_path / "linkcheckerrc"), "--root", str(tmp_path)),
                *("--report-dir", str(tmp_path / "report"), "--github-api", api),
            ]
        )
    assert code == 1  # /missing is broken
    facts = json.loads((data / "facts.json").read_text(encoding="utf-8"))
    checked = facts["generated"]
    repository = facts["entries"]["frozen"].pop("addresses")["https://github.com/old-org/frozen"]
    assert repository["field"] == "repository" and repository["link"] == "ignored"
    assert "checked" not in repository  # skipped by the ignore list: no check claimed
    assert facts["entries"]["frozen"] == {
        "checked": checked,
        "http_status": 200,
        "final_url": f"{origin}/ok",
        "github": FROZEN,
    }
    assert facts["entries"]["site"]["http_status"] == 404
    report = json.loads((tmp_path / "report" / "links.json").read_text(encoding="utf-8"))
    review = report["status_review"]
    # "missing" keeps its status: its repository is gone but its address answers 200 (a dead
    # status would drop the link to a working site); it is a message to act on instead.
    assert [line.split(" id=")[1].split(":")[0] for line in review] == ["frozen", "site"]
    assert "status is 'maintenance', the facts suggest 'archived'" in review[0]
    assert "the address answers HTTP 404" in review[1]
    messages = report["facts_messages"]
    assert any("someone/renamed is now new-org/renamed" in m for m in messages)
    gone = "id=missing: the repository nobody/missing does not exist (HTTP 404); its address"
    assert any(gone in m and m.startswith("data/resources/models.yaml:") for m in messages)
    markdown = (tmp_path / "report" / "links.md").read_text(encoding="utf-8")
    assert "## Status to review (2)" in markdown
    notes = markdown.split("## Notes (", 1)[1]  # not counted as statuses, listed apart
    assert "someone/renamed is now" in notes and "nobody/missing does not exist" in notes
    # The weekly pull request's description: per entry the evidence and the proposed status.
    body = (tmp_path / "report" / "pull-request.md").read_text(encoding="utf-8")
    assert "## Status changes (2)" in body
    frozen = next(line for line in body.splitlines() if line.startswith("| `frozen`"))
    assert f"`{origin}/ok` | 200 | `old-org/frozen` | 2019-06-30 | yes |" in frozen
    assert "`maintenance` → `archived`: GitHub marks old-org/frozen as archived" in frozen
    site = next(line for line in body.splitlines() if line.startswith("| `site`"))
    assert "| 404 | - | - | - |" in site and "`active` → `dead`" in site
    # linkcheck-update writes the proposed statuses into the YAML for that pull request.

    assert (
        link_report.update_main([str(tmp_path / "report" / "links.json"), "--data", str(data)]) == 0
    )
    written = (data / "models.yaml").read_text(encoding="utf-8")
    assert written.count("status: archived") == 1 and written.count("status: dead") == 1


def test_suggestions_stay_within_the_entry_value_set() -> None:
    stale = {"http_status": 200, "github": dict(FROZEN)}
    paper = entry("paper", "o/p", "finished", kind="publication")
    allowed = resources.status_values(paper.kind, paper.status)
    assert allowed == ("finished", "superseded", "withdrawn", "dead")
    assert gf.suggest_status(stale, TODAY)[0] not in allowed  # pushes say nothing of a paper
    assert gf.suggest_status({"http_status": 404}, TODAY)[0] in allowed
    book = entry("book", "o/b", "superseded", kind="book")
    assert "archived" not in resources.status_values(book.kind, book.status)
    lib = entry("lib", "o/l", "active", kind="library")
    facts = {"generated": "x", "entries": {"paper": stale, "book": stale, "lib": stale}}
    changes = gf.status_changes([paper, book, lib], facts, TODAY)
    assert [(c["id"], c["suggested"]) for c in changes] == [("lib", "archived")]
    assert changes[0]["archived"] is True and changes[0]["repo"] == FROZEN["repo"]


def test_an_ignored_or_unchecked_address_gets_no_check_date() -> None:
    entries = [entry("forum", None, url="https://www.reddit.com/r/x/")]
    ignored = {"https://www.reddit.com/r/x/": {"kind": "ignored", "status": None, "detail": "403"}}
    facts, _ = gf.collect(entries, ignored, None, TODAY)
    assert facts["entries"]["forum"] == {"link": "ignored", "detail": "403"}
    facts, _ = gf.collect(entries, {}, None, TODAY)
    assert facts["entries"]["forum"] == {"link": "not checked"}

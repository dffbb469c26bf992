"""Machine facts about catalogue entries: data/resources/facts.json, written by the scheduled check.

``make linkcheck-external`` (scripts/links/report.py) checks every address the site publishes,
then scripts/links/report.py calls ``collect`` here with the catalogue read through
scripts/data/resources.py: for each entry it records the HTTP result of its ``url`` (and of every
other published address under ``addresses``) and, when the entry has a GitHub repository (its
``url`` or its ``repository``), facts from the GitHub REST API. An address the check skipped
(an ignored host) gets no ``checked`` date and no HTTP status, only ``link: "ignored"``. The
file is generated, never edited by hand; pages show "link checked on DATE" only from it:

    {"generated": "2026-12-07",
     "entries": {"<id>": {"checked": "2026-12-07", "http_status": 200, "final_url": "https://...",
                          "github": {"repo": "owner/name", "archived": false,
                                     "pushed_at": "2026-11-30T12:00:00Z", "latest_release": "v1.2",
                                     "license": "MIT", "stars": 1234}}}}

Suggested status (``suggest_status``), from these written thresholds:

- the entry's address answers 404 or 410, or its repository does not exist (404): ``dead``;
- the repository carries GitHub's archived flag: ``archived``;
- no push for more than ARCHIVED_MONTHS (48) whole months: ``archived`` (frozen in practice);
- no push for more than MAINTENANCE_MONTHS (24) whole months: ``maintenance``;
- otherwise, for a repository: ``active``. Without a repository, only ``dead`` is ever suggested:
  a website that answers says nothing about whether anyone looks after it.

Suggestions stay inside the entry's value set (scripts/data/resources.py ``status_values``):
only maintained resources get the GitHub-derived ones; for a finished work (a paper, an event, a
finished book or tutorial) a repository's pushes say nothing, so only ``dead`` is suggested.

Every entry whose hand-set ``tags.status`` differs from the suggestion is reported for a person to
judge (a finished book or tutorial may be rightly ``archived`` while its repository still gets
pushes, for example). Requests use ``GITHUB_TOKEN`` when set (5000 instead of 60 requests an hour).
When the API answers 403 or 429 with ``X-RateLimit-Remaining: 0``, the check waits until
``X-RateLimit-Reset`` (at most ``max_wait`` seconds) and tries once more; if the wait would be
longer, the remaining repositories are marked ``rate-limited`` rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.data import resources

API_URL = "https://api.github.com"
ARCHIVED_MONTHS = 48
MAINTENANCE_MONTHS = 24
GONE = (404, 410)


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""


class RateLimited(Exception):
    """The API refused for the rest of this run (the reset is too far away)."""


@dataclass
class GitHub:
    """A small GitHub REST client: JSON GETs, redirects followed, rate limits waited out."""

    api_url: str = API_URL
    token: str | None = None
    timeout: float = 20.0
    max_wait: float = 900.0
    user_agent: str = "dl4sci-linkcheck"
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    requests: int = 0

    def get(self, path: str) -> Answer:
        answer = self._get_once(path)
        if self._rate_limited(answer):
            reset = float(answer.headers.get("x-ratelimit-reset") or 0)
            wait = max(0.0, reset - self.clock()) + 1.0
            if wait > self.max_wait:
                raise RateLimited(
                    f"GitHub API rate limit reached; it resets at "
                    f"{dt.datetime.fromtimestamp(reset, dt.UTC):%Y-%m-%d %H:%M} UTC "
                    f"(set GITHUB_TOKEN for a higher limit)"
                )
            self.sleep(wait)
            answer = self._get_once(path)
            if self._rate_limited(answer):
                raise RateLimited("GitHub API rate limit reached again after waiting for reset")
        return answer

    @staticmethod
    def _rate_limited(answer: Answer) -> bool:
        return answer.status in (403, 429) and answer.headers.get("x-ratelimit-remaining") == "0"

    def _get_once(self, path: str) -> Answer:
        url = self.api_url.rstrip("/") + path
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": self.user_agent,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, headers=headers)
        self.requests += 1
        try:  # urllib follows the 301 GitHub sends for a renamed or transferred repository
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = json.loads(response.read().decode("utf-8") or "null")
                return Answer(response.status, body, _lower(response.headers), response.url)
        except urllib.error.HTTPError as exc:
            try:
                body = json.loads(exc.read().decode("utf-8") or "null")
            except (ValueError, OSError):
                body = None
            answer = Answer(exc.code, body, _lower(exc.headers), url)
            exc.close()
            return answer


def _lower(headers: Any) -> dict[str, str]:
    return {str(key).lower(): str(value) for key, value in (headers or {}).items()}


# --- Facts per repository ---------------------------------------------------------------------


def repo_facts(client: GitHub, repo: str) -> dict[str, Any]:
    """Facts about ``owner/name``; ``http_status`` 404 when it does not exist."""
    answer = client.get(f"/repos/{urllib.parse.quote(repo)}")
    if answer.status != 200 or not isinstance(answer.body, dict):
        message = answer.body.get("message") if isinstance(answer.body, dict) else None
        return {"repo": repo, "http_status": answer.status, "error": message or "no answer"}
    body = answer.body
    full_name = str(body.get("full_name") or repo)
    facts: dict[str, Any] = {
        "repo": full_name,
        "archived": bool(body.get("archived")),
        "pushed_at": body.get("pushed_at"),
        "latest_release": None,
        "license": (body.get("license") or {}).get("spdx_id"),
        "stars": body.get("stargazers_count"),
    }
    if full_name.lower() != repo.lower():
        facts["renamed_from"] = repo
    release = client.get(f"/repos/{urllib.parse.quote(full_name)}/releases/latest")
    if release.status == 200 and isinstance(release.body, dict):
        facts["latest_release"] = release.body.get("tag_name")
    return facts


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def suggest_status(
    facts: dict[str, Any], today: dt.date, allowed: Iterable[str] | None = None
) -> tuple[str | None, str]:
    """(suggested status or None, the reason in words) from one entry's facts; ``allowed`` is the
    entry's value set (a suggestion outside it is withheld)."""
    suggestion, reason = _suggest(facts, today)
    if suggestion is not None and allowed is not None and suggestion not in set(allowed):
        return None, f"{reason}; {suggestion!r} is not a status for this kind of entry"
    return suggestion, reason


def _suggest(facts: dict[str, Any], today: dt.date) -> tuple[str | None, str]:
    if facts.get("http_status") in GONE:
        return "dead", f"the address answers HTTP {facts['http_status']}"
    github = facts.get("github")
    if not isinstance(github, dict):
        return None, "no repository facts"
    if github.get("http_status") in GONE:
        return "dead", f"the repository {github['repo']} does not exist (HTTP 404)"
    if "error" in github or "archived" not in github:
        return None, f"no repository facts ({github.get('error', 'not fetched')})"
    if github["archived"]:
        return "archived", f"GitHub marks {github['repo']} as archived"
    pushed = str(github.get("pushed_at") or "")[:10]
    if not pushed:
        return None, "no last push date"
    months = months_between(dt.date.fromisoformat(pushed), today)
    if months > ARCHIVED_MONTHS:
        return "archived", f"no push for {months} months (last {pushed})"
    if months > MAINTENANCE_MONTHS:
        return "maintenance", f"no push for {months} months (last {pushed})"
    return "active", f"last push {pushed}"


# --- The whole catalogue ----------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRef:
    """What ``collect`` needs from a catalogue entry (``from_resource`` builds it from the loader's
    entry); ``addresses`` are the other published addresses as (field, url)."""

    id: str
    url: str
    status: str
    github_repo: str | None
    source: str
    line: int
    kind: str = "tool"
    addresses: tuple[tuple[str, str], ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return resources.status_values(self.kind, self.status)

    @classmethod
    def from_resource(cls, entry: resources.Resource, source: str) -> EntryRef:
        return cls(
            id=entry.id,
            url=entry.url,
            status=entry.status,
            github_repo=entry.github_repo,
            source=source,
            line=entry.line_of("url"),
            kind=entry.kind,
            addresses=tuple(pair for pair in entry.published_urls if pair[0] != "url"),
        )


def link_facts(result: dict[str, Any] | None, today: dt.date) -> dict[str, Any]:
    """The HTTP facts of one address: a check date and status only when the check fetched it."""
    if not result:
        return {"link": "not checked"}
    if result.get("kind") == "ignored":
        return {"link": "ignored", "detail": result.get("detail", "")}
    return {
        "checked": today.isoformat(),
        "http_status": result.get("status"),
        "final_url": result.get("final_url"),
    }


def collect(
    entries: Iterable[Any],
    link_results: dict[str, dict[str, Any]],
    client: GitHub | None,
    today: dt.date,
) -> tuple[dict[str, Any], list[str]]:
    """facts.json content and messages (rate limits, renamed repositories).

    ``link_results`` maps a URL to its result in the external link report (``status`` and
    ``final_url``); ``client`` None skips the GitHub part.
    """
    messages: list[str] = []
    found: dict[str, Any] = {}
    limited: str | None = None
    for entry in entries:
        facts: dict[str, Any] = link_facts(link_results.get(entry.url), today)
        addresses = getattr(entry, "addresses", ())
        if addresses:
            facts["addresses"] = {
                url: {"field": name, **link_facts(link_results.get(url), today)}
                for name, url in addresses
            }
        if client is not None and entry.github_repo:
            if limited:
                facts["github"] = {"repo": entry.github_repo, "error": "rate-limited"}
            else:
                try:
                    facts["github"] = repo_facts(client, entry.github_repo)
                except RateLimited as exc:
                    limited = str(exc)
                    messages.append(f"{limited}; the remaining repositories were not checked")
                    facts["github"] = {"repo": entry.github_repo, "error": "rate-limited"}
                except (OSError, ValueError) as exc:
                    facts["github"] = {"repo": entry.github_repo, "error": f"{exc}"}
            renamed = facts["github"].get("renamed_from")
            if renamed:
                messages.append(
                    f"{entry.source}:{entry.line} id={entry.id}: GitHub repository {renamed} is "
                    f"now {facts['github']['repo']}; update the address"
                )
        found[entry.id] = facts
    return {"generated": today.isoformat(), "entries": found}, messages


def status_changes(
    entries: Iterable[Any], facts: dict[str, Any], today: dt.date
) -> list[dict[str, Any]]:
    """One record per entry whose status the facts would change, with the evidence: the
    address and its HTTP result, the repository with its last push and archived flag, the
    current and the suggested status (always within the entry's value set)."""
    found = []
    for entry in entries:
        entry_facts = facts["entries"].get(entry.id, {})
        allowed = getattr(entry, "allowed", None)
        suggestion, why = suggest_status(entry_facts, today, allowed)
        if suggestion is None or suggestion == entry.status:
            continue
        github = entry_facts.get("github") or {}
        found.append(
            {
                "id": entry.id,
                "path": entry.source,
                "line": entry.line,
                "url": entry.url,
                "http_status": entry_facts.get("http_status"),
                "link": entry_facts.get("link"),
                "repo": github.get("repo"),
                "pushed_at": github.get("pushed_at"),
                "archived": github.get("archived"),
                "status": entry.status,
                "suggested": suggestion,
                "reason": why,
            }
        )
    return found


def disagreements(entries: Iterable[Any], facts: dict[str, Any], today: dt.date) -> list[str]:
    """``path:line id=x: status 'a', the facts suggest 'b' (reason)`` for each disagreement."""
    return [
        f"{c['path']}:{c['line']} id={c['id']}: status is {c['status']!r}, "
        f"the facts suggest {c['suggested']!r} ({c['reason']})"
        for c in status_changes(entries, facts, today)
    ]


def write_facts(facts: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(facts, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")

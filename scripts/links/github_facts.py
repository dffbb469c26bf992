"""data/resources/facts.json (README.md, "Machine facts"): per entry the HTTP results of its
addresses and its repository's facts from the GitHub REST API, and the status they suggest
(``suggest_status``: without a repository at most ``dead``, since a website that answers says
nothing about upkeep; ``status_changes`` keeps a suggestion only within the entry's value set).
Beyond one rate-limit wait, repositories are not guessed."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import Message
from typing import Any

from scripts.data import resources

API_URL = "https://api.github.com"
ARCHIVED_MONTHS = 48
MAINTENANCE_MONTHS = 24
GONE = (404, 410)


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

    def get(self, path: str) -> tuple[int, Any]:
        """(HTTP status, JSON body) of one GET."""
        status, body, headers = self._get_once(path)
        if self._rate_limited(status, headers):
            reset = float(headers.get("x-ratelimit-reset") or 0)
            wait = max(0.0, reset - self.clock()) + 1.0
            if wait > self.max_wait:
                raise RateLimited(
                    f"GitHub API rate limit reached; it resets at "
                    f"{dt.datetime.fromtimestamp(reset, dt.UTC):%Y-%m-%d %H:%M} UTC "
                    f"(set GITHUB_TOKEN for a higher limit)"
                )
            self.sleep(wait)
            status, body, headers = self._get_once(path)
            if self._rate_limited(status, headers):
                raise RateLimited("GitHub API rate limit reached again after waiting for reset")
        return status, body

    @staticmethod
    def _rate_limited(status: int, headers: Message) -> bool:  # Message: case-insensitive .get
        return status in (403, 429) and headers.get("x-ratelimit-remaining") == "0"

    def _get_once(self, path: str) -> tuple[int, Any, Message]:
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        headers["User-Agent"] = self.user_agent
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.api_url.rstrip("/") + path, headers=headers)
        try:  # urllib follows the 301 GitHub sends for a renamed or transferred repository
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = json.loads(response.read().decode("utf-8") or "null")
                return response.status, body, response.headers
        except urllib.error.HTTPError as exc:  # an answer too: keep its status even without a body
            with exc:
                try:
                    body = json.loads(exc.read().decode("utf-8") or "null")
                except (ValueError, OSError):
                    body = None
                return exc.code, body, exc.headers


def repo_facts(client: GitHub, repo: str) -> dict[str, Any]:
    """Facts about ``owner/name``; ``http_status`` 404 when it does not exist."""
    status, body = client.get(f"/repos/{urllib.parse.quote(repo)}")
    if status != 200 or not isinstance(body, dict):
        message = body.get("message") if isinstance(body, dict) else None
        return {"repo": repo, "http_status": status, "error": message or "no answer"}
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
    status, release = client.get(f"/repos/{urllib.parse.quote(full_name)}/releases/latest")
    if status == 200 and isinstance(release, dict):
        facts["latest_release"] = release.get("tag_name")
    return facts


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def suggest_status(facts: dict[str, Any], today: dt.date, url: str = "") -> tuple[str | None, str]:
    """(suggested status or None, the reason) from one entry's facts (``url``: its address):
    the written thresholds."""
    if facts.get("http_status") in GONE:
        return "dead", f"the address answers HTTP {facts['http_status']}"
    github = facts.get("github")
    if not isinstance(github, dict):
        return None, "no repository facts"
    if github.get("http_status") in GONE:
        gone = f"the repository {github['repo']} does not exist (HTTP {github['http_status']})"
        # Dead is "no longer online": only when the entry's address is the repository (the
        # API's answer is the address's) or gone as well; a 403, 5xx, timeout or unchecked
        # address proves nothing (handled above when gone), so a person looks.
        if not is_repository(url, github["repo"]):
            return None, f"{gone}; its address {describe(facts)}"
        return "dead", gone
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


def is_repository(url: str, repo: str) -> bool:
    """Whether ``url`` is the GitHub repository ``repo`` itself (github.com/owner/name)."""
    found = resources.GITHUB_REPO_RE.match(url)
    return found is not None and f"{found['owner']}/{found['name']}".lower() == repo.lower()


def describe(facts: dict[str, Any]) -> str:
    """What the check made of an entry's address, for a message."""
    if isinstance(facts.get("http_status"), int):
        return f"answers HTTP {facts['http_status']}"
    return "was not checked" if "link" in facts else "gave no answer"


def link_facts(result: dict[str, Any] | None, today: dt.date) -> dict[str, Any]:
    """The HTTP facts of one address: a date and status only when the check fetched it."""
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
    entries: Iterable[resources.Resource],
    link_results: dict[str, dict[str, Any]],
    client: GitHub | None,
    today: dt.date,
) -> tuple[dict[str, Any], list[str]]:
    """facts.json and messages (rate limits, renamed repositories) from the results per URL and,
    unless ``client`` is None, the GitHub API."""
    messages: list[str] = []
    found: dict[str, Any] = {}
    limited: str | None = None
    for entry in entries:
        facts: dict[str, Any] = link_facts(link_results.get(entry.url), today)
        others = [(name, url) for name, url in entry.published_urls if name != "url"]
        if others:
            facts["addresses"] = {
                url: {"field": name, **link_facts(link_results.get(url), today)}
                for name, url in others
            }
        if client is not None and entry.github_repo:
            github = {"repo": entry.github_repo, "error": "rate-limited"}
            if not limited:
                try:
                    github = repo_facts(client, entry.github_repo)
                except RateLimited as exc:
                    limited = str(exc)
                    messages.append(f"{limited}; the remaining repositories were not checked")
                except (http.client.HTTPException, OSError, ValueError) as exc:  # a cut body
                    github = {"repo": entry.github_repo, "error": f"{exc}"}
            facts["github"] = github
            where = f"{entry.source}:{entry.line_of('repository' if entry.repository else 'url')}"
            if "renamed_from" in github:
                messages.append(
                    f"{where} id={entry.id}: GitHub repository "
                    f"{github['renamed_from']} is now {github['repo']}; update the address"
                )
            suggestion, why = suggest_status(facts, today, entry.url)
            if suggestion is None and github.get("http_status") in GONE:  # gone, but not dead
                messages.append(f"{where} id={entry.id}: {why}; update or remove the repository")
        found[entry.id] = facts
    return {"generated": today.isoformat(), "entries": found}, messages


def status_changes(
    entries: Iterable[resources.Resource], facts: dict[str, Any], today: dt.date
) -> list[dict[str, Any]]:
    """One record per entry whose status the facts would change, with the evidence."""
    found = []
    for entry in entries:
        entry_facts = facts["entries"].get(entry.id, {})
        suggestion, why = suggest_status(entry_facts, today, entry.url)
        allowed = resources.status_values(entry.kind, entry.status)  # no suggestion outside it
        if suggestion is None or suggestion == entry.status or suggestion not in allowed:
            continue
        github = entry_facts.get("github") or {}
        found.append(
            {
                "id": entry.id,
                "path": entry.source,
                "line": entry.line_of("url"),
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


def disagreements(changes: Iterable[dict[str, Any]]) -> list[str]:
    """``path:line id=x: status 'a', the facts suggest 'b' (reason)`` for each status change."""
    return [
        f"{c['path']}:{c['line']} id={c['id']}: status is {c['status']!r}, "
        f"the facts suggest {c['suggested']!r} ({c['reason']})"
        for c in changes
    ]

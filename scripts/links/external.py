"""The external check: every address the catalogue publishes (data/resources/*.yaml read through
scripts/data/resources.py: url, repository, mirrors, alternatives, and the alternatives of
data/access.yaml) and every external link in the Markdown pages (docs/).

One retry after a pause for timeouts, 429 and 5xx, at most one request at a time per host;
redirects are followed by hand so each hop is classified (a permanent one suggests the new
address). The result maps each URL to the YAML entry or Markdown line it comes from; it is the
links.json that scripts/links/report.py writes with its other formats.
"""

from __future__ import annotations

import datetime as dt
import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from scripts.data import markdown_reader, resources
from scripts.data.datafile import shown
from scripts.links.settings import ExternalSettings

ROOT = Path(__file__).resolve().parents[2]

# Order of the report's sections; "known-dead" is a broken URL whose entries already say dead.
KINDS = ("broken", "moved", "redirected", "known-dead", "ignored", "ok")
PERMANENT = (301, 308)
MAX_HOPS = 10


# --- Sources: where each URL is written -----------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a URL is written: a catalogue entry (with its id, status and the field holding the
    URL), a host record of data/access.yaml, or a Markdown line."""

    path: str
    line: int
    entry_id: str | None = None
    status: str | None = None
    github_repo: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where} id={self.entry_id}" if self.entry_id else where


def catalogue_sources(data_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    """(url, source) for every address the site publishes from the catalogue, read through the
    one loader (scripts/data/resources.py): each entry's url, repository, mirrors and own
    alternatives, and the alternatives of the host records in data/access.yaml. Entries the
    loader rejects are left out (``make check`` reports them)."""
    catalogue = resources.load_catalogue(data_dir)
    found = []
    for entry in catalogue.entries:
        for name, url in entry.published_urls:
            if not _is_web(url):
                continue
            source = Source(
                path=relative_path(entry.source, root),
                line=entry.line_of(name),
                entry_id=entry.id,
                status=entry.status,
                github_repo=entry.github_repo,
                field=name,
            )
            found.append((url, source))
    for record in catalogue.access:
        for alternative in record.alternatives:
            if alternative.url and _is_web(alternative.url):
                where = relative_path(record.source, root)
                found.append((alternative.url, Source(path=where, line=record.line)))
    return found


def _is_web(url: str) -> bool:
    """An http(s) address (the loader reports malformed ones; the check still tries them)."""
    return urllib.parse.urlsplit(url).scheme.lower() in ("http", "https")


def relative_path(where: str, root: Path) -> str:
    """A loader's path (relative to the repository or the working directory, or absolute)
    shown relative to ``root``."""
    path = Path(where)
    if not path.is_absolute():
        path = resources.ROOT / path if (resources.ROOT / path).exists() else Path.cwd() / path
    return shown(path, root)


_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<?(https?://[^\s)>]+)"),  # [text](url) and [text](<url>)
    re.compile(r"<(https?://[^\s>]+)>"),  # <url>
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s>]+)"),  # [ref]: url
    re.compile(r"""href=["'](https?://[^"'\s]+)"""),  # raw HTML
)


def markdown_links(text: str) -> list[tuple[int, str]]:
    """(line number, URL) of every external link in Markdown, outside fenced code blocks."""
    links = []
    for number, (line, code) in enumerate(markdown_reader.fenced(text.splitlines()), start=1):
        if code:
            continue
        found = [url for pattern in _LINK_PATTERNS for url in pattern.findall(line)]
        links += [(number, url) for url in dict.fromkeys(found)]  # [x](<url>) matches twice
    return links


def page_sources(docs_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        for line, url in markdown_links(path.read_text(encoding="utf-8")):
            found.append((url, Source(path=shown(path, root), line=line)))
    return found


def group_sources(pairs: Iterable[tuple[str, Source]]) -> dict[str, list[Source]]:
    grouped: dict[str, list[Source]] = {}
    for url, source in pairs:
        grouped.setdefault(url, [])
        if source not in grouped[url]:
            grouped[url].append(source)
    return grouped


# --- Network --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """One request: the HTTP status, or an error (``timeout``, a connection failure)."""

    url: str
    status: int | None = None
    location: str | None = None
    retry_after: str | None = None
    error: str | None = None


@dataclass
class Outcome:
    url: str
    kind: str  # one of KINDS
    status: int | None = None
    final_url: str | None = None
    suggestion: str | None = None
    detail: str = ""
    attempts: int = 1
    hops: list[Hop] = field(default_factory=list)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let 3xx answers surface as HTTPError so each hop is classified."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, timeout: float, user_agent: str) -> Hop:
    """One GET without following redirects; the body is not read."""
    headers = {
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language": "en",
    }
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Hop(url, status=response.status)
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location")
        hop = Hop(
            url,
            status=exc.code,
            location=urllib.parse.urljoin(url, location) if location else None,
            retry_after=exc.headers.get("Retry-After"),
        )
        exc.close()
        return hop
    except TimeoutError:
        return Hop(url, error="timeout")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return Hop(url, error="timeout")
        return Hop(url, error=f"connection failed: {exc.reason}")
    except (http.client.HTTPException, OSError, ValueError) as exc:
        return Hop(url, error=f"connection failed: {exc}")


def fetch_chain(url: str, timeout: float, user_agent: str) -> list[Hop]:
    """Follow redirects by hand, so each hop's status is kept."""
    hops = [fetch(url, timeout, user_agent)]
    while hops[-1].location and 300 <= (hops[-1].status or 0) < 400:
        if len(hops) > MAX_HOPS or hops[-1].location in {hop.url for hop in hops}:
            hops.append(Hop(hops[-1].location, error="redirect loop or too many redirects"))
            break
        hops.append(fetch(hops[-1].location, timeout, user_agent))
    return hops


def is_transient(hop: Hop) -> bool:
    """Worth one retry after a pause: a timeout, 429 Too Many Requests or a 5xx."""
    return hop.error == "timeout" or hop.status == 429 or 500 <= (hop.status or 0) < 600


def retry_pause(hop: Hop, settings: ExternalSettings) -> float:
    """The configured pause, or the server's longer Retry-After (in seconds) up to a cap."""
    try:
        asked = float(hop.retry_after) if hop.retry_after else 0.0
    except ValueError:
        asked = 0.0
    return max(settings.retry_pause, min(asked, settings.max_retry_after))


def classify(url: str, hops: list[Hop], attempts: int = 1, timeout: float = 0) -> Outcome:
    """ok, moved (permanent redirects first: suggest the new URL), redirected, or broken."""
    last = hops[-1]
    chain = " -> ".join(f"{hop.status} {hop.location}" for hop in hops[:-1])
    outcome = Outcome(url, "broken", last.status, last.url, attempts=attempts, hops=hops)
    tries = " (also on retry)" if attempts > 1 else ""
    if last.error:
        what = (
            f"timed out after {timeout:g} s" if last.error == "timeout" and timeout else last.error
        )
        outcome.detail = f"{what}{tries}" + (f" after {chain}" if chain else "")
        return outcome
    if not (200 <= (last.status or 0) < 300):
        redirect = 300 <= (last.status or 0) < 400
        what = f"HTTP {last.status}" + (" without a Location header" if redirect else "")
        outcome.detail = f"{what}{tries}" + (f" after {chain}" if chain else "")
        return outcome
    if len(hops) == 1:
        outcome.kind, outcome.detail = "ok", f"HTTP {last.status}"
        return outcome
    permanent = 0
    while permanent < len(hops) - 1 and hops[permanent].status in PERMANENT:
        permanent += 1
    if permanent:
        outcome.kind, outcome.suggestion = "moved", hops[permanent].url
        outcome.detail = f"permanent redirect: {chain}"
    else:
        outcome.kind, outcome.detail = "redirected", f"temporary redirect: {chain}"
    return outcome


def check_url(
    url: str, settings: ExternalSettings, sleep: Callable[[float], None] = time.sleep
) -> Outcome:
    """Check one URL; a transient failure gets one retry after a pause."""
    hops = fetch_chain(url, settings.timeout, settings.user_agent)
    attempts = 1
    if is_transient(hops[-1]):
        sleep(retry_pause(hops[-1], settings))
        hops = fetch_chain(url, settings.timeout, settings.user_agent)
        attempts = 2
    return classify(url, hops, attempts, settings.timeout)


def check_urls(
    urls: Iterable[str],
    settings: ExternalSettings,
    progress: Callable[[Outcome], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Outcome]:
    """Check URLs in parallel across hosts, one request at a time per host."""
    outcomes: dict[str, Outcome] = {}
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        rule = next((rule for rule in settings.ignore if rule.matches(url)), None)
        if rule:
            outcomes[url] = Outcome(url, "ignored", detail=f"linkcheckerrc: {rule.reason}")
        else:
            host = (urllib.parse.urlsplit(url).hostname or "").lower()
            by_host.setdefault(host, []).append(url)

    def one_host(host_urls: list[str]) -> list[Outcome]:
        done = []
        for number, url in enumerate(host_urls):
            if number:
                sleep(settings.host_interval)
            done.append(check_url(url, settings, sleep))
            if progress:
                progress(done[-1])
        return done

    with ThreadPoolExecutor(max_workers=max(1, settings.hosts)) as pool:
        for host_outcomes in pool.map(one_host, by_host.values()):
            outcomes.update((outcome.url, outcome) for outcome in host_outcomes)
    return outcomes


# --- The result -----------------------------------------------------------------------------


def settle(outcome: Outcome, sources: list[Source]) -> str:
    """A broken URL whose every source is a catalogue entry already marked dead is no news."""
    if outcome.kind == "broken" and sources and all(s.status == "dead" for s in sources):
        return "known-dead"
    return outcome.kind


def report_data(
    outcomes: dict[str, Outcome], sources: dict[str, list[Source]], checked: str
) -> dict:
    """The machine-readable report (links.json); every other format derives from it."""
    results = []
    for url, outcome in outcomes.items():
        results.append(
            {
                "url": url,
                "kind": settle(outcome, sources.get(url, [])),
                "status": outcome.status,
                "final_url": outcome.final_url,
                "suggestion": outcome.suggestion,
                "detail": outcome.detail,
                "attempts": outcome.attempts,
                "sources": [
                    {
                        "path": s.path,
                        "line": s.line,
                        "id": s.entry_id,
                        "status": s.status,
                        "field": s.field,
                    }
                    for s in sources.get(url, [])
                ],
            }
        )
    results.sort(key=lambda r: (KINDS.index(r["kind"]), r["url"]))
    summary = {kind: sum(r["kind"] == kind for r in results) for kind in KINDS}
    return {"checked": checked, "urls": len(results), "summary": summary, "results": results}


def check_external(
    data_dir: Path,
    docs_dir: Path,
    settings: ExternalSettings,
    root: Path = ROOT,
    progress: Callable[[Outcome], None] | None = None,
) -> dict:
    """Collect URLs with their sources, check them, return the report."""
    sources = group_sources(catalogue_sources(data_dir, root) + page_sources(docs_dir, root))
    outcomes = check_urls(sources, settings, progress=progress)
    return report_data(outcomes, sources, dt.date.today().isoformat())

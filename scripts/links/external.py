"""The external check: every address the catalogue publishes and every external link in docs/,
mapped to the YAML entry or Markdown line it comes from (settings: linkcheckerrc). Redirects are
followed by hand so that a permanent one can suggest the new address."""

from __future__ import annotations

import configparser
import contextlib
import dataclasses
import datetime as dt
import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.data import markdown_reader, resources
from scripts.data.datafile import shown

ROOT = Path(__file__).resolve().parents[2]
RC = ROOT / "linkcheckerrc"
# Order of the report's sections; "known-dead" is a broken URL whose entries already say dead.
KINDS = ("broken", "moved", "redirected", "known-dead", "ignored", "ok")
PERMANENT = (301, 308)
MAX_HOPS = 10
WEB = ("http", "https")


@dataclass(frozen=True)
class IgnoreRule:
    pattern: str
    reason: str


@dataclass(frozen=True)
class ExternalSettings:
    """The ``[external]`` keys of linkcheckerrc (explained there) and the ignore list."""

    timeout: float = 20.0
    retrypause: float = 30.0
    maxretryafter: float = 120.0
    hostinterval: float = 2.0
    hosts: int = 8
    useragent: str = "dl4sci-linkcheck"
    ignore: tuple[IgnoreRule, ...] = ()


def ignore_rules(rc_text: str, name: str = "linkcheckerrc") -> list[IgnoreRule]:
    """The ``[filtering] ignore`` entries, each with the comment line above it as its reason."""
    parser = configparser.RawConfigParser()
    parser.read_string(rc_text)
    lines = [line.strip() for line in rc_text.splitlines()]
    rules = []
    for pattern in parser.get("filtering", "ignore", fallback="").split():
        # On a line of its own, or the first one: "ignore=PATTERN" (LinkChecker takes both).
        one = re.compile(rf"(?:ignore\s*[=:]\s*)?{re.escape(pattern)}")
        number = next((n for n, line in enumerate(lines) if one.fullmatch(line)), None)
        if number is None:
            raise ValueError(
                f"{name}: ignore entry {pattern!r} must be on a line of its own, with a "
                "comment line above it saying why"
            )
        if not lines[number - 1].startswith("#"):
            raise ValueError(
                f"{name}:{number + 1}: ignore entry {pattern!r} has no comment line above "
                "it saying why; add one"
            )
        rules.append(IgnoreRule(pattern, lines[number - 1].lstrip("#").strip()))
    return rules


def read_settings(rc: Path = RC) -> ExternalSettings:
    """The settings; ValueError, one line naming ``rc``, for anything wrong with the file."""
    parser = configparser.RawConfigParser()
    try:
        text = rc.read_text(encoding="utf-8")
        parser.read_string(text, source=str(rc))
    except OSError as exc:
        raise ValueError(f"{shown(rc)}: cannot be read ({exc.strerror})") from None
    except configparser.Error as exc:  # no section header, a key twice: messages over lines
        raise ValueError(f"{shown(rc)}: {' '.join(str(exc).split())}") from None
    defaults = vars(ExternalSettings()).items()
    try:
        values = {
            k: type(v)(parser.get("external", k, fallback=v)) for k, v in defaults if k != "ignore"
        }
    except ValueError as exc:
        raise ValueError(f"{shown(rc)}: [external]: {exc}") from None
    for key, value in values.items():  # a negative pause would stop time.sleep mid-run
        if isinstance(value, float | int) and value < 0:
            raise ValueError(f"{shown(rc)}: [external]: {key} must be 0 or more, not {value}")
    return ExternalSettings(**values, ignore=tuple(ignore_rules(text, shown(rc))))


@dataclass(frozen=True)
class Source:
    """A catalogue entry (id, status, field), a host record of data/access.yaml, or a page line."""

    path: str
    line: int
    id: str | None = None
    status: str | None = None
    field: str | None = None


def catalogue_sources(data_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    """(url, source) for every address an entry publishes (its review's sources too) and the
    sources and alternatives of data/access.yaml, each at its line. Entries the loader rejects
    are left to ``make check``."""
    catalogue = resources.load_catalogue(data_dir)
    found = []
    for e in catalogue.entries:
        where = relative_path(e.source, root)
        for name, url in e.published_urls:
            found.append((url, Source(where, e.line_of(name), e.id, e.status, name)))
    for record in catalogue.access:
        where = relative_path(record.source, root)
        found += [(url, Source(where, line, field=name)) for name, url, line in record.urls]
    # Malformed addresses are the loader's to report; the check still tries them.
    return [(url, s) for url, s in found if urllib.parse.urlsplit(url).scheme.lower() in WEB]


def relative_path(where: str, root: Path) -> str:
    """A loader's path (relative to the repository or the working directory), shown from root."""
    path = resources.ROOT / where  # an absolute ``where`` stays itself
    return shown(path if path.exists() else Path.cwd() / where, root)


_LINK_PATTERNS = (
    # [text](url) and [text](<url>); a URL may hold balanced parentheses, as Markdown allows
    re.compile(r"\]\(\s*<?(https?://(?:[^\s()<>]|\([^\s()<>]*\))+)"),
    re.compile(r"<(https?://[^\s>]+)>"),  # <url>
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s>]+)"),  # [ref]: url
    re.compile(r"""href=["'](https?://[^"'\s]+)"""),  # raw HTML
)


def markdown_links(text: str) -> list[tuple[int, str]]:
    """(line number, URL) of every external link in Markdown, outside fenced code blocks."""
    links = []
    for number, (line, code) in enumerate(markdown_reader.fenced(text.splitlines()), start=1):
        found = [] if code else [url for p in _LINK_PATTERNS for url in p.findall(line)]
        links += [(number, url) for url in dict.fromkeys(found)]  # [x](<url>) matches twice
    return links


def page_sources(docs_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        for line, url in markdown_links(path.read_text(encoding="utf-8")):
            found.append((url, Source(shown(path, root), line)))
    return found


@dataclass(frozen=True)
class Hop:
    """One request: the HTTP status, or an error (``timeout``, a connection failure)."""

    url: str
    status: int | None = None
    location: str | None = None
    retry_after: float = 0.0  # seconds (a Retry-After date is not waited for)
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let 3xx answers surface as HTTPError so each hop is classified."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def as_sent(url: str) -> str:
    """``url`` as a browser sends it: a non-ASCII host in IDNA, the rest percent-encoded as
    UTF-8 (urllib sends neither, and fails on a Chinese Wikipedia address)."""
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port else "")
    keep = "/?#[]@!$&'()*+,;=%~:"
    rest = (urllib.parse.quote(part, safe=keep) for part in parts[2:])
    return urllib.parse.urlunsplit((parts.scheme, netloc, *rest))


def fetch(url: str, settings: ExternalSettings) -> Hop:
    """One GET without following redirects; the body is not read."""
    headers = {"User-Agent": settings.useragent, "Accept-Language": "en"}
    headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
    request = urllib.request.Request(as_sent(url), headers=headers)
    try:
        with _OPENER.open(request, timeout=settings.timeout) as answer:
            return Hop(url, status=answer.status)
    except urllib.error.HTTPError as exc:
        location, retry_after = exc.headers.get("Location"), exc.headers.get("Retry-After", "")
        exc.close()
        if location and not location.isascii():  # raw UTF-8, which http.client read as Latin-1
            with contextlib.suppress(UnicodeError):
                location = location.encode("latin-1").decode("utf-8")
        location = location and urllib.parse.urljoin(url, location)
        return Hop(url, exc.code, location, float(retry_after) if retry_after.isdigit() else 0.0)
    except (http.client.HTTPException, OSError, ValueError) as exc:  # URLError is an OSError
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            return Hop(url, error="timeout")
        return Hop(url, error=f"connection failed: {reason}")


def fetch_chain(url: str, settings: ExternalSettings) -> list[Hop]:
    """Follow redirects by hand, so each hop's status is kept."""
    hops = [fetch(url, settings)]
    while hops[-1].location and 300 <= (hops[-1].status or 0) < 400:
        if len(hops) > MAX_HOPS or hops[-1].location in {hop.url for hop in hops}:
            hops.append(Hop(hops[-1].location, error="redirect loop or too many redirects"))
            break
        if urllib.parse.urlsplit(hops[-1].location).scheme.lower() not in WEB:  # file:, ftp:
            where = hops[-1].location
            hops.append(
                Hop(where, error=f"redirect to {where} not followed: not an http(s) address")
            )
            break
        hops.append(fetch(hops[-1].location, settings))
    return hops


def failure(hop: Hop, timeout: float) -> str:
    """What went wrong with the last hop of a chain that did not end in a 2xx."""
    if hop.error:
        return f"timed out after {timeout:g} s" if hop.error == "timeout" else hop.error
    redirect = 300 <= (hop.status or 0) < 400
    return f"HTTP {hop.status}" + (" without a Location header" if redirect else "")


def classify(url: str, hops: list[Hop], timeout: float, first: Hop | None = None) -> Outcome:
    """ok, moved (permanent redirects first: suggest the new URL), redirected, or broken;
    ``first``: the last hop of a first attempt that failed, when ``hops`` is the retry."""
    last = hops[-1]
    chain = " -> ".join(f"{hop.status} {hop.location}" for hop in hops[:-1])
    outcome = Outcome(url, "broken", last.status, last.url, attempts=1 if first is None else 2)
    if last.error or not 200 <= (last.status or 0) < 300:
        what, tries = failure(last, timeout), ""
        if first is not None:
            before = failure(first, timeout)
            tries = " (also on retry)" if before == what else f" on retry, after {before}"
        outcome.detail = f"{what}{tries}" + (f" after {chain}" if chain else "")
    elif len(hops) == 1:
        outcome.kind, outcome.detail = "ok", f"HTTP {last.status}"
    elif hops[0].status in PERMANENT:
        permanent = next(i for i, hop in enumerate(hops) if hop.status not in PERMANENT)
        # A redirect without a fragment keeps the one asked for (RFC 9110, 10.2.2).
        new, fragment = hops[permanent].url, urllib.parse.urlsplit(url).fragment
        keep = f"#{fragment}" if fragment and "#" not in new else ""
        outcome.kind, outcome.suggestion = "moved", new + keep
        outcome.detail = f"permanent redirect: {chain}"
    else:
        outcome.kind, outcome.detail = "redirected", f"temporary redirect: {chain}"
    return outcome


def check_url(url: str, settings: ExternalSettings) -> Outcome:
    """Check one URL; a timeout, 429 or 5xx gets one retry after the pause or the server's longer
    Retry-After (up to a cap)."""
    hops = fetch_chain(url, settings)
    last = hops[-1]
    if last.error == "timeout" or last.status == 429 or 500 <= (last.status or 0) < 600:
        time.sleep(max(settings.retrypause, min(last.retry_after, settings.maxretryafter)))
        return classify(url, fetch_chain(url, settings), settings.timeout, last)
    return classify(url, hops, settings.timeout)


def check_urls(
    urls: Iterable[str],
    settings: ExternalSettings,
    progress: Callable[[Outcome], None] | None = None,
) -> dict[str, Outcome]:
    """Check URLs in parallel across hosts, one request at a time per host."""
    outcomes: dict[str, Outcome] = {}
    by_host: dict[str | None, list[str]] = {}  # hostname is lowercase
    for url in dict.fromkeys(urls):
        rule = next((rule for rule in settings.ignore if re.search(rule.pattern, url)), None)
        if rule:
            outcomes[url] = Outcome(url, "ignored", detail=f"linkcheckerrc: {rule.reason}")
        else:
            by_host.setdefault(urllib.parse.urlsplit(url).hostname, []).append(url)

    def one_host(host_urls: list[str]) -> None:
        for number, url in enumerate(host_urls):
            if number:
                time.sleep(settings.hostinterval)
            outcomes[url] = check_url(url, settings)
            if progress:
                progress(outcomes[url])

    with ThreadPoolExecutor(max_workers=max(1, settings.hosts)) as pool:
        list(pool.map(one_host, by_host.values()))
    return outcomes


def check_external(
    data_dir: Path,
    docs_dir: Path,
    settings: ExternalSettings,
    root: Path = ROOT,
    progress: Callable[[Outcome], None] | None = None,
) -> dict:
    """links.json, which every other format derives from; a broken URL whose every source is an
    entry already marked dead is "known-dead"."""
    sources: dict[str, list[Source]] = {}
    for url, source in catalogue_sources(data_dir, root) + page_sources(docs_dir, root):
        if source not in sources.setdefault(url, []):
            sources[url].append(source)
    results = []
    for url, outcome in check_urls(sources, settings, progress=progress).items():
        dead = outcome.kind == "broken" and all(s.status == "dead" for s in sources[url])
        result = dataclasses.asdict(outcome) | {"kind": "known-dead" if dead else outcome.kind}
        results.append(result | {"sources": [dataclasses.asdict(s) for s in sources[url]]})
    results.sort(key=lambda r: (KINDS.index(r["kind"]), r["url"]))
    summary = {kind: sum(r["kind"] == kind for r in results) for kind in KINDS}
    checked = dt.date.today().isoformat()
    return {"checked": checked, "urls": len(results), "summary": summary, "results": results}

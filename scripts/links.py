"""Link checking: the built site's internal links and anchors, and every external URL we publish.

    python scripts/links.py internal [--project DIR] [--no-strict]
        Build both languages into a temporary folder, serve it on a free 127.0.0.1 port and run
        LinkChecker with ./linkcheckerrc, one process per language root in parallel (each walks
        its own language and checks the links into the others). Exit 1 with a list of
        (page, link, reason) when a link is broken or an anchor is missing.
    python scripts/links.py external [--report-dir reports/links]
        Check every catalogue URL (data/resources/*.yaml) and every external link in the Markdown
        pages (docs/), one retry after a pause for timeouts, 429 and 5xx, at most one request at a
        time per host. Write links.md, links.csv and links.json mapping each URL to the YAML entry
        or Markdown line it comes from. Exit 1 when a link is broken.
        Then write data/resources/facts.json (HTTP result per entry and, through the GitHub REST
        API, each repository's archived flag, last push, latest release, licence and stars; see
        scripts/github_facts.py) and list every entry whose status disagrees with the suggestion
        derived from those facts. --no-github skips the API; GITHUB_TOKEN raises its rate limit.
    python scripts/links.py update-status reports/links/links.json [--data data/resources]
        Write the report back into the catalogue (permanent redirects: url, with the old address
        appended to former_urls; 404 and 410: tags.status dead) with a ruamel.yaml round trip:
        nothing else in the files changes.

Settings, including the ignore list of checker-hostile hosts, live in linkcheckerrc.
"""

from __future__ import annotations

import argparse
import configparser
import csv
import datetime as dt
import functools
import http.client
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import github_facts, markers  # noqa: E402
from scripts.local_site import PREFIX, build_site, free_port, serve  # noqa: E402
from scripts.resources import GITHUB_REPO_RE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RC = ROOT / "linkcheckerrc"
REPORT_DIR = ROOT / "reports" / "links"

# Order of the report's sections; "known-dead" is a broken URL whose entries already say dead.
KINDS = ("broken", "moved", "redirected", "known-dead", "ignored", "ok")
PERMANENT = (301, 308)
MAX_HOPS = 10


# --- Settings (linkcheckerrc) ---------------------------------------------------------------


@dataclass(frozen=True)
class IgnoreRule:
    pattern: str
    reason: str

    def matches(self, url: str) -> bool:
        return re.search(self.pattern, url) is not None


@dataclass(frozen=True)
class ExternalSettings:
    timeout: float = 20.0
    retry_pause: float = 30.0
    max_retry_after: float = 120.0
    host_interval: float = 2.0
    hosts: int = 8
    user_agent: str = "dl4sci-linkcheck"
    ignore: tuple[IgnoreRule, ...] = ()


def ignore_rules(rc_text: str) -> list[IgnoreRule]:
    """The ``[filtering] ignore`` entries, each with the comment line above it as its reason."""
    rules: list[IgnoreRule] = []
    section, inside, reason = "", False, ""
    for number, raw in enumerate(rc_text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section, inside = line[1:-1].strip(), False
            continue
        if section != "filtering":
            continue
        if line.startswith("#"):
            reason = line.lstrip("#").strip()
            continue
        if not raw[:1].isspace() and "=" in line:
            key, line = (part.strip() for part in line.split("=", 1))
            inside = key == "ignore"
            if not line:  # a comment above the key is about the key, not an entry
                reason = ""
        if inside and line:
            if not reason:
                raise ValueError(
                    f"linkcheckerrc:{number}: ignore entry {line!r} has no comment line above it "
                    "saying why; add one"
                )
            rules.append(IgnoreRule(line, reason))
            reason = ""
    return rules


def read_settings(rc: Path = RC) -> ExternalSettings:
    """The ``[external]`` section and the ignore list of ``rc``."""
    text = rc.read_text(encoding="utf-8")
    parser = configparser.RawConfigParser()
    parser.read_string(text, source=str(rc))
    get = functools.partial(parser.get, "external", fallback=None)
    defaults = ExternalSettings()

    def number(key: str, default: float) -> float:
        value = get(key)
        return float(value) if value is not None else default

    return ExternalSettings(
        timeout=number("timeout", defaults.timeout),
        retry_pause=number("retrypause", defaults.retry_pause),
        max_retry_after=number("maxretryafter", defaults.max_retry_after),
        host_interval=number("hostinterval", defaults.host_interval),
        hosts=int(number("hosts", defaults.hosts)),
        user_agent=get("useragent") or defaults.user_agent,
        ignore=tuple(ignore_rules(text)),
    )


def site_languages(mkdocs_yml: Path) -> list[str]:
    """Locales of the i18n plugin, the default language first, as MkDocs itself reads the
    configuration (``!ENV`` and the rest); ``["en"]`` for a project without the plugin."""
    from mkdocs.config import load_config

    config = load_config(str(mkdocs_yml))
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ["en"]
    languages = sorted(i18n.config.languages, key=lambda lang: not lang.default)
    return [lang.locale for lang in languages]


# --- Internal check: LinkChecker over the served site ----------------------------------------


@dataclass(frozen=True)
class Checked:
    """One row of LinkChecker's CSV output: a link (``link`` as written) found on ``parent``."""

    url: str
    parent: str
    link: str
    line: str
    result: str
    warning: str
    valid: bool


@dataclass(frozen=True)
class Problem:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} -> {self.reason}"


@dataclass
class InternalResult:
    problems: list[Problem]
    links: int  # rows for URLs inside the site
    pages: int  # distinct URLs inside the site, anchors removed
    anchors: int  # distinct URLs inside the site with an anchor
    seconds: float = 0.0
    stderr: str = ""


def parse_linkchecker_csv(text: str) -> list[Checked]:
    """Rows of ``linkchecker -o csv``; comment lines (``# ...``) around the table are skipped."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("urlname;")), None)
    if start is None:
        return []
    table = "".join(line for line in lines[start:] if not line.startswith("# "))
    rows = []
    for row in csv.DictReader(io.StringIO(table), delimiter=";"):
        rows.append(
            Checked(
                url=row["url"] or "",
                parent=row["parentname"] or "",
                link=row["urlname"] or "",
                line=row["line"] or "",
                result=row["result"] or "",
                warning=(row["warningstring"] or "").strip(),
                valid=row["valid"] == "True",
            )
        )
    return rows


def page_source(url: str, base: str, project: Path, languages: list[str]) -> str:
    """The Markdown file behind a page URL of the site, e.g. ``docs/zh/about.md``."""
    path = url.split("#", 1)[0]
    if not path.startswith(base):
        return url
    rest = path[len(base) :]
    lang = languages[0]
    first = rest.split("/", 1)[0]
    if first in languages[1:]:
        lang, rest = first, rest[len(first) + 1 :]
    rest = rest.removesuffix("index.html").strip("/")
    candidates = [f"{rest}.md", f"{rest}/index.md"] if rest else ["index.md"]
    for candidate in candidates:
        if (project / "docs" / lang / candidate).is_file():
            return f"docs/{lang}/{candidate} ({urllib.parse.urlsplit(path).path})"
    return urllib.parse.urlsplit(path).path


def reason(row: Checked) -> str:
    if not row.valid:
        return row.result or "invalid"
    anchor = row.url.partition("#")[2]
    if anchor and "Anchor" in row.warning:
        return f"no anchor #{anchor} on the target page"
    return row.warning.splitlines()[0]


def internal_result(
    rows: list[Checked], base: str, project: Path, languages: list[str]
) -> InternalResult:
    """Problems (invalid links and every warning, missing anchors included) and counts."""
    problems: list[Problem] = []
    seen = set()
    for row in rows:
        if row.valid and not row.warning:
            continue
        where = page_source(row.parent, base, project, languages) if row.parent else "start URL"
        shown = row.link if row.link == row.url else f"{row.link} ({row.url})"
        problem = Problem(where, shown, reason(row))
        if problem not in seen:
            seen.add(problem)
            problems.append(problem)
    # "filtered": on the ignore list of linkcheckerrc, so not checked.
    inside = [row for row in rows if row.url.startswith(base) and row.result != "filtered"]
    return InternalResult(
        problems=problems,
        links=len(inside),
        pages=len({row.url.split("#", 1)[0] for row in inside}),
        anchors=len({row.url for row in inside if "#" in row.url}),
    )


def run_linkchecker(start_urls: list[str], rc: Path, no_follow: str = "") -> tuple[str, str, int]:
    """LinkChecker's CSV, stderr and exit code (0 clean, 1 problems, 2 internal error); URLs
    matching ``no_follow`` are checked but not crawled."""
    # LinkChecker runs in a child process through scripts/linkchecker_run.py, which wraps it
    # with a parsed-page cache and no recursion into page#anchor URLs.
    command = [sys.executable, "-m", "scripts.linkchecker_run", "--config", str(rc)]
    command += ["--no-status", "--output", "csv/utf-8"]
    command += ["--no-follow-url", no_follow] if no_follow else []
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="C")
    result = subprocess.run(
        [*command, *start_urls],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    return result.stdout, result.stderr, result.returncode


def language_crawls(base: str, languages: list[str]) -> list[tuple[str, str]]:
    """One (start URL, no-follow pattern) per language: each crawl walks its own language's
    pages and checks, without walking, the links that lead into the other languages."""
    others = "|".join(re.escape(f"{lang}/") for lang in languages[1:])
    if not others:
        return [(base, "")]
    crawls = [(base, f"^{re.escape(base)}(?:{others})")]
    for lang in languages[1:]:
        crawls.append((f"{base}{lang}/", f"^{re.escape(base)}(?!{re.escape(lang)}/)"))
    return crawls


def check_served(base: str, project: Path = ROOT, rc: Path = RC) -> InternalResult:
    """Run LinkChecker over the site served at ``base``: one crawl per language, in parallel
    (LinkChecker is CPU-bound and uses one core; each language's pages are parsed once)."""
    languages = site_languages(project / "mkdocs.yml")
    began = time.perf_counter()
    crawls = language_crawls(base, languages)
    with ThreadPoolExecutor(max_workers=len(crawls)) as pool:
        runs = list(pool.map(lambda crawl: run_linkchecker([crawl[0]], rc, crawl[1]), crawls))
    seconds = time.perf_counter() - began
    rows: list[Checked] = []
    for out, err, code in runs:
        found = parse_linkchecker_csv(out)
        if code not in (0, 1) or not found:
            raise RuntimeError(f"LinkChecker failed (exit {code}):\n{err}")
        if code == 1 and all(row.valid and not row.warning for row in found):
            raise RuntimeError(f"LinkChecker exited 1 but its CSV lists no problem:\n{err}")
        rows += found
    # A link between languages is checked by both crawls: count it once.
    rows = list(dict.fromkeys(rows))
    result = internal_result(rows, base, project, languages)
    result.seconds, result.stderr = seconds, "".join(err for _, err, _ in runs)
    return result


def check_project(project: Path = ROOT, rc: Path = RC, strict: bool = True) -> InternalResult:
    """Build ``project`` for a free local port, serve it there and check it."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        root = Path(tmp)
        build_site(root / PREFIX, f"http://127.0.0.1:{port}/{PREFIX}/", project, strict=strict)
        with serve(root, port) as base:
            return check_served(base, project, rc)


def markdown_internal(result: InternalResult) -> str:
    """The internal check's result for a CI job summary: a table of broken links, if any."""
    lines = ["### Internal links and anchors", ""]
    if not result.problems:
        lines.append(f"{result.links} links checked, none broken.")
    else:
        lines += ["| page | link | problem |", "| --- | --- | --- |"]
        cell = str.maketrans({"|": "\\|", "\n": " "})
        for p in result.problems:
            lines.append(
                f"| {p.page.translate(cell)} | `{p.link.translate(cell)}` | "
                f"{p.reason.translate(cell)} |"
            )
    return "\n".join([*lines, ""]) + "\n"


def format_internal(result: InternalResult) -> str:
    head = (
        f"LinkChecker: {result.links} links checked ({result.pages} pages and files, "
        f"{result.anchors} anchors) in {result.seconds:.1f} s"
    )
    if not result.problems:
        return f"{head}: no problem."
    lines = [f"{head}: {len(result.problems)} problem(s):"]
    lines += [f"  {problem}" for problem in result.problems]
    return "\n".join(lines)


# --- External check: sources -----------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a URL is written: a catalogue entry (with its id and status) or a Markdown line."""

    path: str
    line: int
    entry_id: str | None = None
    status: str | None = None
    github_repo: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where} id={self.entry_id}" if self.entry_id else where


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def round_trip_yaml() -> YAML:
    """The one ruamel.yaml setup that reproduces our catalogue files byte for byte."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=2, offset=0)
    return rt


def catalogue_sources(data_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    """(url, source) for each entry of ``data_dir/*.yaml``; the line is that of ``url:``."""
    found = []
    rt = round_trip_yaml()
    for path in sorted(data_dir.glob("*.yaml")):
        entries = rt.load(path.read_text(encoding="utf-8")) or []
        for entry in entries:
            url = entry.get("url") if isinstance(entry, dict) else None
            if not isinstance(url, str) or not re.match(r"https?://", url.strip()):
                continue
            tags = entry.get("tags") or {}
            repo = None
            for candidate in (entry.get("repository"), url):
                match = GITHUB_REPO_RE.match(str(candidate or "").strip())
                if match and repo is None:
                    repo = f"{match['owner']}/{match['name']}"
            source = Source(
                path=_relative(path, root),
                line=entry.lc.key("url")[0] + 1,
                entry_id=str(entry.get("id")),
                status=str(tags.get("status")) if tags.get("status") else None,
                github_repo=repo,
            )
            found.append((url.strip(), source))
    return found


_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<?(https?://[^\s)>]+)"),  # [text](url) and [text](<url>)
    re.compile(r"<(https?://[^\s>]+)>"),  # <url>
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s>]+)"),  # [ref]: url
    re.compile(r"""href=["'](https?://[^"'\s]+)"""),  # raw HTML
)


def markdown_links(text: str) -> list[tuple[int, str]]:
    """(line number, URL) of every external link in Markdown, outside fenced code blocks."""
    links = []
    for number, (line, code) in enumerate(markers.fenced(text.splitlines()), start=1):
        if code:
            continue
        found = [url for pattern in _LINK_PATTERNS for url in pattern.findall(line)]
        links += [(number, url) for url in dict.fromkeys(found)]  # [x](<url>) matches twice
    return links


def page_sources(docs_dir: Path, root: Path = ROOT) -> list[tuple[str, Source]]:
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        for line, url in markdown_links(path.read_text(encoding="utf-8")):
            found.append((url, Source(path=_relative(path, root), line=line)))
    return found


def group_sources(pairs: Iterable[tuple[str, Source]]) -> dict[str, list[Source]]:
    grouped: dict[str, list[Source]] = {}
    for url, source in pairs:
        grouped.setdefault(url, [])
        if source not in grouped[url]:
            grouped[url].append(source)
    return grouped


# --- External check: network -----------------------------------------------------------------


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


# --- External check: report ------------------------------------------------------------------


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
                    {"path": s.path, "line": s.line, "id": s.entry_id, "status": s.status}
                    for s in sources.get(url, [])
                ],
            }
        )
    results.sort(key=lambda r: (KINDS.index(r["kind"]), r["url"]))
    summary = {kind: sum(r["kind"] == kind for r in results) for kind in KINDS}
    return {"checked": checked, "urls": len(results), "summary": summary, "results": results}


def source_label(source: dict) -> str:
    where = f"{source['path']}:{source['line']}"
    return f"{where} id={source['id']}" if source.get("id") else where


def report_csv(report: dict) -> str:
    """One row per (URL, place it is written)."""
    out = io.StringIO()
    columns = ["kind", "url", "status", "suggestion", "detail", "source", "path", "line", "id"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for result in report["results"]:
        for source in result["sources"] or [{"path": "", "line": "", "id": None}]:
            writer.writerow(
                {
                    "kind": result["kind"],
                    "url": result["url"],
                    "status": result["status"] if result["status"] is not None else "",
                    "suggestion": result["suggestion"] or "",
                    "detail": result["detail"],
                    "source": source_label(source) if source["path"] else "",
                    "path": source["path"],
                    "line": source["line"],
                    "id": source.get("id") or "",
                }
            )
    return out.getvalue()


def _cell(text: object) -> str:
    """Safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text).replace('`', '')}`"


_SECTIONS = {
    "broken": (
        "Broken",
        "Fix or replace these; 404 and 410 become `status: dead` in update-status.",
    ),
    "moved": (
        "Moved (permanent redirect)",
        "Update the address: `update-status` sets `url` to the suggestion and appends the old "
        "one to `former_urls`; pages that link by `res:` id follow automatically.",
    ),
    "redirected": (
        "Temporary redirects",
        "Nothing to change; listed in case one becomes permanent.",
    ),
    "known-dead": ("Already marked dead", "Still unreachable, as the catalogue says."),
    "ignored": ("Not checked", "On the ignore list in linkcheckerrc, for the reason given."),
}


def report_markdown(report: dict, report_json: str = "reports/links/links.json") -> str:
    summary = report["summary"]
    counts = ", ".join(f"{summary[kind]} {kind}" for kind in KINDS if summary[kind])
    lines = [
        f"# External link check, {report['checked']}",
        "",
        f"{report['urls']} distinct URLs: {counts or 'none'}.",
    ]
    if summary["broken"] or summary["moved"]:
        lines += [
            "",
            "To write the results into the catalogue, run "
            f"`python scripts/links.py update-status {report_json}`, review the diff and "
            "open a pull request. Links in Markdown pages are fixed by hand at the line shown.",
        ]
    for kind, (title, help_text) in _SECTIONS.items():
        results = [r for r in report["results"] if r["kind"] == kind]
        if not results:
            continue
        lines += ["", f"## {title} ({len(results)})", "", help_text, ""]
        if kind == "moved":
            lines += ["| Where | URL | Suggested URL | Detail |", "| --- | --- | --- | --- |"]
        else:
            lines += ["| Where | URL | Detail |", "| --- | --- | --- |"]
        for result in results:
            where = "<br>".join(_code(source_label(s)) for s in result["sources"]) or "-"
            cells = [where, _code(result["url"])]
            if kind == "moved":
                cells.append(_code(result["suggestion"]))
            cells.append(_cell(result["detail"]))
            lines.append("| " + " | ".join(cells) + " |")
    review = report.get("status_review") or []
    notes = report.get("facts_messages") or []
    if review or notes:
        lines += [
            "",
            f"## Status to review ({len(review)})",
            "",
            "The facts in data/resources/facts.json suggest another `tags.status` for these "
            "entries (thresholds in scripts/github_facts.py). A person decides: edit the YAML "
            "where the facts are right, and leave it where the entry's note explains why not.",
            "",
        ]
        lines += [f"- `{_cell(line)}`" for line in [*notes, *review]]
    return "\n".join(lines) + "\n"


def write_report(report: dict, report_dir: Path) -> list[Path]:
    report_dir.mkdir(parents=True, exist_ok=True)
    paths = [report_dir / "links.json", report_dir / "links.csv", report_dir / "links.md"]
    json_text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    paths[0].write_text(json_text, encoding="utf-8")
    paths[1].write_text(report_csv(report), encoding="utf-8")
    shown = _relative(paths[0], ROOT)
    paths[2].write_text(report_markdown(report, shown), encoding="utf-8")
    return paths


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


def write_facts(
    report: dict, args: argparse.Namespace, settings: ExternalSettings, facts_path: Path
) -> dict:
    """Write facts.json for every catalogue entry; return the report's status-review part."""
    today = dt.date.fromisoformat(report["checked"])
    entries = [
        github_facts.EntryRef(
            id=source.entry_id or "",
            url=url,
            status=source.status or "",
            github_repo=source.github_repo,
            source=source.path,
            line=source.line,
        )
        for url, source in catalogue_sources(args.data, args.root)
    ]
    client = None
    if not args.no_github:
        client = github_facts.GitHub(
            api_url=args.github_api,
            token=os.environ.get("GITHUB_TOKEN") or None,
            timeout=settings.timeout,
            max_wait=args.max_rate_wait,
            user_agent=settings.user_agent,
        )
    results = {result["url"]: result for result in report["results"]}
    facts, messages = github_facts.collect(entries, results, client, today)
    github_facts.write_facts(facts, facts_path)
    return {
        "facts_messages": messages,
        "status_review": github_facts.disagreements(entries, facts, today),
    }


# --- update-status: the report back into the YAML --------------------------------------------


def entry_updates(report: dict) -> dict[str, dict[str, dict[str, str]]]:
    """{catalogue file name: {entry id: {field: new value}}} from a report.

    Permanent redirect: ``url`` becomes the new address and the old one is appended to
    ``former_urls``. HTTP 404 or 410: ``status: dead``. Everything else (timeouts, 403, 5xx,
    temporary redirects) changes nothing: a person decides. Check dates are not written into the
    YAML; they live in facts.json.
    """
    updates: dict[str, dict[str, dict[str, str]]] = {}
    for result in report["results"]:
        for source in result["sources"]:
            if not source.get("id"):
                continue
            change: dict[str, str] = {}
            if result["kind"] == "moved" and result["suggestion"]:
                change = {"url": result["suggestion"], "former_urls": result["url"]}
            elif result["kind"] == "broken" and result["status"] in (404, 410):
                change = {"status": "dead"}
            if change:
                name = Path(source["path"]).name
                updates.setdefault(name, {}).setdefault(source["id"], {}).update(change)
    return updates


def _like(old: object, new: str) -> object:
    """``new`` in the style of ``old``: a date stays a date, a quoted string stays quoted."""
    if isinstance(old, dt.date):
        return dt.date.fromisoformat(new)
    if isinstance(old, str) and type(old) is not str:
        return type(old)(new)
    return new


def _dump(rt: YAML, data: object) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def apply_updates(path: Path, updates: dict[str, dict[str, str]]) -> list[str]:
    """Apply {id: {field: value}} to one catalogue file; return one line per change."""
    text = path.read_text(encoding="utf-8")
    rt = round_trip_yaml()
    entries = rt.load(text)
    if _dump(rt, entries) != text:
        raise ValueError(
            f"{path}: a ruamel.yaml round trip would reformat this file, so it is left alone; "
            "update it by hand"
        )
    changes = []
    for entry in entries:
        change = updates.get(str(entry.get("id")))
        if not change:
            continue
        where = f"{path}:{entry.lc.line + 1} id={entry['id']}"
        for key, value in change.items():
            if key == "former_urls":
                old_urls = entry.get("former_urls")
                if old_urls is not None and value in [str(url) for url in old_urls]:
                    continue
                if old_urls is None:
                    position = list(entry).index("url") + 1
                    if "survey_url" in entry:
                        position = list(entry).index("survey_url") + 1
                    old_urls = CommentedSeq()
                    old_urls.fa.set_flow_style()
                    entry.insert(position, key, old_urls)
                old_urls.append(_like(entry["url"], value))
                changes.append(f"{where}: former_urls: + {value}")
                continue
            holder = entry["tags"] if key == "status" else entry
            old = holder.get(key)
            if old is not None and str(old) == value:
                continue
            holder[key] = _like(old, value)
            changes.append(f"{where}: {key}: {old if old is not None else '(none)'} -> {value}")
    missing = set(updates) - {str(entry.get("id")) for entry in entries}
    changes += [f"{path}: no entry id={name} any more; skipped" for name in sorted(missing)]
    new_text = _dump(rt, entries)
    if new_text != text:
        path.write_text(new_text, encoding="utf-8")
    return changes


def update_status(report: dict, data_dir: Path) -> list[str]:
    changes = []
    for name, updates in sorted(entry_updates(report).items()):
        changes += apply_updates(data_dir / name, updates)
    return changes


# --- CLI -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    internal = commands.add_parser("internal", help="internal links and anchors of the built site")
    internal.add_argument("--project", type=Path, default=ROOT, help="project folder to build")
    internal.add_argument("--rc", type=Path, default=RC, help="LinkChecker settings")
    internal.add_argument(
        "--no-strict", action="store_true", help="build without --strict (tests of bad links)"
    )
    external = commands.add_parser("external", help="catalogue URLs and external page links")
    external.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    external.add_argument("--docs", type=Path, default=ROOT / "docs")
    external.add_argument("--rc", type=Path, default=RC)
    external.add_argument("--report-dir", type=Path, default=REPORT_DIR)
    external.add_argument("--root", type=Path, default=ROOT, help="paths are shown relative to it")
    external.add_argument(
        "--facts", type=Path, help="where to write the facts (default: DATA/facts.json)"
    )
    external.add_argument(
        "--no-github", action="store_true", help="skip the GitHub API (HTTP facts only)"
    )
    external.add_argument(
        "--github-api",
        default=os.environ.get("GITHUB_API_URL") or github_facts.API_URL,
        help="GitHub REST API base URL (tests point it at a local server)",
    )
    external.add_argument(
        "--max-rate-wait",
        type=float,
        default=900.0,
        help="longest wait in seconds for a GitHub rate-limit reset before giving up",
    )
    update = commands.add_parser("update-status", help="write a report back into the catalogue")
    update.add_argument("report", type=Path, help="links.json written by the external command")
    update.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    args = parser.parse_args(argv)

    if args.command == "internal":
        project = args.project.resolve()
        try:
            result = check_project(project, args.rc.resolve(), strict=not args.no_strict)
        except RuntimeError as exc:  # the build or LinkChecker itself failed
            print(exc, file=sys.stderr)
            return 2
        print(format_internal(result))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # on GitHub Actions: the job summary lists broken links
            with open(summary, "a", encoding="utf-8") as out:
                out.write(markdown_internal(result))
        return 1 if result.problems else 0

    if args.command == "external":
        settings = read_settings(args.rc)

        def progress(outcome: Outcome) -> None:
            if outcome.kind != "ok":
                print(f"{outcome.kind:10} {outcome.url}  {outcome.detail}", flush=True)

        report = check_external(args.data, args.docs, settings, args.root, progress)
        facts_path = args.facts or args.data / "facts.json"
        report.update(write_facts(report, args, settings, facts_path))
        paths = write_report(report, args.report_dir)
        print(f"Facts: {facts_path}")
        for line in report["facts_messages"] + report["status_review"]:
            print(f"status?    {line}")
        summary = ", ".join(f"{n} {kind}" for kind, n in report["summary"].items() if n)
        print(f"{report['urls']} URLs: {summary}. Report: {', '.join(map(str, paths))}")
        return 1 if report["summary"]["broken"] else 0

    report = json.loads(args.report.read_text(encoding="utf-8"))
    changes = update_status(report, args.data)
    print("\n".join(changes) if changes else "Nothing to update.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

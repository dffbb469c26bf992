"""The internal check: the built site's links and anchors, with LinkChecker.

Build both languages into a temporary folder, serve it on a free 127.0.0.1 port and run
LinkChecker with ./linkcheckerrc, one process per language root in parallel (each walks its own
language and checks the links into the others). The result lists (page, link, reason) for each
broken link or missing anchor, the page being the Markdown file behind it.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.data import site_paths
from scripts.links.local_site import PREFIX, free_port, serve
from scripts.links.settings import RC

ROOT = Path(__file__).resolve().parents[2]


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
    lang, rest = site_paths.split_language(path[len(base) :], languages)
    source = site_paths.page_src(rest, project / "docs" / lang)
    if source is not None:
        return f"docs/{lang}/{source} ({urllib.parse.urlsplit(path).path})"
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


def run_linkchecker(start_url: str, rc: Path, no_follow: str = "") -> tuple[str, str, int]:
    """LinkChecker's CSV, stderr and exit code (0 clean, 1 problems, 2 internal error) for a
    crawl from ``start_url``; URLs matching ``no_follow`` are checked but not crawled."""
    # LinkChecker runs in a child process through scripts/links/linkchecker_run.py, which collects
    # each page's anchors once (the one patch left; see there).
    command = [sys.executable, "-m", "scripts", "linkchecker-run", "--config", str(rc)]
    command += ["--no-status", "--output", "csv/utf-8"]
    command += ["--no-follow-url", no_follow] if no_follow else []
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="C")
    result = subprocess.run(
        [*command, start_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    return result.stdout, result.stderr, result.returncode


def language_crawls(base: str, languages: list[str]) -> list[tuple[str, str]]:
    """One (start URL, no-follow pattern) per language: each crawl walks its own language's
    pages and checks, without walking, the links that lead into the other languages.

    Neither crawl walks a ``page#anchor`` URL of the site: the anchor is checked, and the page
    is walked once as ``page``. (Walking it again per anchor queued all of a page's links once
    per anchor, ~90 % of the run.) The pattern names the site's base so that external URLs
    with a ``#`` stay unchecked, as ``checkextern=0`` says."""
    b = re.escape(base)
    anchored = "[^#]*#"
    others = "|".join(re.escape(f"{lang}/") for lang in languages[1:])
    if not others:
        return [(base, f"^{b}{anchored}")]
    crawls = [(base, f"^{b}(?:{others}|{anchored})")]
    for lang in languages[1:]:
        crawls.append((f"{base}{lang}/", f"^{b}(?:(?!{re.escape(lang)}/)|{anchored})"))
    return crawls


def check_served(base: str, project: Path = ROOT, rc: Path = RC) -> InternalResult:
    """Run LinkChecker over the site served at ``base``: one crawl per language, in parallel
    (LinkChecker is CPU-bound and uses one core; each language's pages are parsed once)."""
    languages = site_paths.site_languages(project / "mkdocs.yml")
    began = time.perf_counter()
    crawls = language_crawls(base, languages)
    with ThreadPoolExecutor(max_workers=len(crawls)) as pool:
        runs = list(pool.map(lambda crawl: run_linkchecker(crawl[0], rc, crawl[1]), crawls))
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
        site_paths.build_site(
            root / PREFIX, f"http://127.0.0.1:{port}/{PREFIX}/", project, strict=strict
        )
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


def main(argv: list[str]) -> int:
    """``python -m scripts linkcheck``: exit 1 with a list of (page, link, reason) when a link
    is broken or an anchor is missing; on GitHub Actions the list goes to the job summary too."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="project folder to build")
    parser.add_argument("--rc", type=Path, default=RC, help="LinkChecker settings")
    parser.add_argument(
        "--no-strict", action="store_true", help="build without --strict (tests of bad links)"
    )
    args = parser.parse_args(argv)
    try:
        result = check_project(args.project.resolve(), args.rc.resolve(), not args.no_strict)
    except RuntimeError as exc:  # the build or LinkChecker itself failed
        print(exc, file=sys.stderr)
        return 2
    print(format_internal(result))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:  # on GitHub Actions: the job summary lists broken links
        with open(summary, "a", encoding="utf-8") as out:
            out.write(markdown_internal(result))
    return 1 if result.problems else 0

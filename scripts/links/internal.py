"""The internal check: build the site, serve it on 127.0.0.1 and run LinkChecker (./linkcheckerrc)
once per language in parallel; each broken link or missing anchor is named with its Markdown page.
"""

from __future__ import annotations

import argparse
import csv
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
from scripts.links.external import RC
from scripts.links.local_site import PREFIX, ROOT, free_port, serve


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


def page_source(url: str, base: str, project: Path, languages: list[str]) -> str:
    """The Markdown file behind a page URL of the site, e.g. ``docs/zh/about.md (/zh/about/)``."""
    path = url.split("#", 1)[0]
    if not path.startswith(base):
        return url
    lang, rest = site_paths.split_language(path[len(base) :], languages)
    source = site_paths.page_src(rest, project / "docs" / lang)
    shown = urllib.parse.urlsplit(path).path
    return f"docs/{lang}/{source} ({shown})" if source is not None else shown


def reason(row: dict[str, str]) -> str:
    if row["valid"] != "True":
        return row["result"] or "invalid"
    anchor = row["url"].partition("#")[2]
    if anchor and "Anchor" in row["warningstring"]:
        return f"no anchor #{anchor} on the target page"
    return row["warningstring"].strip().splitlines()[0]


def internal_result(
    rows: list[dict[str, str]], base: str, project: Path, languages: list[str]
) -> InternalResult:
    """Problems (invalid links and every warning, missing anchors included) and counts."""
    problems: dict[Problem, None] = {}
    for row in rows:
        if row["valid"] == "True" and not row["warningstring"].strip():
            continue
        parent, url, link = row["parentname"], row["url"], row["urlname"]
        where = page_source(parent, base, project, languages) if parent else "start URL"
        problems[Problem(where, link if link == url else f"{link} ({url})", reason(row))] = None
    # "filtered": on the ignore list of linkcheckerrc, so not checked.
    inside = [r["url"] for r in rows if r["url"].startswith(base) and r["result"] != "filtered"]
    return InternalResult(
        problems=list(problems),
        links=len(inside),
        pages=len({url.split("#", 1)[0] for url in inside}),
        anchors=len({url for url in inside if "#" in url}),
    )


def run_linkchecker(start_url: str, no_follow: str) -> subprocess.CompletedProcess[str]:
    """A crawl from ``start_url`` through scripts/links/linkchecker_run.py: its CSV on stdout and
    its exit code (0 clean, 1 problems, 2 error); URLs matching ``no_follow`` are not walked."""
    command = [sys.executable, "-m", "scripts", "linkchecker-run", "--config", str(RC)]
    command += ["--no-status", "--output", "csv/utf-8", "--no-follow-url", no_follow, start_url]
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="C")
    return subprocess.run(command, cwd=ROOT, capture_output=True, encoding="utf-8", env=env)


def language_crawls(base: str, languages: list[str]) -> list[tuple[str, str]]:
    """One (start URL, no-follow pattern) per language: why (ARCHITECTURE.md, "Internal link
    check"): each walks its own language, never a ``page#anchor``, never an external URL."""
    b, anchored = re.escape(base), "[^#]*#"
    others = "|".join(re.escape(f"{lang}/") for lang in languages[1:])
    if not others:
        return [(base, f"^{b}{anchored}")]
    crawls = [(base, f"^{b}(?:{others}|{anchored})")]
    for lang in languages[1:]:
        crawls.append((f"{base}{lang}/", f"^{b}(?:(?!{re.escape(lang)}/)|{anchored})"))
    return crawls


def csv_rows(out: str) -> list[dict[str, str]]:
    """LinkChecker's CSV output (linkcheckerrc's [csv] parts leave out the comment lines)."""
    return list(csv.DictReader(out.splitlines(keepends=True), delimiter=";"))


def check_served(base: str, project: Path = ROOT) -> InternalResult:
    """LinkChecker over the site served at ``base``, one process (one core) per language."""
    languages = site_paths.site_languages(project / "mkdocs.yml")
    began = time.perf_counter()
    crawls = language_crawls(base, languages)
    with ThreadPoolExecutor(max_workers=len(crawls)) as pool:
        runs = list(pool.map(lambda crawl: run_linkchecker(*crawl), crawls))
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for run in runs:
        found = csv_rows(run.stdout)
        if run.returncode not in (0, 1) or not found:
            raise RuntimeError(f"LinkChecker failed (exit {run.returncode}):\n{run.stderr}")
        if run.returncode == 1 and all(
            r["valid"] == "True" and not r["warningstring"].strip() for r in found
        ):
            raise RuntimeError(f"LinkChecker exited 1 but its CSV lists no problem:\n{run.stderr}")
        # A link between languages is checked by both crawls: count it once.
        rows.update((tuple(row.values()), row) for row in found)
    result = internal_result(list(rows.values()), base, project, languages)
    result.seconds = time.perf_counter() - began
    return result


def format_internal(result: InternalResult) -> str:
    head = (
        f"LinkChecker: {result.links} links checked ({result.pages} pages and files, "
        f"{result.anchors} anchors) in {result.seconds:.1f} s"
    )
    if not result.problems:
        return f"{head}: no problem."
    return "\n".join(
        [f"{head}: {len(result.problems)} problem(s):"] + [f"  {p}" for p in result.problems]
    )


def main(argv: list[str]) -> int:
    """``python -m scripts linkcheck``: exit 1 listing (page, link, reason) for each broken link
    or missing anchor, 2 if the build or LinkChecker failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="project folder to build")
    parser.add_argument("--no-strict", action="store_true", help="build without --strict")
    args = parser.parse_args(argv)
    project, port = args.project.resolve(), free_port()
    if not (project / "mkdocs.yml").is_file():
        print(f"{args.project}: no mkdocs.yml here", file=sys.stderr)
        return 2
    try:
        # The server holds the port from the start (the build must know it), so nothing else
        # can take it while the site builds.
        with (
            tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp,
            serve(Path(tmp), port, wait=False) as base,
        ):
            site_paths.build_site(Path(tmp) / PREFIX, base, project, strict=not args.no_strict)
            result = check_served(base, project)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(format_internal(result))
    return 1 if result.problems else 0

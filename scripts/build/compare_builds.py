"""Compare two builds of the site: MkDocs (what we ship) and ProperDocs (the fallback builder).

ProperDocs continues MkDocs 1.x (ARCHITECTURE.md, "If MkDocs or Material stop"). Both build into
temporary folders, compared as a reader gets them: the set of ``.html`` pages, each language's
search index after our split (config and every entry), every page's HTML byte for byte but the
``<meta name="generator">`` tag. Each difference is printed; exit 1 on any, 2 when a build fails.
``make properdocs-check`` runs ProperDocs from its own venv (``.venv-properdocs``), without
MkDocs, so every ``import mkdocs`` there is ProperDocs. ``--sites A B`` compares two built folders.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts.build.html_valid import site_pages
from scripts.data import site_paths

ROOT = Path(__file__).resolve().parents[2]
PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
GENERATOR_RE = re.compile(rb'<meta name="generator"[^>]*>')
SHOWN = 10  # differences listed per kind; the rest are counted


def _listed(kind: str, items: list[str]) -> list[str]:
    shown = [f"{kind}: {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        shown.append(f"{kind}: ... and {len(items) - SHOWN} more")
    return shown


def compare_indexes(a: dict, b: dict, label: str) -> list[str]:
    """Differences between two search indexes (config, then entries by location)."""
    config_a, config_b = a.get("config", {}), b.get("config", {})
    found = [
        f"{label}: config {key!r}: {config_a.get(key)!r} != {config_b.get(key)!r}"
        for key in sorted(config_a | config_b)
        if config_a.get(key) != config_b.get(key)
    ]
    docs_a = {doc["location"]: doc for doc in a.get("docs", [])}
    docs_b = {doc["location"]: doc for doc in b.get("docs", [])}
    found += _listed(f"{label}: entry only in the first", sorted(docs_a.keys() - docs_b.keys()))
    found += _listed(f"{label}: entry only in the second", sorted(docs_b.keys() - docs_a.keys()))
    changed = []
    for location in sorted(docs_a.keys() & docs_b.keys()):
        fields = [
            k for k in ("title", "text") if docs_a[location].get(k) != docs_b[location].get(k)
        ]
        if fields:
            changed.append(f"{location or '(home)'} ({', '.join(fields)})")
    found += _listed(f"{label}: entry differs", changed)
    order_a = [doc["location"] for doc in a.get("docs", [])]
    if not found and order_a != [doc["location"] for doc in b.get("docs", [])]:
        found.append(f"{label}: same entries in another order")
    return found


def compare_sites(a: Path, b: Path, languages: list[str]) -> tuple[list[str], str]:
    """(differences, summary) between the built sites ``a`` and ``b``."""
    pages_a, pages_b = set(site_pages(a)), set(site_pages(b))
    found = _listed("page only in the first", sorted(pages_a - pages_b))
    found += _listed("page only in the second", sorted(pages_b - pages_a))
    entries = []
    for lang in languages:
        inside = ("" if lang == languages[0] else f"{lang}/") + "search/search_index.json"
        path_a, path_b = a / inside, b / inside
        label = f"search index ({lang}, {inside})"
        if not (path_a.is_file() and path_b.is_file()):
            found.append(
                f"{label}: missing in {'the first' if not path_a.is_file() else 'the second'}"
            )
            continue
        index_a = json.loads(path_a.read_text(encoding="utf-8"))
        index_b = json.loads(path_b.read_text(encoding="utf-8"))
        found += compare_indexes(index_a, index_b, label)
        entries.append(f"{lang} {len(index_a.get('docs', []))}")
    differing = [
        page
        for page in sorted(pages_a & pages_b)
        if GENERATOR_RE.sub(b"", (a / page).read_bytes())
        != GENERATOR_RE.sub(b"", (b / page).read_bytes())
    ]
    found += _listed("page HTML differs", differing)
    summary = (
        f"{len(pages_a & pages_b)} HTML pages in both builds; search index entries "
        f"{', '.join(entries)}"
    )
    return found, summary


def build(command: list[str], site_dir: Path) -> str:
    """Run one builder into ``site_dir``; its output if it failed, else ''."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    command = [*command, "build", "--strict", "-q", "-d", str(site_dir)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return ""
    return f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stderr}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", nargs=2, type=Path, metavar=("FIRST", "SECOND"))
    parser.add_argument("--properdocs", default=str(PROPERDOCS), help="default: %(default)s")
    args = parser.parse_args(argv)
    languages = site_paths.site_languages(ROOT / "mkdocs.yml")
    builders = [[sys.executable, "-m", "mkdocs"], args.properdocs.split()]
    names = [str(site) for site in args.sites or []] or [" ".join(b) for b in builders]
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp:
        first, second = args.sites or (Path(tmp, "mkdocs"), Path(tmp, "properdocs"))
        if not args.sites:
            if "/" in builders[1][0] and not Path(builders[1][0]).exists():
                failures = [f"no ProperDocs at {args.properdocs}: run make properdocs-check"]
            else:
                with ThreadPoolExecutor(max_workers=2) as pool:
                    failures = [f for f in pool.map(build, builders, (first, second)) if f]
            if failures:
                print("\n".join(failures), file=sys.stderr)
                return 2
        empty = [str(site) for site in (first, second) if not any(site.rglob("*.html"))]
        if empty:
            print(f"no built pages in {', '.join(empty)}", file=sys.stderr)
            return 2
        found, summary = compare_sites(first, second, languages)
    print(f"first: {names[0]}\nsecond: {names[1]}")
    if found:
        print(f"{len(found)} difference(s):")
        print("\n".join(f"  {line}" for line in found))
        return 1
    print(f"same pages, search indexes and HTML: {summary}")
    return 0

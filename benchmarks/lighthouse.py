"""Lighthouse scores (mobile) of the representative pages in both languages.

Builds the site, serves it gzipped like a static host on a loopback port, and runs the
Lighthouse CLI (benchmarks/package.json, installed by `make bench` with `npm ci`) with the system
Chromium on each page: the default mobile form factor with simulated throttling, the four
categories. Prints the scores per page, Lighthouse's total transferred bytes, and every audit
that cost points. Goal: 100 everywhere.

Lighthouse's byte total leaves out the body of a worker's script; benchmarks/page_weight.py
counts every byte. Usage: python benchmarks/lighthouse.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from served import served_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.quality_pages import representative  # noqa: E402

CLI = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, chrome: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chrome)
    subprocess.run(
        [
            str(CLI),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env=env,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def lost_points(report: dict) -> list[str]:
    """Audits that count towards a category and did not pass."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                found.append(f"{category['id']}: {ref['id']} {audit['score']:.2f} {shown}".strip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median shown)")
    args = parser.parse_args(argv)
    if not CLI.exists():
        raise SystemExit("benchmarks/lighthouse.py: run 'npm ci --prefix benchmarks' first")
    chrome = os.environ.get("CHROMIUM") or shutil.which("chromium") or ""  # a full browser
    if not chrome:
        raise SystemExit("benchmarks/lighthouse.py: no Chromium (set CHROMIUM=/path/to/chrome)")
    notes: list[str] = []
    misses = 0
    with served_site() as (base, _site_dir), tempfile.TemporaryDirectory() as tmp:
        print(f"{'page':<20}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'KB sent':>9}")
        for lang, kind, path in representative():
            reports = [
                run_lighthouse(base + path, chrome, Path(tmp) / f"run{i}.json")
                for i in range(args.runs)
            ]
            scores = [
                round(100 * statistics.median(r["categories"][c]["score"] for r in reports))
                for c in CATEGORIES
            ]
            sent = statistics.median(
                r["audits"]["total-byte-weight"]["numericValue"] for r in reports
            )
            name = f"{lang} {kind}"
            print(f"{name:<20}" + "".join(f"{s:>6}" for s in scores) + f"{sent / 1024:>9.1f}")
            misses += sum(s < 100 for s in scores)
            notes += [f"{name}: {line}" for line in lost_points(reports[len(reports) // 2])]
    print("\nAudits that cost points:" if notes else "\nNo audit cost points.")
    for line in notes:
        print(f"  {line}")
    print(f"all scores 100: {'yes' if not misses else f'NO ({misses} below 100)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

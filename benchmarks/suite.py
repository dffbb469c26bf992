"""How long a contributor waits: ``make test`` and ``make linkcheck``, wall clock.

Run it on a clean clone whose venv is installed (``make .venv/.installed-dev``) and on an
otherwise idle machine; it prints the machine's cores and load next to each figure, so a figure
taken under load says so. Goals (issue 16): ``make test`` <= 240 s and ``make linkcheck`` <= 20 s
on 2 cores. Usage: python benchmarks/suite.py [--runs N] [--skip-test]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"test": 240.0, "linkcheck": 20.0}
# The venv's stamps: a benchmark measures the targets, not a reinstall.
NO_INSTALL = ["-o", ".venv/.installed", "-o", ".venv/.installed-dev"]


def run(target: str) -> tuple[float, str]:
    """Wall seconds of ``make <target>`` and its output; exits if the target fails."""
    start = time.perf_counter()
    result = subprocess.run(
        ["make", *NO_INSTALL, target], cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of each target (median shown)")
    parser.add_argument("--skip-test", action="store_true", help="time make linkcheck only")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    for target in ("linkcheck",) if args.skip_test else ("linkcheck", "test"):
        times, detail = [], ""
        for _ in range(args.runs):
            seconds, output = run(target)
            times.append(seconds)
            if target == "linkcheck" and (found := re.search(r"LinkChecker: .*", output)):
                detail = found.group(0)
            if target == "test" and (found := re.search(r"=+ (\d+ passed.*?) =+", output)):
                detail = f"pytest: {found.group(1)}"
        median = statistics.median(times)
        verdict = "within" if median <= GOALS[target] else "OVER"
        runs = ", ".join(f"{t:.1f}" for t in times)
        print(
            f"make {target}: {median:.1f} s wall (runs: {runs}); goal <= {GOALS[target]:.0f} s: "
            f"{verdict}; load average after: {os.getloadavg()[0]:.2f}"
        )
        if detail:
            print(f"  {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

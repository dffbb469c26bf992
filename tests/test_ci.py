"""CI: every workflow installs through .ci/run, which holds the one list of system packages."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from tests.helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI_RUN = ROOT / ".ci" / "run"
# Installing anything outside .ci/run: system packages, a browser, Python packages.
INSTALLS_ITSELF = re.compile(
    r"\bapt(-get)?\s+(update|install)|\bdpkg\s+-i|\bplaywright\s+install|\bpip3?\s+install"
)
INSTALL_STEP = re.compile(r"^\.ci/run --install-only (test|lint|links|build)$")


def steps() -> list[tuple[str, str, int, dict]]:
    found = []
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_name, job in workflow["jobs"].items():
            for number, step in enumerate(job.get("steps", [])):
                found.append((path.name, job_name, number, step))
    return found


def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"test.yml", "deploy.yml", "lint.yml", "links.yml"}


@pytest.mark.parametrize("workflow,job,number,step", steps())
def test_no_workflow_installs_packages_itself(workflow, job, number, step) -> None:
    run = step.get("run", "")
    assert not INSTALLS_ITSELF.search(run), (
        f"{workflow} job {job} step {number + 1} installs packages itself:\n{run}\n"
        "Install through .ci/run (add the package to its list, or a job to its table)."
    )


def test_every_job_that_runs_commands_installs_through_ci_run_first() -> None:
    jobs: dict[tuple[str, str], list[dict]] = {}
    for workflow, job, _number, step in steps():
        jobs.setdefault((workflow, job), []).append(step)
    for (workflow, job), job_steps in jobs.items():
        runs = [step["run"].strip() for step in job_steps if "run" in step]
        if not runs:  # e.g. the deploy job: actions only
            continue
        assert INSTALL_STEP.match(runs[0]), (
            f"{workflow} job {job}: the first command must be `.ci/run --install-only JOB`, "
            f"not {runs[0]!r}"
        )


def test_ci_run_lists_the_packages_of_each_job() -> None:
    def listed(*args: str) -> list[str]:
        result = subprocess.run(
            [str(CI_RUN), "--list", *args], capture_output=True, text=True, check=True
        )
        return result.stdout.split()

    everything = listed()
    assert "fonts-noto-cjk" in everything and "default-jre-headless" in everything
    assert listed("test") == everything
    assert listed("lint") == listed("links") == listed("build") == []
    bad = subprocess.run([str(CI_RUN), "--list", "nope"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown job 'nope'" in bad.stderr


def test_the_docs_point_to_the_one_list_instead_of_repeating_it() -> None:
    for name in ("README.md", "ARCHITECTURE.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "apt-get install" not in text, f"{name}: name `.ci/run --list`, not a package list"


def test_make_help_describes_every_phony_target() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)[1].split()
    shown = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    described = {
        line.split()[0] for line in shown.splitlines() if line.startswith("  ") and line[2] != " "
    }
    assert set(phony) <= described, f"no ## comment: {sorted(set(phony) - described)}"

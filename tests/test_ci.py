"""CI: every workflow installs through .ci/run, which holds the one list of system packages."""

from __future__ import annotations

import itertools
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


def workflow_steps(text: str) -> list[tuple[str, int, dict]]:
    """(job, step number, step) of every step of one workflow file's text."""
    jobs = yaml.safe_load(text)["jobs"].items()
    return [(job, n, step) for job, body in jobs for n, step in enumerate(body.get("steps", []))]


def steps() -> list[tuple[str, str, int, dict]]:
    return [
        (path.name, *step)
        for path in WORKFLOWS
        for step in workflow_steps(path.read_text(encoding="utf-8"))
    ]


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
    bare = subprocess.run([str(CI_RUN), "--install-only"], capture_output=True, text=True)
    assert bare.returncode == 2 and bare.stderr.startswith("usage: .ci/run --install-only")


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


def run_scripts(text: str) -> str:
    """Every ``run:`` script of a workflow, joined (comments and step names left out)."""
    return "\n".join(str(step.get("run", "")) for _, _, step in workflow_steps(text))


def runs_command(scripts: str, command: str) -> bool:
    """``command`` (``make test``, ``python -m scripts x y --opt VALUE``) is run: its words up to
    the first option, whole and in order, then each option name after them (values may differ)."""
    words = command.split()
    lead = list(itertools.takewhile(lambda word: not word.startswith("-") or word == "-m", words))
    options = [word for word in words[len(lead) :] if word.startswith("--")]
    pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, lead)) + r"(?![\w-])"
    pattern += "".join(rf".*?(?<![\w-]){re.escape(option)}(?![\w-])" for option in options)
    return re.search(pattern, scripts, re.S) is not None


def promise_problems(readme: str, workflows: dict[str, str]) -> list[str]:
    """Each workflow has a row in README's Workflows table; a workflow that its row or its own
    comments say writes a summary appends to $GITHUB_STEP_SUMMARY in a run script; every command
    the row names is run by one of its steps."""
    found = []
    for name, text in sorted(workflows.items()):
        row = next((line for line in readme.splitlines() if line.startswith(f"| `{name}` |")), "")
        if not row:
            found.append(f"{name}: no row in README's Workflows table")
        scripts = run_scripts(text)
        comments = "\n".join(re.findall(r"#.*", text))
        promised = "summary" in (row + comments).lower()
        if promised and not re.search(r'>>\s*"?\$GITHUB_STEP_SUMMARY', scripts):
            found.append(f"{name}: promises a summary but writes none")
        for command in re.findall(r"`((?:make|python -m scripts) [^`]+)`", row):
            if not runs_command(scripts, command):
                found.append(f"{name}: the README names `{command}`, which it does not run")
    return found


def test_what_the_readme_says_of_each_workflow_is_what_it_does() -> None:
    workflows = {path.name: path.read_text(encoding="utf-8") for path in WORKFLOWS}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert promise_problems(readme, workflows) == []


def test_a_promise_the_workflow_does_not_keep_is_reported() -> None:
    readme = (
        "| `a.yml` | always | `make test`; the job summary lists the pages |\n"
        "| `b.yml` | always | `python -m scripts translations status --since main --markdown` |\n"
    )
    workflows = {
        "a.yml": "# make test, and $GITHUB_STEP_SUMMARY in a comment\n"
        "jobs:\n  j:\n    steps:\n      - run: make test-fast\n",
        "b.yml": "jobs:\n  j:\n    steps:\n"
        '      - run: .venv/bin/python -m scripts translations status --since "$B" --md\n',
        "c.yml": "jobs:\n  j:\n    steps:\n      - run: make lint\n",
    }
    assert promise_problems(readme, workflows) == [
        "a.yml: promises a summary but writes none",
        "a.yml: the README names `make test`, which it does not run",
        "b.yml: the README names `python -m scripts translations status --since main --markdown`,"
        " which it does not run",
        "c.yml: no row in README's Workflows table",
    ]
    assert runs_command(
        'python -m scripts t s --since "origin/$B" \\\n  --markdown',
        "python -m scripts t s --since origin/main --markdown",
    )


@pytest.mark.parametrize("workflow,job,number,step", steps())
def test_a_step_that_reads_an_earlier_outcome_runs_after_a_failure(workflow, job, number, step):
    """``if: steps.x.outcome == ...`` alone is also ``success()``: a failed step in between
    (say, the pull request of links.yml) would skip it, so it must say ``always() &&``."""
    condition = str(step.get("if", ""))
    if "steps." in condition and ".outcome" in condition:
        assert "always()" in condition, f"{workflow} job {job} step {number + 1}: {condition}"


def test_codespell_reads_the_same_files_in_make_lint_and_pre_commit() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    paths = re.search(r"/codespell (.+)", makefile)[1].split()  # type: ignore[index]
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "codespell")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    by_make = {f for f in tracked if any(f == p or f.startswith(f"{p}/") for p in paths)}
    assert by_make == {f for f in tracked if re.search(hook["files"], f)}
    assert {"ARCHITECTURE.md", "CONTRIBUTING.md"} <= by_make


def test_the_repository_tracks_no_symbolic_links() -> None:
    """A worktree's ``.venv -> /work/main/.venv`` link, once committed, replaced the main
    checkout's venv on merge (git overwrites ignored files): .gitignore names ``.venv`` without a
    slash, so a link is ignored as well, and nothing tracked may be a link."""
    listed = subprocess.run(
        ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [line.split("\t")[1] for line in listed if line.startswith("120000 ")] == []
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", ".venv", ".venv-properdocs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == [".venv", ".venv-properdocs"]

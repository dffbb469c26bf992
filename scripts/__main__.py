"""The one command line of scripts/: ``python -m scripts <command> [args]`` from the project root.

``python -m scripts`` lists the commands; ``python -m scripts <command> --help`` shows one.
Each command is the ``main(argv)`` of one module, imported only when it runs, so a quick check
does not load the link checker or WeasyPrint.

``CHECKS`` is the one list of checks: ``python -m scripts check`` runs them all (``make check``),
``python -m scripts check NAME…`` some (one pre-commit hook each), ``--list`` prints them; the
build validates the same data (``data``: the part of site_data.SiteData each one covers), and
tests/test_checks.py holds the Makefile, .pre-commit-config.yaml and the contributor guides'
tables to this list. It needs only requirements-check.txt.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass

# command -> (module whose main(argv) runs it, what it does)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("scripts.__main__", "every check below that `make check` runs (--list: which)"),
    "references": ("scripts.data.references", "check the bibliography and every citation"),
    "resources": ("scripts.data.resources", "check the resource catalogue; stats"),
    "glossary": ("scripts.lint.terms", "check the glossary and the term lint; the search dict"),
    "page-names": ("scripts.lint.page_names", "one Chinese name per page: check, list"),
    "typography": ("scripts.lint.typography", "Chinese typography: check, fix"),
    "ui": ("scripts.lint.ui_strings", "UI strings only in data/ui.yaml: check"),
    "translations": ("scripts.render.translations", "translation status: status, update, check"),
    "start-guide": ("scripts.render.start_guide", "the start guide: check, coverage, render"),
    "figure": ("scripts.render.figure", "the workflow figure: check, render"),
    "catalogue": ("scripts.render.catalogue", "print a catalogue marker's HTML"),
    "resource-links": ("scripts.render.resource_links", "raw links to catalogued URLs: check"),
    "linkcheck": ("scripts.links.internal", "internal links and anchors of a local build"),
    "linkcheck-external": ("scripts.links.report", "catalogue URLs and external page links"),
    "linkcheck-update": ("scripts.links.status", "write an external check's report back"),
    "linkchecker-run": ("scripts.links.linkchecker_run", "LinkChecker, patched (for linkcheck)"),
    "pdf": ("scripts.build.pdf", "one PDF per language from the built site"),
    "csp": ("scripts.build.csp", "check the Content-Security-Policy of a built site"),
    "html-valid": ("scripts.build.html_valid", "the Nu Html Checker over a built site"),
    "lint-workflows": ("scripts.build.lint_workflows", "actionlint over .github/workflows"),
}


@dataclass(frozen=True)
class Check:
    name: str
    argv: tuple[str, ...]  # the command after ``python -m scripts``
    files: str  # the files whose change re-runs it under pre-commit (a regex)
    data: str = ""  # the part of site_data.SiteData that the build validates the same way


DOCS = r"^(docs/|"
CHECKS: tuple[Check, ...] = (
    Check(
        "references",
        ("references", "check"),
        DOCS + r"data/references\.bib|scripts/data/references\.py)",
        "bibliography",
    ),
    Check(
        "resources",
        ("resources", "check"),
        r"^(data/resources/|data/schema/|scripts/data/resources\.py)",
        "catalogue",
    ),
    Check(
        "figure",
        ("figure", "check"),
        r"^(data/workflow\.yaml|data/schema/|scripts/(data|render)/figure\.py)",
        "workflow",
    ),
    Check(
        "glossary",
        ("glossary", "check", "--strict"),
        DOCS + r"data/|scripts/(data/glossary|lint/terms)\.py)",
        "glossary",
    ),
    Check(
        "search-dict",
        ("glossary", "dict", "--check"),
        r"^(data/glossary\.yaml|data/search/|scripts/lint/terms\.py)",
    ),
    Check(
        "start-guide",
        ("start-guide", "check"),
        DOCS + r"data/|scripts/(data|render)/start_guide\.py)",
        "start_guide",
    ),
    Check("ui", ("ui", "check"), r"^(data/|overrides/|templates/|scripts/)", "ui"),
    Check(
        "page-names", ("page-names", "check"), DOCS + r"mkdocs\.yml|scripts/lint/page_names\.py)"
    ),
    Check("translations", ("translations", "check"), DOCS + r"scripts/render/translations\.py)"),
    Check("typography", ("typography", "check"), r"^(docs/zh/|data/|scripts/lint/typography\.py)"),
    Check(
        "resource-links",
        ("resource-links", "check"),
        DOCS + r"data/resources/|scripts/render/resource_links\.py)",
    ),
)


def run(argv: list[str]) -> int:
    """Run a command's ``main``, with argparse's prog what the user typed."""
    module = importlib.import_module(COMMANDS[argv[0]][0])
    sys.argv[0] = f"python -m scripts {argv[0]}"
    return int(module.main(argv[1:]) or 0)


def check(argv: list[str]) -> int:
    """``python -m scripts check [--list] [NAME...]``: every check, or the named ones."""
    names = [a for a in argv if a != "--list"]
    unknown = [n for n in names if n not in {c.name for c in CHECKS}]
    if unknown or any(a.startswith("-") for a in names):
        known = ", ".join(c.name for c in CHECKS)
        print(
            f"usage: python -m scripts check [--list] [NAME...] (names: {known})", file=sys.stderr
        )
        return 2
    chosen = [c for c in CHECKS if not names or c.name in names]
    if "--list" in argv:
        print("\n".join(f"{c.name:<15} python -m scripts {' '.join(c.argv)}" for c in chosen))
        return 0
    failed = [c.name for c in chosen if run(list(c.argv)) != 0]
    if failed:
        print(f"{len(failed)} of {len(chosen)} checks failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    width = max(map(len, COMMANDS))
    usage = "usage: python -m scripts <command> [args]\n\ncommands:\n" + "\n".join(
        f"  {name:<{width}}  {text}" for name, (_module, text) in COMMANDS.items()
    )
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    name, args = argv[0], argv[1:]
    if name == "check":
        return check(args)
    if name not in COMMANDS:
        print(f"python -m scripts: unknown command {name!r}\n\n{usage}", file=sys.stderr)
        return 2
    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

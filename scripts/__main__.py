"""The one command line of scripts/: ``python -m scripts <command> [args]`` from the project root.
Each command is the ``main(argv)`` of one module, imported only when it runs (so ``check`` needs
only requirements-check.txt); ``CHECKS`` is the one list of checks (tests/test_checks.py)."""

from __future__ import annotations

import importlib
import sys
import traceback

# command -> (module whose main(argv) runs it, or module:function, what it does)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("scripts.__main__", "every check below that `make check` runs (--list: which)"),
    "references": ("scripts.data.references", "check the bibliography and every citation"),
    "resources": ("scripts.data.resources", "check the resource catalogue"),
    "glossary": ("scripts.lint.terms", "check the glossary and the term lint; the search dict"),
    "since": ("scripts.lint.since", '"Since the survey" blocks and milestones: form, dates'),
    "page-names": ("scripts.lint.page_names", "one Chinese name per page: check"),
    "typography": ("scripts.lint.typography", "Chinese typography: check, fix"),
    "ui": ("scripts.lint.ui_strings", "UI strings only in data/ui.yaml: check"),
    "translations": ("scripts.render.translations", "translation status: status, update, check"),
    "start-guide": ("scripts.render.start_guide", "the start guide: check, coverage"),
    "fields": ("scripts.data.fields", "the field guides' data (data/fields/*.yaml): check"),
    "figure": ("scripts.render.figure", "the workflow figure: check"),
    "resource-links": ("scripts.render.resource_links", "raw links to catalogued URLs: check"),
    "linkcheck": ("scripts.links.internal", "internal links and anchors of a local build"),
    "linkcheck-external": ("scripts.links.report", "catalogue URLs and external page links"),
    "linkcheck-update": ("scripts.links.report:update_main", "write links.json into the catalogue"),
    "linkchecker-run": ("scripts.links.linkchecker_run", "LinkChecker, patched (for linkcheck)"),
    "pdf": ("scripts.build.pdf", "one PDF per language from the built site"),
    "csp": ("scripts.build.csp", "check the Content-Security-Policy of a built site"),
    "html-valid": ("scripts.build.html_valid", "the Nu Html Checker over a built site"),
    "lint-workflows": ("scripts.build.lint_workflows", "actionlint over .github/workflows"),
    "exports": ("scripts.exports.site", "bibliography/catalogue exports, feeds: changes, write"),
    "compare-builds": ("scripts.build.compare_builds", "MkDocs and ProperDocs builds: same site?"),
}


# The one list of checks: name -> (the command after ``python -m scripts``, the part of
# site_data.SiteData that the build validates the same way, if any).
CHECKS: dict[str, tuple[str, str]] = {
    "references": ("references check", "bibliography"),
    "resources": ("resources check", "catalogue"),
    "figure": ("figure check", "workflow"),
    "since": ("since check", ""),
    "glossary": ("glossary check --strict", "glossary"),
    "search-dict": ("glossary dict --check", ""),
    "start-guide": ("start-guide check", "start_guide"),
    "fields": ("fields check", "fields"),
    "ui": ("ui check", "ui"),
    "page-names": ("page-names check", ""),
    "translations": ("translations check", ""),
    "typography": ("typography check", ""),
    "resource-links": ("resource-links check", ""),
}


def run(argv: list[str]) -> int:
    """Run a command's ``main``, with argparse's prog what the user typed."""
    module, _, function = COMMANDS[argv[0]][0].partition(":")
    sys.argv[0] = f"python -m scripts {argv[0]}"
    return int(getattr(importlib.import_module(module), function or "main")(argv[1:]) or 0)


def passes(name: str) -> bool:
    """Run one check. One that crashes has failed: its traceback is shown and the others run."""
    try:
        return run(CHECKS[name][0].split()) == 0
    except SystemExit as stop:  # a check's argparse or sys.exit
        return stop.code in (0, None)
    except Exception:  # any crash of one check must not hide the others
        traceback.print_exc()
        print(f"python -m scripts check: {name} crashed (traceback above)", file=sys.stderr)
        return False


def check(argv: list[str]) -> int:
    """``python -m scripts check [--list] [NAME...]``: every check, or the named ones."""
    names = [a for a in argv if a != "--list"] or list(CHECKS)
    if any(name not in CHECKS for name in names):
        print(f"usage: python -m scripts check [--list] [{'|'.join(CHECKS)}]...", file=sys.stderr)
        return 2
    if "--list" in argv:
        print("\n".join(f"{name:<15} python -m scripts {CHECKS[name][0]}" for name in names))
        return 0
    failed = [name for name in names if not passes(name)]
    if failed:
        print(f"{len(failed)} of {len(names)} checks failed: {', '.join(failed)}", file=sys.stderr)
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

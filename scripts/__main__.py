"""The one command line of scripts/: ``python -m scripts <command> [args]`` from the project root.

``python -m scripts`` lists the commands; ``python -m scripts <command> --help`` shows one.
Each command is the ``main(argv)`` of one module, imported only when it runs, so a quick check
does not load the link checker or WeasyPrint.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module whose main(argv) runs it, what it does)
COMMANDS: dict[str, tuple[str, str]] = {
    "references": ("scripts.data.references", "check the bibliography and every citation"),
    "resources": ("scripts.data.resources", "check the resource catalogue; stats"),
    "glossary": ("scripts.lint.terms", "check the glossary and the term lint; the search dict"),
    "since": ("scripts.lint.since", 'the "Since the survey" blocks: form, dates, no repeats'),
    "page-names": ("scripts.lint.page_names", "one Chinese name per page: check, list"),
    "typography": ("scripts.lint.typography", "Chinese typography: check, fix"),
    "ui": ("scripts.lint.ui_strings", "UI strings only in data/ui.yaml: check"),
    "translations": ("scripts.render.translations", "translation status: status, update, check"),
    "start-guide": ("scripts.render.start_guide", "the start guide: check, coverage, render"),
    "fields": ("scripts.data.fields", "the field guides' data (data/fields/*.yaml): check"),
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
    "exports": (
        "scripts.exports.cli",
        "bibliography/catalogue exports, feeds: changes, write, coins",
    ),
    "compare-builds": ("scripts.build.compare_builds", "MkDocs and ProperDocs builds: same site?"),
}


def main(argv: list[str]) -> int:
    width = max(map(len, COMMANDS))
    usage = "usage: python -m scripts <command> [args]\n\ncommands:\n" + "\n".join(
        f"  {name:<{width}}  {text}" for name, (_module, text) in COMMANDS.items()
    )
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    name, args = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"python -m scripts: unknown command {name!r}\n\n{usage}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    sys.argv[0] = f"python -m scripts {name}"  # argparse's prog: what the user typed
    return int(module.main(args) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

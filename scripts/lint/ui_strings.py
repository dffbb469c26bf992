"""No UI text outside data/ui.yaml: no Chinese text in overrides/, templates/ or scripts/.

Chinese text is
- in overrides/ and templates/ (templates, CSS): any Han character or full-width/CJK
  punctuation outside a Jinja comment ``{# #}``;
- in scripts/**/*.py: any Han character in a string literal, except docstrings, comments and raw
  strings (regular expressions), and except a literal on a line marked ``# not UI: <why>`` (the
  Chinese lints' own vocabulary). Full-width punctuation alone is allowed there: it is how the
  scripts parse Chinese text (glossary.py, typography.py), not what they show.
The glossary's terms live in data/glossary.yaml and the nav labels in mkdocs.yml.

CLI:
    python -m scripts ui check    validate data/ui.yaml; list Chinese text outside it and keys
                                  that templates or scripts use but the file lacks
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

from scripts.data import datafile
from scripts.data.languages import LANGUAGES
from scripts.data.ui import ROOT, Strings, load
from scripts.lint import chinese_text

# A key written out in full where a template or script asks for a string, as in
# ui("catalogue.count", lang) (a key built from parts is checked when it is used).
USE_RE = re.compile(r"""\bui(?:\.text)?\(\s*(["'])([a-z0-9_]+(?:\.[a-z0-9_]+)+)\1\s*[,)]""")


def stray_chinese(root: Path = ROOT) -> list[str]:
    """``path:line: ui: ...`` for each piece of Chinese text in templates and scripts/."""
    lines = chinese_text.ui_lines(root, chinese_text.CHINESE_RE, "*")  # CSS too, and punctuation
    return [
        f"{line.path}:{line.number}: ui: Chinese text {line.text.strip()[:60]!r} belongs in "
        "data/ui.yaml"
        for line in lines
    ]


def unknown_keys(root: Path = ROOT, strings: Strings | None = None) -> list[str]:
    """Keys written out in templates and scripts/ that data/ui.yaml does not have."""
    texts = (strings or load()).texts
    found: list[str] = []
    files = [*chinese_text.template_files(root, "*.html"), *chinese_text.script_files(root)]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in USE_RE.finditer(line):
                if match[2] not in texts:
                    found.append(
                        f"{path.relative_to(root).as_posix()}:{number}: ui: unknown key "
                        f"{match[2]!r} (not in data/ui.yaml)"
                    )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ui.yaml and find strings outside it")
    parser.parse_args(argv)
    found = [*load().problems, *unknown_keys(), *stray_chinese()]
    if datafile.print_problems(found):
        return 1
    print(f"OK: {len(load().texts)} UI strings in {', '.join(LANGUAGES)}.")
    return 0

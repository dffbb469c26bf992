"""``python -m scripts ui check``: data/ui.yaml is valid, every key templates and scripts ask for
is in it, and no Chinese text is left outside it: in overrides/ and templates/ none outside a
Jinja comment (full-width punctuation included); in scripts/, no Han character in a string literal
but docstrings, raw strings and literals marked ``# not UI: <why>`` (the lints' own vocabulary).
"""

from __future__ import annotations

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
    files = [*chinese_text.template_files(root, "*.html"), *chinese_text.script_files(root)]
    return [
        f"{datafile.shown(path, root)}:{number}: ui: unknown key {match[2]!r} (not in data/ui.yaml)"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        for match in USE_RE.finditer(line)
        if match[2] not in texts
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser, _ = datafile.check_parser(__doc__, "validate data/ui.yaml; find strings outside it")
    parser.parse_args(argv)
    strings = load()
    found = [*strings.problems, *unknown_keys(strings=strings), *stray_chinese()]
    ok = f"OK: {len(strings.texts)} UI strings in {', '.join(LANGUAGES)}."
    return datafile.problems_or_ok(found, ok)

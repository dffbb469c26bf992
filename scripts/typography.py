"""Chinese typography lint: spacing between Chinese and Latin letters or digits, full-width
punctuation, over docs/zh/ and the ``zh`` fields of data/, with autocorrect-py.

The rules are configured in ``.autocorrectrc`` at the project root. In Markdown, autocorrect
skips code blocks, inline code and front matter keys; in data it sees each ``zh`` value as plain
text (a folded YAML string counts too: its line breaks become spaces in Chinese sentences).

CLI:
    python scripts/typography.py check [PATH ...]   one finding a line:
                                                    ``path:line: typography: 'old' -> 'new'``
    python scripts/typography.py fix [PATH ...]     rewrite Chinese pages in place
                                                    (data files are only reported)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import autocorrect_py

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import chinese_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".autocorrectrc"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: typography: {self.old!r} -> {self.new!r}"


@lru_cache(maxsize=1)
def configure(config: Path = CONFIG) -> None:
    autocorrect_py.load_config(config.read_text(encoding="utf-8"))


def without_code(text: str) -> tuple[str, dict[int, str]]:
    """The page with every fenced code line emptied, and those lines by index.

    autocorrect would otherwise respace string literals and comments inside code blocks, and
    code must stay byte for byte what the English page shows.
    """
    lines = text.split("\n")
    code: dict[int, str] = {}
    fence = ""
    for index, line in enumerate(lines):
        opening = chinese_text.FENCE_RE.match(line)
        if fence or opening:
            code[index] = line
            if opening and (not fence or opening.group(1).startswith(fence)):
                fence = "" if fence else opening.group(1)[0] * 3
    return "\n".join("" if i in code else line for i, line in enumerate(lines)), code


def lint_markdown(path: Path) -> list[Finding]:
    configure()
    prose, _ = without_code(path.read_text(encoding="utf-8"))
    result = autocorrect_py.lint_for(prose, "md")
    where = chinese_text.shown(path)
    return [Finding(where, item.line, item.old, item.new) for item in result.lines]


def lint_data(path: Path) -> list[Finding]:
    configure()
    found = []
    for line in chinese_text.zh_fields(path):
        fixed = autocorrect_py.format(line.text)
        if fixed != line.text:
            found.append(Finding(line.path, line.number, line.text, fixed))
    return found


def default_paths() -> list[Path]:
    return [ROOT / "docs" / "zh", ROOT / "data"]


def files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in {".md", ".yaml", ".yml"}))
        else:
            out.append(path)
    return out


def lint(paths: Iterable[Path]) -> list[Finding]:
    found: list[Finding] = []
    for path in files(paths):
        found.extend(lint_markdown(path) if path.suffix == ".md" else lint_data(path))
    return found


def fix_markdown(path: Path) -> bool:
    configure()
    text = path.read_text(encoding="utf-8")
    prose, code = without_code(text)
    lines = autocorrect_py.format_for(prose, "md").split("\n")
    if len(lines) != len(text.split("\n")):
        raise ValueError(f"{chinese_text.shown(path)}: autocorrect changed the number of lines")
    fixed = "\n".join(code.get(i, line) for i, line in enumerate(lines))
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")
    return fixed != text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="typography.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "report findings"), ("fix", "fix Chinese pages in place")):
        command = commands.add_parser(name, help=text)
        command.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    if args.command == "fix":
        for path in files(paths):
            if path.suffix == ".md" and fix_markdown(path):
                print(f"fixed {chinese_text.shown(path)}")
    found = lint(paths)
    for finding in found:
        print(finding)
    print(f"{len(found)} typography finding(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""Chinese typography lint over docs/zh/, the ``zh`` fields of data/, Chinese text left in
overrides/ and scripts/, and the built Chinese pages (site/zh/). Two layers: autocorrect-py
(``.autocorrectrc``: spacing between Chinese and Latin letters or digits, full-width punctuation),
then ``RULES``, which autocorrect lacks, on the sources and on the built HTML, where some defects
only appear (a template's ``, arXiv`` after a Chinese label). CJK fonts have no italic (the browser
fakes one) and GB/T 15835 writes 44732 without separators. The rules skip code, link targets and
HTML comments. ``fix`` rewrites pages with autocorrect; the rest is fixed by hand.
"""

from __future__ import annotations

import argparse
import html as html_lib
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import autocorrect_py

from scripts.data import datafile, markdown_reader, site_paths
from scripts.data.languages import HAN
from scripts.lint import chinese_text

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".autocorrectrc"
DEFAULT_PATHS = (ROOT / "docs" / "zh", ROOT / "data")

FULLWIDTH_PUNCT = "。？！：；，、”’）》」"
# Inline markup between or after: Markdown emphasis marks, or an inline HTML tag.
MARK = r"(?:\*{1,3}|_{1,2}|</?(?:strong|em|b|i|a|span|abbr|mark|sup|sub)\b[^>]*>)"
SPACE_AFTER_FULLWIDTH_RE = re.compile(
    rf"[{FULLWIDTH_PUNCT}](?:{MARK}+ +(?=[^\s*_<])| +{MARK}+(?=[^\s*_<]))"
)
# Python-Markdown counts Chinese characters as word characters, so only ``*`` makes italics
# next to them; ``**bold**`` is excluded by the neighbouring-asterisk guards. ``_`` makes them
# too, between spaces or punctuation (``这是 _强调_ 文字``), not inside a word (``snake_case``).
ITALIC_MD_RE = re.compile(
    r"(?<![*\\A-Za-z0-9])\*(?![\s*])(?P<text>[^*\n]*?)(?<![\s\\])\*(?![*A-Za-z0-9])"
)
ITALIC_UNDERSCORE_RE = re.compile(r"(?<![\w\\])_(?![\s_])(?P<text>[^_\n]*?)(?<![\s\\])_(?!\w)")
ITALIC_HTML_RE = re.compile(r"<(?P<tag>em|i)\b[^>]*>(?P<text>.*?)</(?P=tag)>")
HALFWIDTH_RE = re.compile(
    rf"[{HAN}{FULLWIDTH_PUNCT}（《“] ?[,(]|,[ ]?[{HAN}（《“]|\([{HAN}]|[{HAN}]\)"
)
GROUPED_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
COMPOUND_DASH_RE = re.compile(rf"[{HAN}](?<!—)[—–－](?!—)[{HAN}]")
# Markdown that is not prose: link targets, reference definitions, HTML comments, citations.
# Unlike the term lint's NOT_PROSE_RE (scripts/lint/terms.py), tags and quotations stay: readers
# see quoted Chinese, and space-after-fullwidth looks at the tags ("。 <strong>").
MD_NOT_PROSE_RE = re.compile(r"\]\([^)]*\)|<!--.*?-->|\[@[^\]]*\]|\{[^}]*#[^}]*\}")
TAG_RE = re.compile(r"<[^>]+>")
HTML_SKIP_RE = re.compile(r"<(pre|code|script|style|svg|kbd|samp)\b[^>]*>.*?</\1>", re.S | re.I)
# The glossary lists the wrong renderings on purpose ("不要写：编码器—解码器").
GLOSSARY_AVOID_RE = re.compile(r'<span class="glossary__avoid">.*?(?=</td>)', re.S)

RULES = {
    "space-after-fullwidth": "no half-width space after full-width punctuation around a tag",
    "italic-chinese": "no italics on Chinese text: use bold or nothing",
    "halfwidth-in-chinese": "use full-width ，（） inside Chinese text",
    # not UI: a message to contributors, with a Chinese example
    "number-grouping": "no thousands separators in Chinese text: 1000, 44732 or 万",
    # not UI: a message to contributors, with a Chinese example
    "compound-dash": "join Chinese compounds with an ASCII hyphen or with 与: 编码器-解码器",
}
TEXT_RULES = (
    ("halfwidth-in-chinese", HALFWIDTH_RE),
    ("number-grouping", GROUPED_NUMBER_RE),
    ("compound-dash", COMPOUND_DASH_RE),
)


@dataclass(frozen=True)
class Finding:
    """One finding: autocorrect's (rule ``typography``: ``found`` -> ``new``) or a RULES one."""

    path: str
    line: int
    rule: str
    found: str
    new: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.rule}"
        if self.rule == "typography":
            return f"{where}: {self.found!r} -> {self.new!r}"
        return f"{where}: found {self.found!r}: {RULES[self.rule]}"


def rule_findings(line: chinese_text.Line, markup: str = "md") -> Iterator[Finding]:
    """RULES on one line of Markdown (``md``), plain text or HTML (``html``: tags count for
    spacing and italics, then go for the text rules)."""
    text = line.text
    if markup == "md":
        text = MD_NOT_PROSE_RE.sub("]", markdown_reader.without_code_spans(text))
    found = [("space-after-fullwidth", m[0]) for m in SPACE_AFTER_FULLWIDTH_RE.finditer(text)]
    italics = (ITALIC_HTML_RE,) if markup == "html" else (ITALIC_MD_RE, ITALIC_UNDERSCORE_RE)
    found += [
        ("italic-chinese", m[0])
        for italic in italics
        for m in italic.finditer(text)
        if chinese_text.HAN_RE.search(TAG_RE.sub("", m["text"]))
    ]
    plain = html_lib.unescape(TAG_RE.sub("", text)) if markup == "html" else text
    if chinese_text.HAN_RE.search(plain):
        found += [(rule, m[0]) for rule, pattern in TEXT_RULES for m in pattern.finditer(plain)]
    for rule, match in found:
        yield Finding(line.path, line.number, rule, match)


def lint_html(site_dir: Path, root: Path = ROOT) -> list[Finding]:
    """RULES on the ``<article>`` of every built Chinese page, without code, scripts, styles, SVG
    and the glossary's wrong renderings (blanked, so that line numbers stay the file's)."""
    found: list[Finding] = []
    for path in sorted((site_dir / "zh").rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        start, end = source.find("<article"), source.find("</article>")
        if not 0 <= start < end:
            continue
        body = "\n" * source.count("\n", 0, start) + source[start:end]
        for pattern in (HTML_SKIP_RE, GLOSSARY_AVOID_RE):
            body = pattern.sub(lambda m: "\n" * m[0].count("\n"), body)
        for number, text in enumerate(body.split("\n"), 1):
            if chinese_text.HAN_RE.search(text):
                line = chinese_text.Line(datafile.shown(path, root), number, text)
                found.extend(rule_findings(line, "html"))
    return found


def outside_comments(lines: Iterable[chinese_text.Line]) -> Iterator[chinese_text.Line]:
    """The lines with what an HTML comment that runs over several lines of a page holds
    blanked (``rule_findings`` drops a comment within one line)."""
    open_in = None  # the page whose comment is still open
    for line in lines:
        text = line.text  # and as seen for comments: a `<!--` in inline code opens none
        seen = markdown_reader.CODE_SPAN_RE.sub(lambda m: " " * len(m[0]), text)
        if open_in == line.path:
            end = seen.find("-->")
            text, seen, open_in = (
                (text[end + 3 :], seen[end + 3 :], None) if end >= 0 else ("", "", open_in)
            )
        opening = seen.rfind("<!--")
        if opening >= 0 and "-->" not in seen[opening:] and line.path.endswith(".md"):
            text, open_in = text[:opening], line.path
        yield chinese_text.Line(line.path, line.number, text)


def lint_rules(paths: Iterable[Path], ui: bool = False) -> list[Finding]:
    """RULES on Markdown pages and data files (and the UI strings, if ``ui``)."""
    lines = outside_comments(chinese_text.text_lines(paths))
    found = [f for line in lines for f in rule_findings(line, "md")]
    for line in chinese_text.ui_lines() if ui else ():
        found.extend(rule_findings(line, "html" if line.path.endswith(".html") else "text"))
    return found


@lru_cache(maxsize=1)
def configure(config: Path = CONFIG) -> None:
    autocorrect_py.load_config(config.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def without_code(text: str) -> tuple[str, dict[int, str]]:
    """The page with every fenced code line emptied, and those lines by index: code must stay
    byte for byte what the English page shows, but autocorrect would respace its strings."""
    lines = list(markdown_reader.fenced(text.split("\n")))
    code = {index: line for index, (line, fenced) in enumerate(lines) if fenced}
    return "\n".join("" if fenced else line for line, fenced in lines), code


def lint(paths: Iterable[Path]) -> list[Finding]:
    """autocorrect's findings (the first layer): pages as Markdown, the ``zh`` values of data files
    and JSON schemas as text."""
    configure()
    found: list[Finding] = []
    for path in chinese_text.files(paths):  # the files the other rules read
        if path.suffix == ".md":
            text = datafile.read_text(path)[0]  # main reports a page that is not UTF-8
            result = autocorrect_py.lint_for(without_code(text)[0], "md")
            where = datafile.shown(path)
            found += [Finding(where, i.line, "typography", i.old, i.new) for i in result.lines]
            continue
        for line in chinese_text.file_lines(path):
            fixed = autocorrect_py.format(line.text)
            if fixed != line.text:
                found.append(Finding(line.path, line.number, "typography", line.text, fixed))
    return found


def fix_markdown(path: Path) -> bool:
    configure()
    text = datafile.read_text(path)[0]  # "" for a page that is not UTF-8: left alone
    prose, code = without_code(text)
    lines = autocorrect_py.format_for(prose, "md").split("\n")
    if len(lines) != len(text.split("\n")):
        raise ValueError(f"{datafile.shown(path)}: autocorrect changed the number of lines")
    fixed = "\n".join(code.get(i, line) for i, line in enumerate(lines))
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")
    return fixed != text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "report findings"), ("fix", "fix Chinese pages in place")):
        command = commands.add_parser(name, help=text)
        command.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        html = "also lint a fresh build's Chinese pages (built into a temporary directory)"
        command.add_argument("--html", action="store_true", help=html)
        command.add_argument("--report", action="store_true", help="count per file; exit 0")
    args = parser.parse_args(argv)
    gone = [
        f"{datafile.shown(p)}:1: file: no such file or folder" for p in args.paths if not p.exists()
    ]
    paths = [p for p in args.paths if p.exists()] if args.paths else DEFAULT_PATHS
    for path in chinese_text.files(paths, (".md",)) if args.command == "fix" else ():
        if path.suffix == ".md" and fix_markdown(path):
            print(f"fixed {datafile.shown(path)}")
    unreadable = gone + chinese_text.unreadable(paths)
    found = lint(paths) + lint_rules(paths, ui=not args.paths)
    if args.html:
        with tempfile.TemporaryDirectory() as tmp:
            site_paths.build_site(Path(tmp) / "site", "http://127.0.0.1/")
            found += lint_html(Path(tmp) / "site", Path(tmp))
    summary = f"{len(found)} typography finding(s)"
    chinese_text.print_findings([*unreadable, *found], summary, args.report)
    return 1 if unreadable or (found and not args.report) else 0

"""Chinese typography lint over docs/zh/, the ``zh`` fields of data/ (the UI strings of
data/ui.yaml among them), any Chinese text left in overrides/ and scripts/, and the rendered
Chinese pages (site/zh/**.html).

Two layers:

1. autocorrect-py (rules in ``.autocorrectrc``): spacing between Chinese and Latin letters or
   digits, full-width punctuation. In Markdown it skips code blocks, inline code and front
   matter keys; in data it sees each ``zh`` value as plain text.
2. Rules autocorrect does not have (issue 14), each run on the source text AND on the built
   HTML, because some defects only exist after rendering (a template's ``, arXiv`` after a
   Chinese label; ``。</strong> 像素`` from ``**……。** 像素``):

   - ``space-after-fullwidth``: no half-width space between full-width punctuation and the
     text that follows when an inline tag or emphasis mark sits between them or right after
     the space (``**……。** 像素``, ``。</strong> 像素``, ``。 **像素**``). Write ``**……。**像素``.
   - ``italic-chinese``: no italics on Chinese text (``*为什么*``, ``<em>为什么</em>``). Decision:
     Chinese emphasis is **bold** (or nothing, or “quotes”). CJK fonts have no italic, so the
     browser fakes an oblique; the site's CSS turns a stray ``<em>`` on Chinese pages into
     着重号 as a fallback, but one style is used on purpose: bold. English titles in italics
     inside Chinese text are fine (no Chinese characters in them).
   - ``halfwidth-in-chinese``: a half-width comma or parenthesis touching Chinese text or
     full-width punctuation (``（2020）, arXiv``, ``动手学深度学习 (Dive…)``): use ，（）.
   - ``number-grouping``: no thousands separators in Chinese prose (``1,000``, ``44,732``);
     write 1000, 44732 or 万 (GB/T 15835 allows ungrouped digits).
   - ``compound-dash``: a single dash joining two Chinese words (``编码器—解码器``,
     ``基因–疾病``) is not a Chinese connector: use an ASCII hyphen (编码器-解码器) or 与.
     The 破折号 ``——`` is not affected.

   In Markdown these rules skip fenced code, inline code, link targets and HTML comments; in
   HTML they read the ``<article>`` only and skip ``<pre>``, ``<code>``, ``<script>``,
   ``<style>``, ``<svg>`` and the glossary's list of wrong renderings.

CLI:
    python -m scripts typography check [PATH ...]   one finding a line:
                                                    ``path:line: typography: 'old' -> 'new'``
                                                    ``path:line: rule: message``
        --html [SITE]   also lint the rendered Chinese pages of SITE (a built site directory);
                        with no SITE, build the site into a temporary directory first
        --report        print the findings and a count per file; exit 0
    python -m scripts typography fix [PATH ...]     rewrite Chinese pages in place with
                                                    autocorrect (data files are only reported;
                                                    the issue-14 rules are fixed by hand)
"""

from __future__ import annotations

import argparse
import html as html_lib
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import autocorrect_py

from scripts.data import markdown_reader, site_paths
from scripts.lint import chinese_text

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".autocorrectrc"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: typography: {self.old!r} -> {self.new!r}"


@dataclass(frozen=True)
class RuleFinding:
    """A finding of one of the issue-14 rules: ``path:line: rule: found 'X': message``."""

    path: str
    line: int
    rule: str
    found: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: found {self.found!r}: {self.message}"


HAN = "\u3400-\u9fff"
FULLWIDTH_PUNCT = "。？！：；，、”’）》」"
# Inline markup between or after: Markdown emphasis marks, or an inline HTML tag.
MARK = r"(?:\*{1,3}|_{1,2}|</?(?:strong|em|b|i|a|span|abbr|mark|sup|sub)\b[^>]*>)"
SPACE_AFTER_FULLWIDTH_RE = re.compile(
    rf"[{FULLWIDTH_PUNCT}](?:{MARK}+ +(?=[^\s*_<])| +{MARK}+(?=[^\s*_<]))"
)
# Python-Markdown counts Chinese characters as word characters, so only ``*`` makes italics
# next to them; ``**bold**`` is excluded by the neighbouring-asterisk guards.
ITALIC_MD_RE = re.compile(
    r"(?<![*\\A-Za-z0-9])\*(?![\s*])(?P<text>[^*\n]*?)(?<![\s\\])\*(?![*A-Za-z0-9])"
)
ITALIC_HTML_RE = re.compile(r"<(?P<tag>em|i)\b[^>]*>(?P<text>.*?)</(?P=tag)>")
HALFWIDTH_RE = re.compile(
    rf"[{HAN}{FULLWIDTH_PUNCT}（《“] ?[,(]|,[ ]?[{HAN}（《“]|\([{HAN}]|[{HAN}]\)"
)
GROUPED_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
COMPOUND_DASH_RE = re.compile(rf"[{HAN}](?<!—)[—–－](?!—)[{HAN}]")
HAS_HAN_RE = re.compile(f"[{HAN}]")
# Markdown that is not prose: link targets, reference definitions, HTML comments, citations.
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


def _finding(line: chinese_text.Line, rule: str, found: str) -> RuleFinding:
    return RuleFinding(line.path, line.number, rule, found, RULES[rule])


def rule_findings(line: chinese_text.Line, markup: str = "md") -> Iterator[RuleFinding]:
    """The issue-14 rules on one line of Markdown (``md``), plain text or HTML (``html``).

    In HTML the line has already lost its code, and tags are kept for the spacing and italics
    rules, then removed (and entities decoded) for the text rules.
    """
    text = line.text
    if markup == "md":
        text = MD_NOT_PROSE_RE.sub("]", markdown_reader.without_code_spans(text))
    for match in SPACE_AFTER_FULLWIDTH_RE.finditer(text):
        yield _finding(line, "space-after-fullwidth", match.group(0))
    italic = ITALIC_HTML_RE if markup == "html" else ITALIC_MD_RE
    for match in italic.finditer(text):
        if HAS_HAN_RE.search(TAG_RE.sub("", match["text"])):
            yield _finding(line, "italic-chinese", match.group(0))
    plain = html_lib.unescape(TAG_RE.sub("", text)) if markup == "html" else text
    if not HAS_HAN_RE.search(plain):
        return
    for match in HALFWIDTH_RE.finditer(plain):
        yield _finding(line, "halfwidth-in-chinese", match.group(0))
    for match in GROUPED_NUMBER_RE.finditer(plain):
        yield _finding(line, "number-grouping", match.group(0))
    for match in COMPOUND_DASH_RE.finditer(plain):
        yield _finding(line, "compound-dash", match.group(0))


def html_lines(path: Path, root: Path = ROOT) -> Iterator[chinese_text.Line]:
    """The lines of a built page's ``<article>`` (the page's own text, not the theme's chrome),
    with code, scripts, styles and SVG removed (keeping line numbers)."""
    source = path.read_text(encoding="utf-8")
    start = source.find("<article")
    end = source.find("</article>")
    if start < 0 or end < 0:
        return
    body = "\n" * source.count("\n", 0, start) + source[start:end]
    for pattern in (HTML_SKIP_RE, GLOSSARY_AVOID_RE):
        body = pattern.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    where = chinese_text.shown(path, root)
    for number, text in enumerate(body.split("\n"), 1):
        if HAS_HAN_RE.search(text):
            yield chinese_text.Line(where, number, text)


def lint_html(site_dir: Path, root: Path = ROOT) -> list[RuleFinding]:
    """The issue-14 rules on every built Chinese page (``SITE/zh/**/*.html``)."""
    found: list[RuleFinding] = []
    for path in sorted((site_dir / "zh").rglob("*.html")):
        for line in html_lines(path, root):
            found.extend(rule_findings(line, "html"))
    return found


def lint_rules(paths: Iterable[Path], ui: bool = False) -> list[RuleFinding]:
    """The issue-14 rules on Markdown pages and data files (and the UI strings, if ``ui``)."""
    found: list[RuleFinding] = []
    for path in files(paths):
        if path.suffix == ".md":
            lines = chinese_text.markdown_lines(path)
            found.extend(f for line in lines for f in rule_findings(line, "md"))
        elif path.suffix == ".json":
            found.extend(
                f for line in chinese_text.json_zh_fields(path) for f in rule_findings(line, "md")
            )
        else:
            found.extend(
                f for line in chinese_text.zh_fields(path) for f in rule_findings(line, "md")
            )
    if ui:
        for line in chinese_text.ui_lines():
            markup = "html" if line.path.endswith(".html") else "text"
            found.extend(rule_findings(line, markup))
    return found


@lru_cache(maxsize=1)
def configure(config: Path = CONFIG) -> None:
    autocorrect_py.load_config(config.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def without_code(text: str) -> tuple[str, dict[int, str]]:
    """The page with every fenced code line emptied, and those lines by index.

    autocorrect would otherwise respace string literals and comments inside code blocks, and
    code must stay byte for byte what the English page shows.
    """
    lines = list(markdown_reader.fenced(text.split("\n")))
    code = {index: line for index, (line, fenced) in enumerate(lines) if fenced}
    return "\n".join("" if fenced else line for line, fenced in lines), code


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


def files(
    paths: Iterable[Path], suffixes: tuple[str, ...] = (".md", ".yaml", ".yml")
) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in suffixes))
        else:
            out.append(path)
    return out


def lint(paths: Iterable[Path]) -> list[Finding]:
    """autocorrect's findings (the first layer)."""
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("check", "report findings"), ("fix", "fix Chinese pages in place")):
        command = commands.add_parser(name, help=text)
        command.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        command.add_argument(
            "--html",
            nargs="?",
            const="build",
            metavar="SITE",
            help="also lint SITE/zh/**.html (no SITE: build into a temporary directory)",
        )
        command.add_argument("--report", action="store_true", help="count per file; exit 0")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    if args.command == "fix":
        for path in files(paths):
            if path.suffix == ".md" and fix_markdown(path):
                print(f"fixed {chinese_text.shown(path)}")
    found: list[Finding | RuleFinding] = [*lint(paths)]
    found += lint_rules(files(paths, (".md", ".yaml", ".yml", ".json")), ui=not args.paths)
    if args.html == "build":
        with tempfile.TemporaryDirectory() as tmp:
            site_paths.build_site(Path(tmp) / "site", "http://127.0.0.1/")
            found += lint_html(Path(tmp) / "site", Path(tmp))
    elif args.html:
        found += lint_html(Path(args.html))
    for finding in found:
        print(finding)
    print(f"{len(found)} typography finding(s)", file=sys.stderr)
    if args.report:
        print(chinese_text.count_report([str(f) for f in found]))
        return 0
    return 1 if found else 0

"""Pages link catalogued resources by id, so each address is written once, in data/resources/.

In docs/, write ``[Cellpose](res:cellpose)`` (or ``[cp]: res:cellpose``); the build replaces
``res:<id>`` with the entry's ``url``, or for a ``dead`` entry with its catalogue row
(``resources/all.md#res-<id>``). ``res:<id>#install`` links part of the entry's page (a dead
entry's link still goes to its row). Code is left alone, so pages can show the syntax. An unknown
id, or a ``res:`` link the build cannot read, stops the build:
``docs/en/x.md:12: unknown resource id 'x'``.

CLI: ``python -m scripts resource-links check [--fix] [PATH ...]`` reports (``path:line: …``,
exit 1) every raw link in docs/ to an entry's url, survey_url or former_urls, and every res: link
to an unknown id; --fix rewrites such Markdown links to ``res:<id>``, a ``#fragment`` kept (raw
HTML is only reported).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from scripts.data import datafile, markdown_reader, resources
from scripts.data.site_paths import CATALOGUE_PAGE, ROOT, relative_link

DOCS = ROOT / "docs"

# A link's optional title, in any of CommonMark's three forms: "T", 'T' or (T)
TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
# ](res:id) with an optional #fragment and title, and reference definitions [label]: res:id
RES_INLINE_RE = re.compile(
    rf"\]\(\s*<?res:(?P<id>[^\s)>#]*)(?P<fragment>#[^\s)>]*)?>?(?P<rest>{TITLE}\s*\))"
)
RES_REFDEF_RE = re.compile(
    r"^(?P<head> {0,3}\[[^\]]+\]:\s*)<?res:(?P<id>[^\s>#]*)(?P<fragment>#[^\s>]*)?>?(?P<rest>.*)$"
)
# What is left of a res: link after the patterns took theirs: one they cannot read.
RES_LEFTOVER_RE = re.compile(r"\]\(\s*<?res:|^ {0,3}\[[^\]]+\]:\s*<?res:")
LEFTOVER_ADVICE = "write [text](res:id), [text](res:id#fragment) or [label]: res:id"

RAW_INLINE_RE = re.compile(rf"\]\(\s*<?(?P<url>https?://[^\s)>]+)>?(?P<rest>{TITLE}\s*\))")
RAW_AUTOLINK_RE = re.compile(r"<(?P<url>https?://[^\s>]+)>")
RAW_REFDEF_RE = re.compile(
    r"^(?P<head> {0,3}\[[^\]]+\]:\s*)<?(?P<url>https?://[^\s>]+)>?(?P<rest>.*)$"
)
RAW_HTML_RE = re.compile(r"""href=["'](?P<url>https?://[^"'\s]+)["']""")


# --- Build: res:<id> becomes the entry's address ---------------------------------------------


def target(entry: resources.Resource, page: str, fragment: str = "") -> str:
    """Where a link to ``entry`` goes from ``page`` (a path inside the language, e.g.
    ``resources/index.md``): its URL (with ``fragment``, ``#install``, in place of any it has),
    or its catalogue row when the resource is gone."""
    if not entry.live_url:
        return f"{relative_link(page, CATALOGUE_PAGE)}#res-{entry.id}"
    return entry.live_url.split("#", 1)[0] + fragment if fragment else entry.live_url


def render(
    markdown: str, catalogue: resources.Catalogue, page: str, shown: str, first_line: int = 1
) -> str:
    """Replace every ``res:<id>`` link target outside code; ``shown`` names the page in errors,
    at its line in the file (``first_line``: where ``markdown`` starts, after front matter)."""
    out: list[str] = []
    lines = markdown_reader.fenced(markdown.split("\n"))
    for number, (line, code) in enumerate(lines, start=first_line):
        if code or "res:" not in line:
            out.append(line)
            continue

        def resolve(link: re.Match[str], number: int = number) -> str:
            entry = catalogue.get(link["id"])
            if entry is None:
                raise ValueError(f"{shown}:{number}: unknown resource id {link['id']!r}")
            return target(entry, page, link["fragment"] or "")

        def replace(text: str) -> str:
            text = RES_INLINE_RE.sub(lambda m: f"]({resolve(m)}{m['rest']}", text)
            return RES_REFDEF_RE.sub(lambda m: f"{m['head']}{resolve(m)}{m['rest']}", text)

        out.append(markdown_reader.outside_code_spans(line, replace))
        if RES_LEFTOVER_RE.search(markdown_reader.without_code_spans(out[-1])):
            raise ValueError(f"{shown}:{number}: cannot read the res: link; {LEFTOVER_ADVICE}")
    return "\n".join(out)


# --- Lint: raw links to catalogued addresses -------------------------------------------------


def address_index(catalogue: resources.Catalogue) -> dict[str, resources.Resource]:
    """Every address of every entry (current, survey, former), keyed like duplicate checks."""
    index: dict[str, resources.Resource] = {}
    for entry in catalogue.entries:
        for url in entry.addresses:
            index.setdefault(resources.url_key(url), entry)
    return index


Fix = Callable[[re.Match[str], resources.Resource], str]
Advice = Callable[[re.Match[str], resources.Resource], str]
# Each raw-link form a page may use: how --fix rewrites it (raw HTML: not), what a finding advises.
# ``res(m, e)``: the res: link for the raw address, its #fragment kept (part of the page).
RAW_LINK_FORMS: dict[re.Pattern[str], tuple[Fix | None, Advice]] = {
    RAW_INLINE_RE: (
        lambda m, e: f"]({res(m, e)}{m['rest']}",
        lambda m, e: f"write ]({res(m, e)}) instead",
    ),
    RAW_AUTOLINK_RE: (
        lambda m, e: f"[{e.name}]({res(m, e)})",
        lambda m, e: f"write [{e.name}]({res(m, e)}) instead",
    ),
    RAW_REFDEF_RE: (
        lambda m, e: f"{m['head']}{res(m, e)}{m['rest']}",
        lambda m, e: f"write {res(m, e)} instead",
    ),
    RAW_HTML_RE: (None, lambda m, e: f"use a Markdown link to {res(m, e)} instead"),
}


def res(link: re.Match[str], entry: resources.Resource) -> str:
    fragment = link["url"].partition("#")[2]
    return f"res:{entry.id}" + (f"#{fragment}" if fragment else "")


def check_text(
    markdown: str, shown: str, catalogue: resources.Catalogue, fix: bool = False
) -> tuple[str, list[str]]:
    """Findings for one page and, with ``fix``, the page with Markdown links rewritten."""
    index = address_index(catalogue)
    in_line: list[str] = []  # the findings of the line being read, without their place

    def raw_link(link: re.Match[str]) -> str:
        """A raw link of one of the forms: rewritten (``fix``) or reported if it is catalogued."""
        fixed, advice = RAW_LINK_FORMS[link.re]
        entry = index.get(resources.url_key(link["url"]))  # a #fragment: part of its page
        if entry is not None and fix and fixed is not None:
            return fixed(link, entry)
        if entry is not None:
            what = f"is the address of catalogue entry {entry.id!r}"
            in_line.append(f"{link['url']} {what}; {advice(link, entry)}")
        return link.group(0)

    def replace(text: str) -> str:
        for pattern in RAW_LINK_FORMS:
            text = pattern.sub(raw_link, text)
        return text

    found: list[str] = []
    out: list[str] = []
    lines = markdown_reader.fenced(markdown.split("\n"))  # lines as the build counts them
    for number, (line, code) in enumerate(lines, start=1):
        if not code:
            line = markdown_reader.outside_code_spans(line, replace)
            prose = markdown_reader.without_code_spans(line)
            for pattern in (RES_INLINE_RE, RES_REFDEF_RE):
                for match in pattern.finditer(prose):
                    if catalogue.get(match["id"]) is None:
                        in_line.append(f"unknown resource id {match['id']!r}")
            if RES_LEFTOVER_RE.search(RES_REFDEF_RE.sub("", RES_INLINE_RE.sub("", prose))):
                in_line.append(f"cannot read the res: link; {LEFTOVER_ADVICE}")
        found += [f"{shown}:{number}: {finding}" for finding in in_line]
        in_line.clear()
        out.append(line)
    return "\n".join(out), found


def check_paths(
    paths: Sequence[Path], catalogue: resources.Catalogue, fix: bool = False
) -> tuple[list[str], list[str]]:
    """Findings across Markdown files (and directories of them); files rewritten by ``fix``."""
    found: list[str] = []
    changed: list[str] = []
    files = [p for arg in paths for p in (sorted(arg.rglob("*.md")) if arg.is_dir() else [arg])]
    for path in files:
        shown = datafile.shown(path)
        if not path.is_file():
            found.append(f"{shown}:1: file: no such file or folder")
            continue
        text, unreadable = datafile.read_text(path)
        if unreadable:
            found.append(str(unreadable))
            continue
        new_text, here = check_text(text, shown, catalogue, fix=fix)
        if fix and new_text != text:  # only the links change: the line endings (and a BOM) stay
            newline = "\r\n" if b"\r\n" in path.read_bytes() else "\n"
            path.write_text(new_text, encoding="utf-8", newline=newline)
            changed.append(shown)
        found += here
    return found, changed


def main(argv: Sequence[str] | None = None) -> int:
    parser, check = datafile.check_parser(__doc__, "raw links to catalogued addresses, unknown ids")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    check.add_argument("--fix", action="store_true", help="rewrite Markdown links to res: ids")
    args = parser.parse_args(argv)
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    if datafile.print_problems(catalogue.problems):
        return 1
    found, changed = check_paths(args.paths or [DOCS], catalogue, fix=args.fix)
    for name in changed:
        print(f"rewrote links to res: ids in {name}")
    if datafile.print_problems(found, "link problem"):
        return 1
    print("OK: pages link catalogued resources by id.")
    return 0

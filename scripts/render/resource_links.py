"""Pages link catalogued resources by id, so each address is written once, in data/resources/.

In docs/, write ``[Cellpose](res:cellpose)`` (or a reference definition ``[cp]: res:cellpose``);
the build replaces ``res:<id>`` with the entry's current ``url``. An entry marked ``dead`` has no
working address, so its links point at its row in the catalogue (``resources/all.md#res-<id>``).
Links inside fenced code and inline code spans are left alone, so pages can show the syntax.
An id the catalogue does not know stops the build: ``docs/en/x.md:12: unknown resource id 'x'``.

CLI:
    python -m scripts resource-links check [PATH ...]
        Every raw external link in docs/ whose address belongs to a catalogue entry (its url,
        survey_url or one of its former_urls), and every res: link to an unknown id, as
        ``path:line: ...``; exit 1 if there are any.
    python -m scripts resource-links check --fix [PATH ...]
        Rewrite such Markdown links to ``res:<id>`` in place, then report what is left (links in
        raw HTML are reported, not rewritten).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.data import datafile, markdown_reader, resources
from scripts.data.site_paths import CATALOGUE_PAGE, relative_link

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

# ](res:id) with an optional title, and reference definitions [label]: res:id
RES_INLINE_RE = re.compile(r"\]\(\s*<?res:(?P<id>[^\s)>#]*)>?(?P<rest>(?:\s+\"[^\"]*\")?\s*\))")
RES_REFDEF_RE = re.compile(r"^(?P<head> {0,3}\[[^\]]+\]:\s*)<?res:(?P<id>[^\s>#]*)>?(?P<rest>.*)$")

RAW_INLINE_RE = re.compile(
    r"\]\(\s*(?P<lt><?)(?P<url>https?://[^\s)>]+)>?(?P<rest>(?:\s+\"[^\"]*\")?\s*\))"
)
RAW_AUTOLINK_RE = re.compile(r"<(?P<url>https?://[^\s>]+)>")
RAW_REFDEF_RE = re.compile(
    r"^(?P<head> {0,3}\[[^\]]+\]:\s*)<?(?P<url>https?://[^\s>]+)>?(?P<rest>.*)$"
)
RAW_HTML_RE = re.compile(r"""href=["'](?P<url>https?://[^"'\s]+)["']""")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --- Shared: what is code and what is text --------------------------------------------------


def _text_lines(markdown: str) -> Iterable[tuple[int, str, bool]]:
    for number, (line, code) in enumerate(
        markdown_reader.fenced(markdown.splitlines(keepends=True)), start=1
    ):
        yield number, line, code


# --- Build: res:<id> becomes the entry's address ---------------------------------------------


def target(entry: resources.Resource, page: str) -> str:
    """Where a link to ``entry`` goes from ``page`` (a path inside the language, e.g.
    ``resources/index.md``): its URL, or its catalogue row when the resource is gone."""
    if entry.status == "dead" or not resources.is_link(entry.url):
        return f"{relative_link(page, CATALOGUE_PAGE)}#res-{entry.id}"
    return entry.url


def render(markdown: str, catalogue: resources.Catalogue, page: str, shown: str) -> str:
    """Replace every ``res:<id>`` link target outside code; ``shown`` names the page in errors."""
    out: list[str] = []
    for number, line, code in _text_lines(markdown):
        if code or "res:" not in line:
            out.append(line)
            continue

        def resolve(resource_id: str, number: int = number) -> str:
            entry = catalogue.get(resource_id)
            if entry is None:
                raise ValueError(f"{shown}:{number}: unknown resource id {resource_id!r}")
            return target(entry, page)

        def replace(text: str) -> str:
            text = RES_INLINE_RE.sub(lambda m: f"]({resolve(m['id'])}{m['rest']}", text)
            return RES_REFDEF_RE.sub(lambda m: f"{m['head']}{resolve(m['id'])}{m['rest']}", text)

        out.append(markdown_reader.outside_code_spans(line, replace))
    return "".join(out)


# --- Lint: raw links to catalogued addresses -------------------------------------------------


def address_index(catalogue: resources.Catalogue) -> dict[str, resources.Resource]:
    """Every address of every entry (current, survey, former), keyed like duplicate checks."""
    index: dict[str, resources.Resource] = {}
    for entry in catalogue.entries:
        for url in entry.addresses:
            index.setdefault(resources.url_key(url), entry)
    return index


Fix = Callable[[re.Match[str], resources.Resource], str]
Advice = Callable[[resources.Resource], str]
# Each raw-link form a page may use: how --fix rewrites it, and what the finding advises.
RAW_LINK_FORMS: tuple[tuple[re.Pattern[str], Fix, Advice], ...] = (
    (
        RAW_INLINE_RE,
        lambda m, e: f"](res:{e.id}{m['rest']}",
        lambda e: f"write ](res:{e.id}) instead",
    ),
    (
        RAW_AUTOLINK_RE,
        lambda m, e: f"[{e.name}](res:{e.id})",
        lambda e: f"write [{e.name}](res:{e.id}) instead",
    ),
    (
        RAW_REFDEF_RE,
        lambda m, e: f"{m['head']}res:{e.id}{m['rest']}",
        lambda e: f"write res:{e.id} instead",
    ),
)


def _match(url: str, index: dict[str, resources.Resource]) -> resources.Resource | None:
    if "#" in url:  # a link into part of a page says more than the catalogue address would
        return None
    return index.get(resources.url_key(url))


def check_text(
    markdown: str, shown: str, catalogue: resources.Catalogue, fix: bool = False
) -> tuple[str, list[Finding]]:
    """Findings for one page and, with ``fix``, the page with Markdown links rewritten."""
    index = address_index(catalogue)
    found: list[Finding] = []
    out: list[str] = []
    for number, line, code in _text_lines(markdown):
        if code:
            out.append(line)
            continue

        def note(url: str, entry: resources.Resource, how: str, number: int = number) -> None:
            found.append(
                Finding(
                    shown,
                    number,
                    f"{url} is the address of catalogue entry {entry.id!r}; {how}",
                )
            )

        def replace(text: str) -> str:
            for pattern, fixed, advice in RAW_LINK_FORMS:

                def sub(match: re.Match[str], fixed: Fix = fixed, advice: Advice = advice) -> str:
                    entry = _match(match["url"], index)
                    if entry is None:
                        return match.group(0)
                    if fix:
                        return fixed(match, entry)
                    note(match["url"], entry, advice(entry))
                    return match.group(0)

                text = pattern.sub(sub, text)
            for match in RAW_HTML_RE.finditer(text):
                entry = _match(match["url"], index)
                if entry is not None:
                    note(match["url"], entry, f"use a Markdown link to res:{entry.id} instead")
            return text

        new_line = markdown_reader.outside_code_spans(line, replace)
        for match in RES_INLINE_RE.finditer(new_line):
            if catalogue.get(match["id"]) is None:
                found.append(Finding(shown, number, f"unknown resource id {match['id']!r}"))
        out.append(new_line)
    return "".join(out), found


def check_paths(
    paths: Sequence[Path], catalogue: resources.Catalogue, fix: bool = False
) -> tuple[list[Finding], list[str]]:
    """Findings across Markdown files (and directories of them); files rewritten by ``fix``."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    found: list[Finding] = []
    changed: list[str] = []
    for path in files:
        shown = datafile.shown(path)
        text = path.read_text(encoding="utf-8")
        new_text, here = check_text(text, shown, catalogue, fix=fix)
        if fix and new_text != text:
            path.write_text(new_text, encoding="utf-8")
            changed.append(shown)
        found += here
    return sorted(found), changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="raw links to catalogued addresses, unknown ids")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    check.add_argument("--fix", action="store_true", help="rewrite Markdown links to res: ids")
    args = parser.parse_args(argv)
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    if catalogue.problems:
        print("\n".join(catalogue.problems))
        return 1
    found, changed = check_paths(args.paths or [DOCS], catalogue, fix=args.fix)
    for name in changed:
        print(f"rewrote links to res: ids in {name}")
    if datafile.print_problems(found, "link problem"):
        return 1
    print("OK: pages link catalogued resources by id.")
    return 0

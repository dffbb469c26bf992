"""Translation status: which Chinese pages are current, outdated or missing.

Each Chinese page records the English source it translates in its front matter:

    source_hash: "3f2a9c0d1e4b"    first 12 hex digits of the SHA-256 of docs/en/<page>'s bytes
    source_date: "2026-11-23"      when that English version was last changed

Both are written by ``update``, never by hand. A page is *translated* when the recorded hash
matches the English file, *outdated* when it does not (or none is recorded), *missing* when
there is no Chinese file. The build shows the table on the marker ``<!-- translation-status -->``
and a banner on outdated Chinese pages.

CLI:
    python -m scripts translations status            the table, in the terminal
    python -m scripts translations update PAGE...    record the current English version
    python -m scripts translations update --all      … in every Chinese page (all outdated
                                                     ones become current: use with care)
    python -m scripts translations check             exit 1 if any page is outdated or missing
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.data import markdown_reader, ui
from scripts.data.languages import LANGUAGES
from scripts.data.site_paths import relative_url
from scripts.render.templates import render_template

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DOCS = ROOT / "docs"
SOURCE, TARGET = LANGUAGES  # English is the source; Chinese mirrors it
HASH_LEN = 12
STATES = ("translated", "outdated", "missing")


@dataclass(frozen=True)
class PageStatus:
    page: str  # path inside the language folder, e.g. "resources/index.md"
    state: str
    title_en: str
    title_zh: str | None
    english_date: str
    recorded_hash: str | None
    recorded_date: str | None


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LEN]


def recorded(text: str) -> dict[str, str]:
    """The front matter's title, source_hash and source_date (as MkDocs reads front matter)."""
    meta = markdown_reader.split_page(text)[0]
    return {k: str(meta[k]) for k in ("title", "source_hash", "source_date") if meta.get(k)}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def changed_date(path: Path) -> str:
    """Date of the last commit that touched ``path``; its modification time if it has
    uncommitted changes or git does not know it."""
    root = path.parent
    dirty = _git(root, "status", "--porcelain", "--", path.name)
    if dirty == "":
        date = _git(root, "log", "-1", "--format=%cs", "--", path.name)
        if date:
            return date
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()


def pages(docs_dir: Path) -> list[str]:
    """Every Markdown page of the source language, as paths inside the language folder."""
    base = docs_dir / SOURCE
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def page_status(docs_dir: Path, page: str) -> PageStatus:
    english = docs_dir / SOURCE / page
    twin = docs_dir / TARGET / page
    current = source_hash(english)
    zh_text = twin.read_text(encoding="utf-8") if twin.is_file() else None
    fields = recorded(zh_text) if zh_text is not None else {}
    if zh_text is None:
        state = "missing"
    elif fields.get("source_hash") == current:
        state = "translated"
    else:
        state = "outdated"
    return PageStatus(
        page=page,
        state=state,
        title_en=recorded(english.read_text(encoding="utf-8")).get("title", page),
        title_zh=fields.get("title"),
        english_date=changed_date(english),
        recorded_hash=fields.get("source_hash"),
        recorded_date=fields.get("source_date"),
    )


def _stamp(docs_dir: Path) -> tuple:
    return tuple(
        (str(p), p.stat().st_mtime_ns)
        for lang in (SOURCE, TARGET)
        for p in sorted((docs_dir / lang).rglob("*.md"))
    )


@lru_cache(maxsize=4)
def _status(docs_dir: Path, stamp: tuple) -> tuple[PageStatus, ...]:
    return tuple(page_status(docs_dir, page) for page in pages(docs_dir))


def touched_pages(docs_dir: Path, since: str) -> list[str]:
    """Pages (paths inside a language folder) whose English or Chinese file differs between the
    merge base of ``since`` and the working tree: what a pull request touches."""
    base = _git(docs_dir, "merge-base", since, "HEAD")
    out = _git(docs_dir, "diff", "--name-only", "--relative", base, "--", ".") if base else None
    if out is None:
        raise ValueError(f"git cannot compare with '{since}' (is it fetched? use fetch-depth: 0)")
    pages = set()
    for name in out.splitlines():
        lang, _, page = name.partition("/")
        if lang in (SOURCE, TARGET) and page.endswith(".md"):
            pages.add(page)
    return sorted(pages)


STATE_WORDS = {"translated": "current", "outdated": "outdated", "missing": "missing"}


def markdown_table(statuses: Sequence[PageStatus], heading: str) -> str:
    """The status of ``statuses`` as a Markdown table (for a CI job summary)."""
    lines = [f"### {heading}", ""]
    if not statuses:
        return "\n".join([*lines, "No page in docs/ is touched.", ""])
    lines += ["| page | Chinese translation | what to do |", "| --- | --- | --- |"]
    for s in statuses:
        todo = {
            "translated": "nothing",
            "outdated": f"update docs/{TARGET}/{s.page}, then "
            f"`python -m scripts translations update {s.page}`",
            "missing": f"translate docs/{SOURCE}/{s.page} into docs/{TARGET}/{s.page}",
        }[s.state]
        lines.append(f"| `{s.page}` | {STATE_WORDS.get(s.state, s.state)} | {todo} |")
    return "\n".join([*lines, ""])


def status(docs_dir: Path = DEFAULT_DOCS) -> tuple[PageStatus, ...]:
    """Every page's status; cached until a page changes (both language builds share it)."""
    return _status(docs_dir, _stamp(docs_dir))


def orphans(docs_dir: Path = DEFAULT_DOCS) -> list[str]:
    """Chinese pages without an English source (renamed or deleted English pages)."""
    base = docs_dir / TARGET
    return sorted(
        p.relative_to(base).as_posix()
        for p in base.rglob("*.md")
        if not (docs_dir / SOURCE / p.relative_to(base)).is_file()
    )


def with_source(text: str, digest: str, date: str) -> str:
    """``text`` with source_hash and source_date set; every other byte stays as it was."""
    span = markdown_reader.front_matter(text)
    if span is None:
        raise ValueError("no front matter")
    start, end = span
    body = text[start:end]
    newline = "\r\n" if "\r\n" in text[:end] else "\n"
    values = {"source_hash": digest, "source_date": date}
    for key, value in values.items():
        line = f'{key}: "{value}"'
        pattern = re.compile(rf"^{key}:[^\r\n]*", re.M)
        if pattern.search(body):
            body = pattern.sub(line, body, count=1)
        else:
            if body and not body.endswith("\n"):
                body += newline
            body += line + newline
    return text[:start] + body + text[end:]


def update(docs_dir: Path, selected: Sequence[str] = (), every: bool = False) -> list[str]:
    """Record the current English version in each selected Chinese page (``every``: in all of
    them); returns the pages whose file changed."""
    if bool(selected) == every:
        raise ValueError("name the pages whose translation you brought up to date, or --all")
    targets = [normalise(p) for p in selected] or [
        s.page for s in status(docs_dir) if s.state != "missing"
    ]
    changed = []
    for page in targets:
        english, twin = docs_dir / SOURCE / page, docs_dir / TARGET / page
        if not english.is_file():
            raise ValueError(f"docs/{SOURCE}/{page}: no such English page")
        if not twin.is_file():
            raise ValueError(f"docs/{TARGET}/{page}: no Chinese page to update; translate it first")
        text = twin.read_text(encoding="utf-8")
        try:
            new = with_source(text, source_hash(english), changed_date(english))
        except ValueError:
            raise ValueError(f"docs/{TARGET}/{page}:1: front matter: missing") from None
        if new != text:
            twin.write_bytes(new.encode("utf-8"))
            changed.append(page)
    return changed


def normalise(page: str) -> str:
    """Accept ``about.md``, ``docs/zh/about.md`` or ``docs/en/about.md``."""
    parts = Path(page).as_posix().split("/")
    if parts[0] == "docs":
        parts = parts[1:]
    if parts and parts[0] in (SOURCE, TARGET):
        parts = parts[1:]
    return "/".join(parts)


# --- Build --------------------------------------------------------------------------------------


def page_meta(src_uri: str, docs_dir: Path = DEFAULT_DOCS) -> dict:
    """Front matter additions for one built page: ``translation`` on Chinese pages."""
    lang, _, page = src_uri.partition("/")
    if lang != TARGET or not (docs_dir / SOURCE / page).is_file():
        return {}
    info = next(s for s in status(docs_dir) if s.page == page)
    return {
        "translation": {
            "state": info.state,
            "source_date": info.recorded_date or "",
            "english_date": info.english_date,
        }
    }


def render_table(lang: str, page_src_uri: str, statuses: Sequence[PageStatus], how_url: str) -> str:
    counts = {state: sum(s.state == state for s in statuses) for state in STATES}
    rows = [
        {
            "page": s.page,
            "title": (s.title_zh or s.title_en) if lang == TARGET else s.title_en,
            "url": relative_url(page_src_uri, s.page),
            "state": s.state,
            "english_date": s.english_date,
            "source_date": s.recorded_date,
        }
        for s in statuses
    ]
    return render_template(
        "translations/status.html",
        lang=lang,
        rows=rows,
        summary=ui.text("translations.summary", lang).format(total=len(statuses), **counts),
        how_url=how_url,
    )


def render_marker(lang: str, page_src_uri: str, edit_base: str) -> str:
    """The status table for ``<!-- translation-status -->``; ``edit_base``
    (``<repo>/edit/<branch>/``) gives the address of the contributor guide it links to."""
    guide = "CONTRIBUTING.zh.md" if lang == TARGET else "CONTRIBUTING.md"
    how_url = f"{edit_base.replace('/edit/', '/blob/', 1)}{guide}#translations"
    return render_table(lang, page_src_uri, status(), how_url)


# --- CLI ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="the docs folder")
    commands = parser.add_subparsers(dest="command", required=True)
    stat = commands.add_parser("status", help="print every page's status")
    stat.add_argument(
        "--changed-since",
        metavar="REF",
        help="only the pages changed since the merge base with REF (e.g. origin/main)",
    )
    stat.add_argument("--markdown", action="store_true", help="a Markdown table (CI summary)")
    commands.add_parser("check", help="fail if a page is outdated or missing")
    upd = commands.add_parser("update", help="record the English version a translation follows")
    upd.add_argument("pages", nargs="*", metavar="PAGE")
    upd.add_argument("--all", action="store_true", help="every Chinese page (all become current)")
    args = parser.parse_args(argv)
    docs = args.docs

    if args.command == "update":
        try:
            changed = update(docs, args.pages, args.all)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
        for page in changed:
            print(f"updated docs/{TARGET}/{page}")
        print(f"{len(changed)} page(s) updated", file=sys.stderr)
        return 0

    statuses = status(docs)
    if args.command == "status" and args.changed_since:
        try:
            wanted = set(touched_pages(docs, args.changed_since))
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        statuses = tuple(s for s in statuses if s.page in wanted)
    if args.command == "status" and args.markdown:
        heading = "Translation status" + (
            f" of the pages changed since {args.changed_since}" if args.changed_since else ""
        )
        print(markdown_table(statuses, heading))
        return 0
    if args.command == "status":
        width = max([4, *(len(s.page) for s in statuses)])
        print(f"{'page':<{width}}  {'state':<10}  {'english changed':<15}  translated from")
        for s in statuses:
            print(
                f"{s.page:<{width}}  {s.state:<10}  {s.english_date:<15}  {s.recorded_date or '-'}"
            )
        for page in orphans(docs):
            print(f"{page:<{width}}  {'no source':<10}  (docs/{TARGET}/{page} has no English page)")
        return 0

    problems = [
        f"docs/{TARGET}/{s.page}:1: source_hash: "
        + (
            (
                f"the English page changed since {s.recorded_date}"
                if s.recorded_hash
                else "no source recorded"
            )
            + f"; update the translation, then run 'python -m scripts translations update {s.page}'"
            if s.state == "outdated"
            else f"missing: translate docs/{SOURCE}/{s.page}"
        )
        for s in statuses
        if s.state != "translated"
    ]
    problems += [
        f"docs/{TARGET}/{page}:1: file: no English page docs/{SOURCE}/{page}"
        for page in orphans(docs)
    ]
    for problem in problems:
        print(problem)
    print(f"{len(statuses)} pages, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0

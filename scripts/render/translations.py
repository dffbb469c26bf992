"""Translation status: which Chinese pages are current, outdated or missing.

Each Chinese page records the English source it translates, written by ``update``, never by hand:
``source_hash`` (first 12 hex digits of the SHA-256 of docs/en/<page>'s bytes) and
``source_date`` (when that English version last changed). A page is *translated* when the hash
matches the English file, *outdated* when it does not (or none is recorded), *missing* when there
is no Chinese file. The build shows the table on ``<!-- translation-status -->`` and a banner on
outdated Chinese pages.

CLI: ``python -m scripts translations status [--changed-since REF] [--markdown]`` (the table),
``update PAGE...|--all`` (record the current English version; --all makes every outdated page
current: use with care), ``check`` (exit 1 if a page is outdated, missing or orphaned).
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import hashlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.data import datafile, markdown_reader, ui
from scripts.data.languages import LANGUAGES
from scripts.render.cite_page import git
from scripts.render.templates import render_template

DEFAULT_DOCS = Path(__file__).resolve().parents[2] / "docs"
SOURCE, TARGET = LANGUAGES  # English is the source; Chinese mirrors it
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
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def recorded(text: str) -> dict[str, str]:
    """The front matter's title, source_hash and source_date (as MkDocs reads front matter)."""
    meta = markdown_reader.split_page(text)[0]
    return {k: str(meta[k]) for k in ("title", "source_hash", "source_date") if meta.get(k)}


def changed_date(path: Path) -> str:
    """The date of the last commit that touched ``path``, or its modification time if it has
    uncommitted changes or git does not know it."""
    if git("status", "--porcelain", "--", path.name, cwd=path.parent) == "":
        date = (git("log", "-1", "--format=%cs", "--", path.name, cwd=path.parent) or "").strip()
        if date:
            return date
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date().isoformat()


def page_status(docs_dir: Path, page: str) -> PageStatus:
    english, twin = docs_dir / SOURCE / page, docs_dir / TARGET / page
    fields = recorded(datafile.read_text(twin)[0]) if twin.is_file() else {}
    state = "missing" if not twin.is_file() else "outdated"
    if fields.get("source_hash") == source_hash(english):
        state = "translated"
    return PageStatus(
        page=page,
        state=state,
        title_en=recorded(datafile.read_text(english)[0]).get("title", page),
        title_zh=fields.get("title"),
        english_date=changed_date(english),
        recorded_hash=fields.get("source_hash"),
        recorded_date=fields.get("source_date"),
    )


def pages(docs_dir: Path, lang: str = SOURCE) -> list[str]:
    """Every Markdown page of ``lang``, as paths inside the language folder."""
    base = docs_dir / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


@lru_cache(maxsize=4)
def _status(docs_dir: Path, _stamp: tuple) -> tuple[PageStatus, ...]:
    return tuple(page_status(docs_dir, page) for page in pages(docs_dir))


def status(docs_dir: Path = DEFAULT_DOCS) -> tuple[PageStatus, ...]:
    """Every page's status; cached until a page changes (both language builds share it)."""
    files = sorted(p for lang in (SOURCE, TARGET) for p in (docs_dir / lang).rglob("*.md"))
    return _status(docs_dir, tuple((str(p), p.stat().st_mtime_ns) for p in files))


def touched_pages(docs_dir: Path, since: str) -> set[str]:
    """Pages whose English or Chinese file differs between the merge base of ``since`` and the
    working tree: what a pull request touches."""
    base = (git("merge-base", since, "HEAD", cwd=docs_dir) or "").strip()
    out = git("diff", "--name-only", "--relative", base, "--", ".", cwd=docs_dir) if base else None
    if out is None:
        raise ValueError(f"git cannot compare with '{since}' (is it fetched? use fetch-depth: 0)")
    names = [name.partition("/") for name in out.splitlines()]
    return {page for lang, _, page in names if lang in LANGUAGES and page.endswith(".md")}


def orphans(docs_dir: Path = DEFAULT_DOCS) -> list[str]:
    """Chinese pages without an English source (renamed or deleted English pages)."""
    return [page for page in pages(docs_dir, TARGET) if not (docs_dir / SOURCE / page).is_file()]


def with_source(text: str, digest: str, date: str) -> str:
    """``text`` with source_hash and source_date set; every other byte stays as it was."""
    span = markdown_reader.front_matter(text)
    if span is None:
        raise ValueError("no front matter")
    start, end = span
    body = text[start:end]
    newline = "\r\n" if "\r\n" in text[:end] else "\n"
    for key, value in (("source_hash", digest), ("source_date", date)):
        line = f'{key}: "{value}"'
        pattern = re.compile(rf"^{key}:[^\r\n]*", re.M)
        if pattern.search(body):
            body = pattern.sub(line, body, count=1)
        else:
            body += ("" if not body or body.endswith("\n") else newline) + line + newline
    return text[:start] + body + text[end:]


def update(docs_dir: Path, selected: Sequence[str] = (), every: bool = False) -> list[str]:
    """Record the current English version in each selected Chinese page (``every``: in all of
    them); returns the pages whose file changed."""
    if bool(selected) == every:
        raise ValueError("name the pages whose translation you brought up to date, or --all")
    targets = [normalise(p, docs_dir) for p in selected] or [
        s.page for s in status(docs_dir) if s.state != "missing"
    ]
    changed = []
    for page in targets:
        english, twin = docs_dir / SOURCE / page, docs_dir / TARGET / page
        if not english.is_file():
            raise ValueError(f"docs/{SOURCE}/{page}: no such English page")
        if not twin.is_file():
            raise ValueError(f"docs/{TARGET}/{page}: no Chinese page to update; translate it first")
        if why := unreadable(docs_dir, TARGET, page):
            raise ValueError(why)
        # The bytes as they are (a BOM, \r\n line endings): only the two fields change.
        raw = twin.read_bytes()
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = raw[len(bom) :].decode("utf-8")
        try:
            new = with_source(text, source_hash(english), changed_date(english))
        except ValueError:
            raise ValueError(f"docs/{TARGET}/{page}:1: front matter: missing") from None
        if new != text:
            twin.write_bytes(bom + new.encode("utf-8"))
            changed.append(page)
    return changed


def normalise(page: str, docs_dir: Path = DEFAULT_DOCS) -> str:
    """Accept ``about.md``, ``docs/zh/about.md``, ``docs/en/about.md`` or the file's absolute
    path (which must lie under ``docs_dir``)."""
    path = Path(page)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(docs_dir.resolve())
        except ValueError:
            raise ValueError(f"{page}: not a page under {docs_dir}") from None
    parts = path.as_posix().split("/")
    parts = parts[1:] if parts[0] == "docs" else parts
    return "/".join(parts[1:] if parts and parts[0] in LANGUAGES else parts)


def page_meta(src_uri: str, docs_dir: Path = DEFAULT_DOCS) -> dict:
    """Front matter additions for one built page: ``translation`` on Chinese pages."""
    lang, _, page = src_uri.partition("/")
    if lang != TARGET or not (docs_dir / SOURCE / page).is_file():
        return {}
    info = next(s for s in status(docs_dir) if s.page == page)
    dates = {"source_date": info.recorded_date or "", "english_date": info.english_date}
    return {"translation": {"state": info.state, **dates}}


def render_marker(lang: str, page_src_uri: str, edit_base: str) -> str:
    """The status table for ``<!-- translation-status -->``; ``edit_base``
    (``<repo>/edit/<branch>/``) gives the address of the contributor guide it links to."""
    guide = "CONTRIBUTING.zh.md" if lang == TARGET else "CONTRIBUTING.md"
    statuses = status()
    counts = {state: sum(s.state == state for s in statuses) for state in STATES}
    return render_template(
        "translations/status.html",
        lang=lang,
        statuses=statuses,
        page=page_src_uri,
        summary=ui.text("translations.summary", lang).format(total=len(statuses), **counts),
        how_url=f"{edit_base.replace('/edit/', '/blob/', 1)}{guide}#translations",
    )


def unreadable(docs_dir: Path, lang: str, page: str) -> str | None:
    """``docs/<lang>/<page>:<line>: file: not UTF-8 text (…)``, or None for a page that reads."""
    path = docs_dir / lang / page
    problem = datafile.read_text(path)[1] if path.is_file() else None
    return f"docs/{lang}/{page}:{problem.line}: file: {problem.message}" if problem else None


def problems(statuses: Sequence[PageStatus], docs_dir: Path) -> list[str]:
    """``docs/zh/<page>:1: …`` for each outdated, missing, orphaned or unreadable Chinese page
    (and unreadable English page)."""
    found = []
    for s in statuses:
        if why_not := [u for lang in LANGUAGES if (u := unreadable(docs_dir, lang, s.page))]:
            found += why_not  # its state says nothing: the page was not read
            continue
        where = f"docs/{TARGET}/{s.page}:1: source_hash:"
        if s.state == "missing":
            found.append(f"{where} missing: translate docs/{SOURCE}/{s.page}")
        elif s.state == "outdated":
            why = "the English page changed" + (
                f" since {s.recorded_date}" if s.recorded_date else ""
            )
            found.append(
                f"{where} {why if s.recorded_hash else 'no source recorded'}; update the "
                f"translation, then run 'python -m scripts translations update {s.page}'"
            )
    return found + [
        f"docs/{TARGET}/{p}:1: file: no English page docs/{SOURCE}/{p}" for p in orphans(docs_dir)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="the docs folder")
    commands = parser.add_subparsers(dest="command", required=True)
    stat = commands.add_parser("status", help="print every page's status")
    stat.add_argument("--changed-since", metavar="REF", help="only pages changed since REF")
    stat.add_argument("--markdown", action="store_true", help="a Markdown table (CI summary)")
    commands.add_parser("check", help="fail if a page is outdated or missing")
    upd = commands.add_parser("update", help="record the English version a translation follows")
    upd.add_argument("pages", nargs="*", metavar="PAGE")
    upd.add_argument("--all", action="store_true", help="every Chinese page (all become current)")
    args = parser.parse_args(argv)
    docs, statuses = args.docs, status(args.docs)
    try:
        if args.command == "update":
            changed = update(docs, args.pages, args.all)
        elif args.command == "status" and args.changed_since:
            wanted = touched_pages(docs, args.changed_since)
            statuses = tuple(s for s in statuses if s.page in wanted)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2 if args.command == "status" else 1
    if args.command == "update":
        print("".join(f"updated docs/{TARGET}/{page}\n" for page in changed), end="")
        print(f"{len(changed)} page(s) updated", file=sys.stderr)
        return 0
    if args.command == "check":
        found = problems(statuses, docs)
        print("".join(line + "\n" for line in found), end="")
        print(f"{len(statuses)} pages, {len(found)} problem(s)", file=sys.stderr)
        return 1 if found else 0
    if args.markdown:
        since = f" of the pages changed since {args.changed_since}" if args.changed_since else ""
        context = {"statuses": statuses, "source": SOURCE, "target": TARGET}
        heading = "Translation status" + since
        print(render_template("translations/summary.md", heading=heading, **context))
        return 0
    width = max([4, *(len(s.page) for s in statuses)])
    print(f"{'page':<{width}}  {'state':<10}  {'english changed':<15}  translated from")
    for s in statuses:
        print(f"{s.page:<{width}}  {s.state:<10}  {s.english_date:<15}  {s.recorded_date or '-'}")
    for page in orphans(docs):
        print(f"{page:<{width}}  {'no source':<10}  (docs/{TARGET}/{page} has no English page)")
    return 0

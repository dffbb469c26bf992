"""What changed on the site, read from the git history, and shown as words and links: one Atom
feed per language (``feed.xml`` at the language's root, written with feedgen) and the "What's new"
page's list (the ``<!-- whats-new -->`` marker). The feed keeps the newest ``FEED_LIMIT`` changes,
the page ``PAGE_LIMIT``.

Each commit on HEAD's first-parent line (a merged branch is one change, dated when it landed)
that touched ``data/resources/`` or ``docs/`` is compared with its first parent: in the catalogue
a new id is ``added``, a gone one (not another's ``former_ids``) ``retired``, a new
``tags.status`` ``status`` (a renamed entry's compared with its former id's; a commit with a
non-YAML version on either side is skipped); in a language's pages a new bold item of a
``!!! since`` box is ``since`` (titles compared without a trailing parenthetical, so a re-dated
item is not new), a new page ``new_page`` (not one moved in the commit, ``page_moves``: that
one is compared with its old file), and one whose changed lines reach ``REVISED_MIN_LINES`` and
``REVISED_SHARE`` of it ``revised``. A page's change links the page under its file of today (moves
followed); once the page is gone its line stays, unlinked. A commit without a parent (the
first, or the oldest of a shallow clone) is the baseline, never a
change. Without git the history is empty.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

import yaml
from feedgen.feed import FeedGenerator

from scripts.data import markdown_reader, resources, ui
from scripts.data.datafile import listed
from scripts.data.languages import LANGUAGES
from scripts.data.resources import Catalogue
from scripts.data.site_paths import CATALOGUE_PAGE, ROOT, page_url
from scripts.render.cite_page import git
from scripts.render.page import Page
from scripts.render.templates import render_template

CATALOGUE_DIR = "data/resources/"
DOCS_DIR = "docs/"
REVISED_MIN_LINES = 30
REVISED_SHARE = 0.15
WATCHED = (CATALOGUE_DIR, DOCS_DIR)
# -m: a merge's files against its first parent, so a merged branch is one change
LOG_ARGS = "-c core.quotepath=off log --first-parent -m --numstat --no-renames"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 30 times faster
# the bold title of a "Since the survey" item
SINCE_TITLE_RE = re.compile(r"^ {4}- \*\*(?P<title>.+?)\*\*")
# a title's trailing parenthetical, "(2023–2025)" or "（2024）": its years get corrected
TRAILING_PAREN_RE = re.compile(r"\s*[(（][^()（）]*[)）][.。]?$")
FEED_FILE = "feed.xml"
WHATS_NEW = "whats-new.md"
FEED_LIMIT = 50
PAGE_LIMIT = 100


@dataclass(frozen=True)
class Change:
    """One dated change. ``kind``: added, retired, status, since, revised, new_page;
    ``subject`` a resource id or a page inside the language (``about.md``)."""

    date: str  # ISO 8601 committer date
    commit: str
    kind: str
    subject: str
    name: str  # the resource's name, the page's title
    lang: str = ""  # "" for catalogue changes (both languages)
    old: str = ""
    new: str = ""
    item: str = ""  # a "Since the survey" item's title
    page: str = ""  # where a page's change is seen today (moved since, or "" if it is gone)

    @property
    def id(self) -> str:
        """Stable and unique (item titles are often Chinese, which a slug would drop)."""
        # A Chinese item's id was made with its title's closing "。" (shown without it since):
        # the same ids, so feed readers do not show those items again.
        item = self.item + ("。" if self.lang == "zh" and self.kind == "since" else "")
        digest = hashlib.sha1(f"{self.subject}\n{item}".encode()).hexdigest()[:10]
        return f"c-{self.commit[:12]}-{self.kind}-{digest}"


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...] = ()
    available: bool = False  # False outside git
    shallow: bool = False
    since: str = ""  # date of the baseline commit in a shallow clone

    def for_language(self, lang: str) -> list[Change]:
        return [c for c in self.changes if c.lang in ("", lang)]


class Commit(NamedTuple):
    date: str
    sha: str
    parent: str  # the first
    lines: dict[str, int]  # path -> changed lines (added plus deleted; 0 for a binary file)

    def versions(self, path: str, texts: dict[str, str | None]) -> tuple[str, str | None]:
        """The file's text before the commit ("" when it is new) and after (None if deleted)."""
        return texts[f"{self.parent}:{path}"] or "", texts[f"{self.sha}:{path}"]


def parse_log(text: str) -> list[Commit]:
    """Every commit with a parent in ``git log --numstat``'s output, run with
    ``--format=%x1ecommit %H %P%n%cI``."""
    commits = []
    for block in text.split("\x1ecommit ")[1:]:
        head, date, *lines = block.splitlines()
        sha, *parents = head.split()
        counts = {}
        for line in lines:
            if line.count("\t") == 2:
                added, deleted, path = line.split("\t")
                counts[path] = int(added) + int(deleted) if added.isdigit() else 0
        if parents:  # a commit without parent is the baseline
            commits.append(Commit(date.strip(), sha, parents[0], counts))
    return commits


def read_texts(root: Path, names: set[str]) -> dict[str, str | None]:
    """The text of every ``commit:path``, from one ``git cat-file --batch``; None for a file
    that is not there."""
    wanted = sorted(names)
    request = "".join(f"{name}\n" for name in wanted).encode()
    out = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, check=False
    ).stdout
    texts: dict[str, str | None] = dict.fromkeys(names)
    at = 0
    for name in wanted:
        end = out.index(b"\n", at)
        header = out[at:end]
        at = end + 1
        if not header.endswith(b" missing"):  # else "<sha> blob <size>", then the content
            size = int(header.rsplit(maxsplit=1)[1])
            texts[name] = out[at : at + size].decode("utf-8", errors="replace")
            at += size + 1  # the newline after each object
    return texts


@lru_cache(maxsize=1024)  # one parse per version of a file
def catalogue_entries(text: str) -> dict[str, dict] | None:
    """id -> {name, status, former_ids} of one data/resources/*.yaml version ({} for no file);
    None if it is not YAML."""
    try:
        data = yaml.load(text, Loader=LOADER) if text else None
    except yaml.YAMLError:
        return None
    found: dict[str, dict] = {}
    for entry in listed(data):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            tags = entry["tags"] if isinstance(entry.get("tags"), dict) else {}
            found[entry["id"]] = {
                "name": str(entry.get("name", entry["id"])),
                "status": str(tags.get("status", "")),
                "former_ids": [str(i) for i in listed(entry.get("former_ids"))],
            }
    return found


def since_items(text: str) -> list[str]:
    """Bold titles of the list items in a page's "Since the survey" boxes (``!!! since``),
    without a closing full stop (``.`` or ``。``): the feed's line goes on after them."""
    items = (item for _, box in markdown_reader.since_boxes(text) for _, item in box)
    titles = (SINCE_TITLE_RE.match(item) for item in items)
    return [title["title"].rstrip(".。").strip() for title in titles if title]


def since_key(title: str) -> str:
    """An item's title as compared between versions: without its trailing parenthetical, so a
    re-dated item is not announced again."""
    return TRAILING_PAREN_RE.sub("", title)


def page_title(text: str, page: str) -> str:
    """Front matter ``title``, else the first ``# `` heading, else the file name."""
    meta, body, _ = markdown_reader.split_page(text)
    h1 = next((h.text for h in markdown_reader.headings(body) if h.level == 1), "")
    return str(meta.get("title") or "") or h1 or page


def _catalogue_changes(commit: Commit, texts: dict[str, str | None]) -> Iterator[Change]:
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    for path in commit.lines:
        if path.startswith(CATALOGUE_DIR) and path.endswith(".yaml"):
            old_text, new_text = commit.versions(path, texts)
            old, new = catalogue_entries(old_text), catalogue_entries(new_text or "")
            if old is None or new is None:
                return  # a broken version on either side: nothing reliable to compare
            before.update(old)
            after.update(new)
    renamed = {old for entry in after.values() for old in entry["former_ids"]}
    at = (commit.date, commit.sha)
    for rid, entry in after.items():
        # the entry's version before the commit, under its id or one it had (renamed now)
        was = next((i for i in [rid, *entry["former_ids"]] if i in before), None)
        if was is None:
            yield Change(*at, "added", rid, entry["name"])
            continue
        old, new = before[was]["status"], entry["status"]
        if old and new and old != new:
            yield Change(*at, "status", rid, entry["name"], old=old, new=new)
    for rid, entry in before.items():
        if rid not in after and rid not in renamed:
            yield Change(*at, "retired", rid, entry["name"])


def changed_lines(old: str, new: str) -> int:
    """Lines added plus deleted from ``old`` to ``new`` (as ``git --numstat`` counts them, give
    or take how a diff is aligned)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    opcodes = matcher.get_opcodes()
    return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in opcodes if tag != "equal")


def similarity(old: str, new: str) -> float:
    """The share of their text lines two pages have in common, 0 to 1: blank lines and front
    matter left out, which any two pages share."""
    a, b = (
        [line for line in markdown_reader.split_page(text)[1].splitlines() if line.strip()]
        for text in (old, new)
    )
    total = len(a) + len(b)
    return 1 - changed_lines("\n".join(a), "\n".join(b)) / total if total else 1.0


def page_moves(commit: Commit, texts: dict[str, str | None], prefix: str) -> dict[str, str]:
    """new path -> old path of each page under ``prefix`` the commit moved: a new file that a
    deleted one had the URL of (a/index.md -> a.md), or at least half the text of (git's own
    threshold for a rename)."""
    pages = [p for p in commit.lines if p.startswith(prefix) and p.endswith(".md")]
    deleted = [p for p in pages if commit.versions(p, texts)[1] is None]
    moves = {}
    for path in pages:
        old_text, new_text = commit.versions(path, texts)
        if old_text or new_text is None:
            continue
        same_url = [p for p in deleted if page_url(p) == page_url(path)]
        similar = [p for p in deleted if similarity(commit.versions(p, texts)[0], new_text) >= 0.5]
        moved_from = next(iter(same_url + similar), None)
        if moved_from:
            moves[path] = moved_from
            deleted.remove(moved_from)
    return moves


def _page_changes(
    commit: Commit, texts: dict[str, str | None], lang: str, moves: dict[str, str]
) -> Iterator[Change]:
    prefix = f"{DOCS_DIR}{lang}/"
    for path in [p for p in commit.lines if p.startswith(prefix) and p.endswith(".md")]:
        lines = commit.lines[path]
        old_text, new_text = commit.versions(path, texts)
        if new_text is None:  # deleted
            continue
        page = path.removeprefix(prefix)
        moved_from = moves.get(path)
        if moved_from:
            old_text = commit.versions(moved_from, texts)[0]
            lines = changed_lines(old_text, new_text)
        title = page_title(new_text, page)
        at = (commit.date, commit.sha)
        known = {since_key(item) for item in since_items(old_text)}
        for item in since_items(new_text):
            if since_key(item) not in known:
                yield Change(*at, "since", page, title, lang=lang, item=item)
        length = new_text.count("\n") + (0 if new_text.endswith("\n") or not new_text else 1)
        if not old_text:
            yield Change(*at, "new_page", page, title, lang=lang)
        elif lines >= max(REVISED_MIN_LINES, REVISED_SHARE * length):
            yield Change(*at, "revised", page, title, lang=lang)


def read_history(root: Path = ROOT) -> History:
    """Every change on HEAD's first-parent line, newest first (by time, whatever each date's
    offset), read now (``history`` caches)."""
    log = git(*LOG_ARGS.split(), "--format=%x1ecommit %H %P%n%cI", "--", *WATCHED, cwd=root)
    if log is None:  # no git, no repository or no commit yet
        return History()
    commits = parse_log(log)
    names = {f"{rev}:{path}" for c in commits for path in c.lines for rev in (c.parent, c.sha)}
    texts = read_texts(root, names)
    found: list[Change] = []
    later: dict[str, str] = {}  # docs/<lang>/<page> -> its file today, after the moves seen
    for commit in commits:  # newest first
        found += _catalogue_changes(commit, texts)
        for lang in LANGUAGES:
            prefix = f"{DOCS_DIR}{lang}/"
            moves = page_moves(commit, texts, prefix)
            for change in _page_changes(commit, texts, lang, moves):
                today = later.get(prefix + change.subject, prefix + change.subject)
                page = today.removeprefix(prefix) if (root / today).is_file() else ""
                name = change.name
                if page and name == change.subject:  # that version's front matter did not read
                    name = page_title((root / today).read_text(encoding="utf-8"), page)
                found.append(replace(change, page=page, name=name))
            for new, old in moves.items():
                later[old] = later.get(new, new)
    shallow = (git("rev-parse", "--is-shallow-repository", cwd=root) or "").strip() == "true"
    # the baseline is where HEAD's first-parent line stops, not a merged branch's cut-off root
    baseline = git("log", "--first-parent", "--max-parents=0", "--format=%cI", "HEAD", cwd=root)
    return History(
        changes=tuple(sorted(found, key=lambda c: dt.datetime.fromisoformat(c.date), reverse=True)),
        available=True,
        shallow=shallow,
        since=(baseline or "").strip() if shallow else "",
    )


def history(root: Path = ROOT) -> History:
    """The committed history of ``root`` (uncommitted edits appear once committed), read once
    per HEAD and process (both language builds share it)."""
    return _history_at(root, (git("rev-parse", "HEAD", cwd=root) or "").strip())


@lru_cache(maxsize=2)
def _history_at(root: Path, head: str) -> History:
    """``read_history`` kept per ``root`` and ``head``, HEAD's commit (the cache key only)."""
    del head
    return read_history(root)


# --- As words and links: the feeds and What's new -------------------------------------------------


def status_label(value: str, lang: str) -> str:
    try:
        return resources.label("status", value, lang)
    except KeyError:  # a status an older schema had
        return value


def change_text(change: Change, lang: str) -> str:
    """One line saying what changed, in ``lang`` (each kind's text names the fields it shows)."""
    old, new = status_label(change.old, lang), status_label(change.new, lang)
    return ui.text(f"changes.{change.kind}", lang).format(
        name=change.name, page=change.name, item=change.item, old=old, new=new
    )


def change_target(change: Change, catalogue: Catalogue) -> tuple[str, str]:
    """(page, anchor) where a change is seen, inside the language: a page (under its file of
    today; ("", "") when the page is gone), or the entry's row on All resources (under its id of
    today; the list's top when the entry is gone)."""
    if change.lang:
        return change.page, ""
    today = catalogue.get(change.subject)
    return CATALOGUE_PAGE, f"#res-{today.id}" if today else ""


def feed_xml(
    history: History,
    lang: str,
    site_url: str,
    site_name: str,
    default: str,
    built: dt.date,
    catalogue: Catalogue,
) -> bytes:
    """The Atom feed of one language, newest change first; entries link into ``catalogue``."""
    root = site_url.rstrip("/") + "/" + ("" if lang == default else f"{lang}/")
    changes = history.for_language(lang)[:FEED_LIMIT]
    feed = FeedGenerator()
    feed.id(root + FEED_FILE)
    feed.title(ui.text("changes.feed_title", lang).format(site=site_name))
    feed.author({"name": ui.text("cite.authors", lang)})
    feed.link(href=root + FEED_FILE, rel="self", type="application/atom+xml")
    feed.link(href=root + page_url(WHATS_NEW), rel="alternate", type="text/html", hreflang=lang)
    feed.language(lang)
    feed.rights("CC BY 4.0")
    if history.shallow and history.since:
        feed.subtitle(ui.text("changes.shallow", lang).format(date=history.since[:10]))
    elif not history.available:
        feed.subtitle(ui.text("changes.empty", lang))
    start_of_build = dt.datetime.combine(built, dt.time(), tzinfo=dt.UTC)
    feed.updated(dt.datetime.fromisoformat(changes[0].date) if changes else start_of_build)
    for change in reversed(changes):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(root + page_url(WHATS_NEW) + "#" + change.id)
        entry.title(change_text(change, lang))
        page, anchor = change_target(change, catalogue)
        # an Atom entry without content needs a link: a gone page's change links its own line
        href = root + (page_url(page) + anchor if page else page_url(WHATS_NEW) + "#" + change.id)
        entry.link(href=href, rel="alternate", hreflang=lang)
        entry.published(dt.datetime.fromisoformat(change.date))
        entry.updated(dt.datetime.fromisoformat(change.date))
    return feed.atom_str(pretty=True)


def utc_day(change: Change) -> str:
    """The change's day in UTC: the list is in time order, which local days need not follow."""
    return dt.datetime.fromisoformat(change.date).astimezone(dt.UTC).date().isoformat()


def render_page_list(history: History, p: Page) -> str:
    """The What's new page's list (raw HTML with links relative to the page)."""
    changes = history.for_language(p.lang)[:PAGE_LIMIT]
    return render_template(
        "exports/changes.html",
        days=[(day, list(items)) for day, items in groupby(changes, utc_day)],
        lang=p.lang,
        page=p.page,
        text=lambda change: change_text(change, p.lang),
        target=lambda change: change_target(change, p.data.catalogue),
        feed="../" * page_url(p.page).count("/") + FEED_FILE,  # at the language's root
        shallow=history.since[:10] if history.shallow else "",
        available=history.available,
    )

"""What changed on the site, read from the git history: the source of the Atom feeds and the
"What's new" pages. Nothing here is written by hand.

The history read is the first-parent line of HEAD (``git log --first-parent``): on main a merged
branch is one change, dated when it landed, which is when readers saw it. For each such commit
that touched ``data/resources/`` or ``docs/``, the files it changed are compared with its first
parent's versions:

- catalogue (both languages): an id that appears is a new entry; an id that disappears (and is
  not kept as another entry's ``former_ids``) is a retired one; a ``tags.status`` that differs is
  a status change. A commit where either side of a changed file is not YAML is skipped (the
  build checks today's data; an old broken version must not invent changes);
- "Since the survey" boxes (``!!! since`` in a page of that language): a bold item title that
  was not in the page before is a new item;
- pages of that language: a new page, or one whose commit changed (added plus deleted) at least
  ``REVISED_MIN_LINES`` lines and ``REVISED_SHARE`` of its length, is a substantial revision.

A commit without a parent is the baseline, never a change: the first commit of the repository,
or, in a shallow clone (CI often fetches one commit), the oldest commit fetched. The feeds then
list only what changed after that commit (with one commit, nothing), and ``History.shallow``
says so, with the date from which changes are known. Without git, the history is empty.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from scripts.data.site_paths import ROOT
from scripts.exports.cite_page import git

CATALOGUE_DIR = "data/resources/"
DOCS_DIR = "docs/"
REVISED_MIN_LINES = 30
REVISED_SHARE = 0.15
COMMIT_LINE = "\x1ecommit "
SINCE_START_RE = re.compile(r"^!!! since\b")
SINCE_ITEM_RE = re.compile(r"^ {4}- \*\*(?P<title>.+?)\*\*")
TITLE_RE = re.compile(r"^title:\s*(?P<title>.+?)\s*$", re.M)


@dataclass(frozen=True)
class Change:
    """One dated change a reader cares about. ``kind``: added, retired, status, since, revised,
    new_page. ``subject`` is a resource id or a page inside the language (``about.md``)."""

    date: str  # ISO 8601 committer date
    commit: str
    kind: str
    subject: str
    name: str  # the resource's name, the page's title
    lang: str = ""  # "" for catalogue changes (both languages)
    old: str = ""
    new: str = ""
    item: str = ""  # a "Since the survey" item's title

    @property
    def id(self) -> str:
        """Stable and unique: the commit, the kind and a hash of what changed (item titles
        are often Chinese, which a slug would drop)."""
        digest = hashlib.sha1(f"{self.subject}\n{self.item}".encode()).hexdigest()[:10]
        return f"c-{self.commit[:12]}-{self.kind}-{digest}"


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...] = ()
    available: bool = False  # False outside git
    shallow: bool = False
    since: str = ""  # date of the baseline commit in a shallow clone
    head_date: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def for_language(self, lang: str) -> list[Change]:
        return [c for c in self.changes if c.lang in ("", lang)]


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R…
    old_blob: str
    new_blob: str
    path: str
    added: int = 0
    deleted: int = 0


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    date: str
    files: tuple[FileChange, ...]


ZERO = "0" * 40
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 30 times faster
H1_RE = re.compile(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?\s*$", re.M)


def parse_log(text: str) -> list[Commit]:
    """Parse ``git log --raw --numstat --no-abbrev --format=%x1ecommit %H %P%n%cI``."""
    commits: list[Commit] = []
    for block in text.split(COMMIT_LINE)[1:]:
        lines = block.splitlines()
        shas = lines[0].split()
        date = lines[1].strip()
        raw: dict[str, FileChange] = {}
        counts: dict[str, tuple[int, int]] = {}
        for line in lines[2:]:
            if line.startswith(":"):
                meta, _, paths = line.partition("\t")
                parts = meta.split()
                path = paths.split("\t")[-1]
                raw[path] = FileChange(parts[4][0], parts[2], parts[3], path)
            elif "\t" in line:
                added, deleted, path = line.split("\t", 2)
                if added.isdigit() and deleted.isdigit():
                    counts[path.split(" => ")[-1].rstrip("}")] = (int(added), int(deleted))
        files = tuple(
            FileChange(f.status, f.old_blob, f.new_blob, f.path, *counts.get(f.path, (0, 0)))
            for f in raw.values()
        )
        commits.append(Commit(shas[0], tuple(shas[1:]), date, files))
    return commits


class Blobs:
    """Reads blobs through one ``git cat-file --batch`` process."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.cache: dict[str, str] = {}
        self.parsed_cache: dict[str, Any] = {}

    def text(self, blob: str) -> str:
        if blob == ZERO:
            return ""
        if blob not in self.cache:
            assert self.process.stdin is not None and self.process.stdout is not None
            self.process.stdin.write(blob.encode() + b"\n")
            self.process.stdin.flush()
            header = self.process.stdout.readline().split()
            if len(header) < 3 or header[1] == b"missing":
                self.cache[blob] = ""
            else:
                body = self.process.stdout.read(int(header[2]))
                self.process.stdout.read(1)  # the newline after each object
                self.cache[blob] = body.decode("utf-8", errors="replace")
        return self.cache[blob]

    def parsed(self, blob: str, parse: Callable[[str], Any]) -> Any:
        """``parse(text)`` of a blob, once per blob."""
        key = f"{blob}:{parse.__name__}"
        if key not in self.parsed_cache:
            self.parsed_cache[key] = parse(self.text(blob))
        return self.parsed_cache[key]

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)


# --- What a file says --------------------------------------------------------------------------


def catalogue_entries(text: str) -> dict[str, dict] | None:
    """id -> {name, status, former_ids} of one data/resources/*.yaml version ({} for no file);
    None if it is not YAML (an old, broken version is no reason to stop the build)."""
    try:
        data = yaml.load(text, Loader=LOADER) if text else None
    except yaml.YAMLError:
        return None
    found: dict[str, dict] = {}
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            tags = entry["tags"] if isinstance(entry.get("tags"), dict) else {}
            found[entry["id"]] = {
                "name": str(entry.get("name", entry["id"])),
                "status": str(tags.get("status", "")),
                "former_ids": [str(i) for i in entry.get("former_ids") or []],
            }
    return found


def since_items(text: str) -> list[str]:
    """Bold titles of the list items in a page's "Since the survey" boxes (``!!! since``)."""
    items: list[str] = []
    inside = False
    for line in text.splitlines():
        if SINCE_START_RE.match(line):
            inside = True
            continue
        if inside and line.strip() and not line.startswith("    "):
            inside = False
        match = SINCE_ITEM_RE.match(line) if inside else None
        if match:
            items.append(match["title"].rstrip(".").strip())
    return items


def page_title(text: str, page: str) -> str:
    """Front matter ``title``, else the first ``# `` heading, else the file name."""
    match = TITLE_RE.search(text.split("\n---", 1)[0]) if text.startswith("---") else None
    match = match or H1_RE.search(text)
    return match["title"].strip("\"'") if match else page


def line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


# --- From commits to changes -------------------------------------------------------------------


def commit_changes(commit: Commit, blobs: Blobs, languages: tuple[str, ...]) -> Iterator[Change]:
    yield from _catalogue_changes(commit, blobs)
    for lang in languages:
        yield from _page_changes(commit, blobs, lang)


def _catalogue_changes(commit: Commit, blobs: Blobs) -> Iterator[Change]:
    files = [
        f for f in commit.files if f.path.startswith(CATALOGUE_DIR) and f.path.endswith(".yaml")
    ]
    if not files:
        return
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    for f in files:
        old, new = (
            blobs.parsed(f.old_blob, catalogue_entries),
            blobs.parsed(f.new_blob, catalogue_entries),
        )
        if old is None or new is None:
            return  # a broken version on either side: nothing reliable to compare
        before.update(old)
        after.update(new)
    renamed = {old for entry in after.values() for old in entry["former_ids"]}
    for rid, entry in after.items():
        if rid in before:
            old, new = before[rid]["status"], entry["status"]
            if old and new and old != new:
                yield Change(
                    commit.date, commit.sha, "status", rid, entry["name"], old=old, new=new
                )
        elif not set(entry["former_ids"]) & set(before):
            yield Change(commit.date, commit.sha, "added", rid, entry["name"])
    for rid, entry in before.items():
        if rid not in after and rid not in renamed:
            yield Change(commit.date, commit.sha, "retired", rid, entry["name"])


def _page_changes(commit: Commit, blobs: Blobs, lang: str) -> Iterator[Change]:
    prefix = f"{DOCS_DIR}{lang}/"
    for f in commit.files:
        if not (f.path.startswith(prefix) and f.path.endswith(".md")) or f.status == "D":
            continue
        page = f.path[len(prefix) :]
        new_text, old_text = blobs.text(f.new_blob), blobs.text(f.old_blob)
        title = page_title(new_text, page)
        for item in since_items(new_text):
            if item not in since_items(old_text):
                yield Change(commit.date, commit.sha, "since", page, title, lang=lang, item=item)
        if f.status == "A" or not old_text:
            yield Change(commit.date, commit.sha, "new_page", page, title, lang=lang)
        elif f.added + f.deleted >= max(REVISED_MIN_LINES, REVISED_SHARE * line_count(new_text)):
            yield Change(commit.date, commit.sha, "revised", page, title, lang=lang)


def read_history(root: Path = ROOT, languages: tuple[str, ...] = ("en", "zh")) -> History:
    """Every change on HEAD's first-parent line, newest first."""
    head = git("log", "-1", "--format=%cI", cwd=root)
    if head is None:
        return History(notes=("no git repository: the feeds have no entries",))
    log = git(
        "-c",
        "core.quotepath=off",
        "log",
        "--first-parent",
        "-m",  # a merge's files against its first parent
        "--raw",
        "--numstat",
        "--no-abbrev",
        "--no-renames",
        "--format=%x1ecommit %H %P%n%cI",
        "--",
        CATALOGUE_DIR,
        DOCS_DIR,
        cwd=root,
    )
    commits = parse_log(log or "")
    shallow = (git("rev-parse", "--is-shallow-repository", cwd=root) or "").strip() == "true"
    oldest = git("log", "--max-parents=0", "--format=%cI", "HEAD", cwd=root) or ""
    since = oldest.split("\n")[0].strip()
    blobs = Blobs(root)
    try:
        changes = [
            change
            for commit in commits
            if commit.parents
            for change in commit_changes(commit, blobs, languages)
        ]
    finally:
        blobs.close()
    return History(
        changes=tuple(sorted(changes, key=lambda c: c.date, reverse=True)),
        available=True,
        shallow=shallow,
        since=since if shallow else "",
        head_date=head.strip(),
    )


@lru_cache(maxsize=2)
def cached_history(root: Path, head: str) -> History:
    """One reading per HEAD and process (both language builds share it)."""
    return read_history(root)


def history(root: Path = ROOT) -> History:
    """The history of ``root`` (uncommitted edits are not history yet: they appear once
    committed)."""
    return cached_history(root, (git("rev-parse", "HEAD", cwd=root) or "").strip())

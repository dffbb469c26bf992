"""Resource catalogue: load and validate data/resources/*.yaml (scripts/render/catalogue.py
renders it).

Each file ``data/resources/<category>.yaml`` is a list of resources; its name is the category.
``data/schema/resource.schema.json`` holds the structural rules (editors use it for completion)
and the English/Chinese labels of every tag value. This module adds what a schema cannot say:
line numbers, ids unique across files, URL hosts, and the file name as category.

CLI:
    python -m scripts resources check [PATH ...]    every problem as ``path:line: field: problem``
    python -m scripts resources stats [PATH ...]    number of resources per category

Public API used by the build: ``load_catalogue``, ``problems``.

What the fields mean (the schema has the full list):

- ``tags.status`` takes its value from one of two sets, chosen by the kind (the schema's
  ``status`` definition, which the catalogue page renders): maintained resources are active,
  maintenance, archived or dead; finished works are finished, superseded, withdrawn or dead. A
  move never changes it. Where the resource lives is ``url`` now, ``survey_url`` as the survey or
  its seeds printed it, ``former_urls`` in between; ``former_ids`` keep renamed ids resolvable.
- ``review`` is a review a person made: its date and every source read (a page, a repository at
  a commit, an issue), each with what it established. Pages show the date only with its sources.
- Machine facts (the date a link was last fetched, its HTTP status and final URL, GitHub facts)
  live only in ``data/resources/facts.json``, written by ``make linkcheck-external``
  (scripts/links/github_facts.py) and never by hand. ``Catalogue.facts`` holds them per id; a
  "checked" date exists only for an address that check really fetched.
- Reachability from mainland China is recorded per host in ``data/access.yaml``
  (``Catalogue.access``, validated with data/schema/access.schema.json). An entry inherits the
  records of the host of its ``url`` and of its ``access_hosts``; its own ``cn_access`` overrides
  the level. ``mirrors`` (the same content elsewhere) and ``alternatives`` (a different service
  that does the job, on the entry or on a host record) are shown beside it on the Chinese pages.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.data import datafile
from scripts.data.datafile import Problem, line_of, problem_at, shown

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "data" / "resources"
SCHEMA_PATH = ROOT / "data" / "schema" / "resource.schema.json"
ACCESS_FILE = "access.yaml"  # beside the resources folder: data/access.yaml
ACCESS_SCHEMA_PATH = ROOT / "data" / "schema" / "access.schema.json"
# Severity of access levels when an entry inherits several host records: the worst one counts.
ACCESS_SEVERITY = {"ok": 0, "unknown": 1, "slow": 2, "blocked": 3}
SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json"

FACTS_FILE = "facts.json"  # beside the YAML files; written only by scripts/links/github_facts.py
GITHUB_REPO_RE = re.compile(
    r"^https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+)/?$"
)

HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
TLD_RE = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]+)$")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
# A note that states freshness ("no changes since 2021", "still maintained", "last updated",
# "on hiatus since") must say when that was true: "as of 2026-12-07", "as read in 2026-12",
# "截至 2026-12-07". A bare "since 2025" is history, not freshness, and is not matched.
FRESHNESS_RE = re.compile(
    r"\b(no (?:new |further )?(?:changes?|commits?|updates?)"
    r"|(?:has|have|had) (?:not|never) (?:been )?(?:changed|updated)|unchanged"
    r"|last (?:updated|changed|extended|commit)"
    r"|still (?:maintained|developed|updated|active|online|available|public|on|loads?|works?|kept)"
    r"|(?:on hiatus|frozen|inactive|dormant) since)\b",
    re.IGNORECASE,
)
AS_OF_EN_RE = re.compile(
    r"\b(as of|as read in|as at|checked (?:on|in))\s+(?:\d{1,2}\s+)?(?:[a-z]+\s+)?\d{4}",
    re.IGNORECASE,
)
# "as of" in Chinese (jie zhi <date>), or "<year> nian <month> yue" followed by "read".
AS_OF_ZH_RE = re.compile(
    r"\u622a\u81f3\s*\d{4}"
    r"|\d{4}(?:-\d{2}|\s*\u5e74\s*\d{1,2}\s*\u6708).{0,6}"
    r"(?:\u67e5\u9605|\u67e5\u770b|\u6838\u5bf9|\u68c0\u67e5|\u6240\u89c1)"
)
# Claims that the survey recommends an entry; they need the address the survey printed.
SURVEY_CLAIM_RE = re.compile(
    r"\bsurvey (?:also )?(?:points|recommends|recommended|linked|links|suggests|lists)\b"
    r"|\u7efc\u8ff0(?:\u4e5f)?(?:\u63a8\u8350|\u6307\u5411|\u5217\u51fa|\u94fe\u63a5)",
    re.IGNORECASE,
)

# --- Data model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """The same text in both site languages."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def from_yaml(cls, value: Mapping[str, Any]) -> Text:
        """``{en: ..., zh: ...}`` as read from a data file, trimmed."""
        return cls(en=str(value["en"]).strip(), zh=str(value["zh"]).strip())


@dataclass(frozen=True)
class EnglishFirst:
    """Text written in English, with a Chinese version where the record has one."""

    en: str
    zh: str | None = None

    def lang(self, lang: str) -> str:
        """The language :meth:`get` answers in: the page's, or English as the fallback."""
        return "zh" if lang == "zh" and self.zh else "en"

    def get(self, lang: str) -> str:
        return self.zh if self.lang(lang) == "zh" and self.zh else self.en

    @classmethod
    def from_yaml(cls, value: Mapping[str, Any]) -> EnglishFirst:
        zh = value.get("zh")
        return cls(en=str(value["en"]).strip(), zh=str(zh).strip() if zh else None)


@dataclass(frozen=True)
class Source:
    """One piece of evidence a person read: a page, a repository at a commit, or an issue."""

    established: EnglishFirst
    url: str | None = None
    repo: str | None = None
    commit: str | None = None
    issue: str | None = None
    date: str | None = None

    @property
    def href(self) -> str:
        """Where a reader follows it: the page, the commit's tree, or the issue thread."""
        if self.url:
            return self.url
        if self.repo and self.commit:
            return f"https://github.com/{self.repo}/tree/{self.commit}"
        repo, _, number = str(self.issue).partition("#")
        return f"https://github.com/{repo}/issues/{number}"  # GitHub redirects a PR number

    @property
    def label(self) -> str:
        if self.url:
            return self.url
        if self.repo and self.commit:
            return f"{self.repo}@{self.commit[:7]}"
        return str(self.issue)

    @classmethod
    def from_yaml(cls, value: Mapping[str, Any]) -> Source:
        def optional(key: str) -> str | None:
            return str(value[key]).strip() if value.get(key) is not None else None

        return cls(
            established=EnglishFirst.from_yaml(value["established"]),
            url=optional("url"),
            repo=optional("repo"),
            commit=optional("commit"),
            issue=optional("issue"),
            date=optional("date"),
        )


@dataclass(frozen=True)
class Review:
    """A review a person made: the day, and every source read (never empty)."""

    date: str
    sources: tuple[Source, ...]
    note: EnglishFirst | None = None


@dataclass(frozen=True)
class Alternative:
    """A different service that does the job (a catalogue ``id``, or ``name`` and ``url``)."""

    note: Text
    id: str | None = None
    name: str | None = None
    url: str | None = None
    sources: tuple[Source, ...] = ()

    @classmethod
    def from_yaml(cls, value: Mapping[str, Any]) -> Alternative:
        return cls(
            note=Text.from_yaml(value["note"]),
            id=str(value["id"]) if value.get("id") else None,
            name=str(value["name"]).strip() if value.get("name") else None,
            url=str(value["url"]).strip() if value.get("url") else None,
            sources=tuple(Source.from_yaml(s) for s in value.get("sources") or ()),
        )


@dataclass(frozen=True)
class HostAccess:
    """One record of data/access.yaml: how well its hosts can be reached from mainland China."""

    hosts: tuple[str, ...]
    level: str
    note: Text
    source: str
    line: int
    as_of: str | None = None
    sources: tuple[Source, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    mirrored: bool = False

    def specificity(self, host: str) -> int | None:
        """How closely the record names ``host`` (higher is closer), or None if it does not."""
        best = None
        for pattern in self.hosts:
            if pattern == host:
                return 10_000
            if pattern.startswith("*.") and (host == pattern[2:] or host.endswith(pattern[1:])):
                best = max(best or 0, len(pattern))
        return best


@dataclass(frozen=True)
class EntryAccess:
    """What an entry inherits from its hosts' records; its own ``cn_access`` sets the level."""

    level: str
    records: tuple[HostAccess, ...]
    own: CnAccess | None = None

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        return tuple(alt for record in self.records for alt in record.alternatives)


@dataclass(frozen=True)
class Mirror:
    """Another place to reach the same resource; ``official`` when the project runs it."""

    name: str
    url: str
    official: bool
    note: Text | None = None


@dataclass(frozen=True)
class CnAccess:
    """Reachability from mainland China (``ok``, ``slow``, ``blocked``) and its source."""

    level: str
    source: Text


@dataclass(frozen=True)
class Resource:
    """One validated catalogue entry; ``source`` and ``line`` say where it is written.

    ``status`` says whether the resource is looked after; where it lives is ``url`` now,
    ``survey_url`` as the survey printed it and ``former_urls`` in between. ``review`` is what a
    person read against sources, with those sources; machine checks live in facts.json.
    """

    id: str
    name: str
    url: str
    description: Text
    data: tuple[str, ...]
    level: str
    kind: str
    status: str
    category: str
    source: str
    line: int
    domain: tuple[str, ...] = ("any",)
    survey_url: str | None = None
    former_urls: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    repository: str | None = None
    review: Review | None = None
    note: Text | None = None
    cn_access: CnAccess | None = None
    mirrors: tuple[Mirror, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    access_hosts: tuple[str, ...] = ()
    # (field as in messages, line): where each address is written, e.g. ("mirrors[0].url", 12)
    url_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, name: str) -> int:
        """The line a field (``url``, ``mirrors[0].url``) is written on, else the entry's."""
        return dict(self.url_lines).get(name, self.line)

    @property
    def hosts(self) -> tuple[str, ...]:
        """The host of ``url`` and the ``access_hosts``: whose access records apply."""
        host = (urlsplit(self.url).hostname or "").lower()
        return tuple(dict.fromkeys([host, *self.access_hosts]))

    @property
    def published_urls(self) -> tuple[tuple[str, str], ...]:
        """(field, URL) of every address the site publishes for this entry as a link: url,
        repository, mirrors and the entry's own alternatives (host alternatives are on the
        host records). ``former_urls`` and ``survey_url`` are shown as text, not links."""
        found = [("url", self.url)]
        if self.repository:
            found.append(("repository", self.repository))
        found += [(f"mirrors[{n}].url", mirror.url) for n, mirror in enumerate(self.mirrors)]
        found += [
            (f"alternatives[{n}].url", alt.url)
            for n, alt in enumerate(self.alternatives)
            if alt.url
        ]
        return tuple(found)

    @property
    def github_repo(self) -> str | None:
        """``owner/name`` of the GitHub repository behind the entry, if any."""
        for candidate in (self.repository, self.url):
            match = GITHUB_REPO_RE.match(candidate or "")
            if match:
                return f"{match['owner']}/{match['name']}"
        return None

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every address the entry is known by: current, survey and former."""
        found = [self.url, *([self.survey_url] if self.survey_url else []), *self.former_urls]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Catalogue:
    """Every valid resource (in category order, then file order) and every problem found."""

    entries: tuple[Resource, ...]
    problems: tuple[str, ...]
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    access: tuple[HostAccess, ...] = ()

    def host_record(self, host: str) -> HostAccess | None:
        """The most specific record of data/access.yaml that covers ``host``."""
        scored: list[tuple[int, HostAccess]] = []
        for record in self.access:
            score = record.specificity(host)
            if score is not None:
                scored.append((score, record))
        return max(scored, key=lambda pair: pair[0])[1] if scored else None

    def access_of(self, entry: Resource) -> EntryAccess | None:
        """The access an entry inherits from its hosts (the worst level counts), with its own
        ``cn_access`` overriding the level; None when nothing is recorded."""
        records = tuple(
            dict.fromkeys(r for r in map(self.host_record, entry.hosts) if r is not None)
        )
        if entry.cn_access is not None:
            return EntryAccess(entry.cn_access.level, records, entry.cn_access)
        if not records:
            return None
        level = max((r.level for r in records), key=lambda level: ACCESS_SEVERITY[level])
        return EntryAccess(level, records)

    def in_category(self, category: str) -> tuple[Resource, ...]:
        return tuple(entry for entry in self.entries if entry.category == category)

    def get(self, resource_id: str) -> Resource | None:
        """The entry with this id, or with this id among its ``former_ids``."""
        for entry in self.entries:
            if entry.id == resource_id or resource_id in entry.former_ids:
                return entry
        return None


# --- Schema and vocabulary ----------------------------------------------------------------------


def schema() -> dict[str, Any]:
    return datafile.schema(SCHEMA_PATH)


def choices(group: str) -> tuple[str, ...]:
    """Allowed values of a tag group (or ``category``) in the schema's order."""
    return tuple(schema()["$defs"][group]["enum"])


def label(group: str, value: str, lang: str) -> str:
    """Display name of a tag value (or category) from the schema's ``x-labels``."""
    return schema()["$defs"][group]["x-labels"][value][lang]


def status_set(kind: str, status: str) -> str:
    """Which value set an entry's status comes from: "finished" for finished works (kinds
    publication and event, and a book, tutorial or course whose status is a finished-work
    value), else "maintained". ``dead`` is in both; for the either-kinds it counts as maintained."""
    kinds = schema()["$defs"]["kind"]
    values = schema()["$defs"]["status"]
    if kind in kinds["x-finished-kinds"]:
        return "finished"
    if (
        kind in kinds["x-either-kinds"]
        and status in values["x-finished-values"]
        and status != "dead"
    ):
        return "finished"
    return "maintained"


def status_values(kind: str, status: str) -> tuple[str, ...]:
    """The status values an entry of this kind (and current status) may take."""
    values = schema()["$defs"]["status"]
    return tuple(values[f"x-{status_set(kind, status)}-values"])


def access_label(level: str, lang: str) -> str:
    """Display name of a reachability level (ok, slow, blocked, unknown) from access.schema.json."""
    return datafile.schema(ACCESS_SCHEMA_PATH)["$defs"]["level"]["x-labels"][level][lang]


def categories() -> tuple[str, ...]:
    return choices("category")


# --- Reading files ------------------------------------------------------------------------------


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    found: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not inside:
                found.append(Problem(shown(path), 1, "file", "no .yaml files here"))
            files.extend(inside)
        elif path.is_file():
            files.append(path)
        else:
            found.append(Problem(shown(path), 1, "file", "no such file or directory"))
    return files, found


def header_problems(path: Path, where: str) -> list[Problem]:
    """The schema comment editors need on the first line (an unreadable file is load_yaml's)."""
    try:
        with path.open(encoding="utf-8") as file:
            first = file.readline().strip()
    except (OSError, UnicodeDecodeError):
        return []
    if first == SCHEMA_HEADER:
        return []
    return [
        Problem(where, 1, "header", f"the first line must be '{SCHEMA_HEADER}' (editor completion)")
    ]


# --- Checks -------------------------------------------------------------------------------------


def check_url(url: str) -> str | None:
    """Why ``url`` is not an acceptable http(s) link, or ``None``."""
    if any(char.isspace() for char in url):
        return f"{url!r} contains whitespace"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"{url!r} is not a valid URL ({exc})"
    scheme = parts.scheme.lower()
    if not scheme:
        return f"{url!r} has no scheme (write 'https://...')"
    if scheme not in ("http", "https"):
        return f"{url!r} uses '{scheme}:'; only http and https links are allowed"
    netloc = parts.netloc
    if not netloc:
        return f"{url!r} has no host"
    if "@" in netloc:
        return f"{url!r} contains a user name; remove it"
    host, colon, port = netloc.partition(":")
    if colon and not port.isdigit():
        return f"{url!r} is not a valid URL (did you mean {netloc.replace(':', '.')!r}?)"
    if host != host.lower():
        return f"{url!r}: write the host in lowercase ({host.lower()!r})"
    labels = host.split(".")
    if (
        len(labels) < 2
        or not all(HOST_LABEL_RE.match(part) for part in labels)
        or not TLD_RE.match(labels[-1])
    ):
        return f"{url!r} is not a valid URL (malformed host {host!r})"
    return None


def is_link(url: str) -> bool:
    """Whether ``url`` may become a link on a page (http or https and well formed)."""
    return urlsplit(url).scheme.lower() in ("http", "https") and check_url(url) is None


def url_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}?{parts.query}"


def entry_problems(entry: Any, index: int, root: Any, where: str) -> list[Problem]:
    """Checks on one entry that the schema cannot express."""
    if not isinstance(entry, dict):
        return []
    found: list[Problem] = []

    def add(path: list[str | int], message: str) -> None:
        found.append(problem_at(where, root, [index, *path], message))

    for path, value in _entry_urls(entry):
        if isinstance(value, str) and value.strip():
            reason = check_url(value)
            if reason:
                add(path, reason)
    url = entry.get("url")
    former = entry.get("former_urls")
    if isinstance(former, list) and isinstance(url, str):
        for position, value in enumerate(former):
            if isinstance(value, str) and url_key(value) == url_key(url):
                add(["former_urls", position], "is the same as url; remove it from former_urls")
    repository = entry.get("repository")
    if isinstance(repository, str) and check_url(repository) is None:
        if not GITHUB_REPO_RE.match(repository):
            add(
                ["repository"],
                f"{repository!r} is not a GitHub repository address "
                "(write 'https://github.com/<owner>/<name>')",
            )
        elif isinstance(url, str) and GITHUB_REPO_RE.match(url):
            add(["repository"], "url is already a GitHub repository; remove repository")
    tags = entry.get("tags")
    data = tags.get("data") if isinstance(tags, dict) else None
    if isinstance(data, list) and "any" in data and len(data) > 1:
        add(["tags", "data"], "'any' cannot be combined with other data types")
    domain = tags.get("domain") if isinstance(tags, dict) else None
    if isinstance(domain, list) and "any" in domain and len(domain) > 1:
        add(["tags", "domain"], "'any' cannot be combined with other fields")
    for path, text in _entry_texts(entry):
        zh = text.get("zh") if isinstance(text, dict) else None
        if isinstance(zh, str) and zh.strip() and not CJK_RE.search(zh):
            add([*path, "zh"], "contains no Chinese characters; write the Chinese text")
    for lang, message in _freshness_problems(entry.get("note")):
        add(["note", lang], message)
    status = tags.get("status") if isinstance(tags, dict) else None
    if status == "dead" and isinstance(url, str):
        add_dead = _dead_url_problem(url, former if isinstance(former, list) else [])
        if add_dead:
            add(["url"], add_dead)
    if not entry.get("survey_url"):
        for key in ("description", "note"):
            text = entry.get(key)
            for lang in ("en", "zh"):
                value = text.get(lang) if isinstance(text, dict) else None
                claim = SURVEY_CLAIM_RE.search(value) if isinstance(value, str) else None
                if claim:
                    add(
                        [key, lang],
                        f"says the {claim[0]!r} but the entry has no survey_url; add the "
                        "address as the survey printed it (listed in tests/seed_urls.txt) or "
                        "drop the claim",
                    )
    return found


def _freshness_problems(note: Any) -> list[tuple[str, str]]:
    """A note that says how fresh the resource is ("no changes since 2021", "still
    maintained") must say when that was read: "as of 2026-12-07" (截至 2026-12-07)."""
    if not isinstance(note, dict) or not isinstance(note.get("en"), str):
        return []
    claim = FRESHNESS_RE.search(note["en"])
    if not claim:
        return []
    if not AS_OF_EN_RE.search(note["en"]):
        return [
            (
                "en",
                f"states freshness ({claim[0]!r}) without saying when: add an 'as of' date "
                "(as of 2026-12-07, as read in 2026-12) and back it with a review source",
            )
        ]
    zh = note.get("zh")
    if isinstance(zh, str) and CJK_RE.search(zh) and not AS_OF_ZH_RE.search(zh):
        message = "the English note is dated ('as of ...') but this one is not: add the date"
        return [("zh", message)]
    return []


def _dead_url_problem(url: str, former: list[Any]) -> str | None:
    """A dead entry must not keep the address that died as its link (it could be re-registered
    by someone else): url points at what survives and the dead address is in former_urls."""
    host = (urlsplit(url).hostname or "").lower()
    former_hosts = {
        (urlsplit(old).hostname or "").lower() for old in former if isinstance(old, str)
    }
    if not former_hosts:
        return (
            "status is dead but the dead address is still url: point url at what survives "
            "(the repository, a web.archive.org copy, a successor) and move the dead address "
            "into former_urls"
        )
    if host in former_hosts:
        return (
            f"status is dead but url is on {host}, the host of a former address: point url at "
            "what survives (the repository, a web.archive.org copy, a successor)"
        )
    return None


def _entry_urls(entry: dict[str, Any]) -> Iterator[tuple[list[str | int], Any]]:
    for key in ("url", "survey_url", "repository"):
        if key in entry:
            yield [key], entry[key]
    former = entry.get("former_urls")
    if isinstance(former, list):
        for position, value in enumerate(former):
            yield ["former_urls", position], value
    mirrors = entry.get("mirrors")
    if isinstance(mirrors, list):
        for position, mirror in enumerate(mirrors):
            if isinstance(mirror, dict) and "url" in mirror:
                yield ["mirrors", position, "url"], mirror["url"]
    alternatives = entry.get("alternatives")
    if isinstance(alternatives, list):
        for position, alternative in enumerate(alternatives):
            if isinstance(alternative, dict) and "url" in alternative:
                yield ["alternatives", position, "url"], alternative["url"]


def _entry_texts(entry: dict[str, Any]) -> Iterator[tuple[list[str | int], Any]]:
    for key in ("description", "note"):
        yield [key], entry.get(key)
    access = entry.get("cn_access")
    if isinstance(access, dict):
        yield ["cn_access", "source"], access.get("source")
    mirrors = entry.get("mirrors")
    if isinstance(mirrors, list):
        for position, mirror in enumerate(mirrors):
            if isinstance(mirror, dict):
                yield ["mirrors", position, "note"], mirror.get("note")
    alternatives = entry.get("alternatives")
    if isinstance(alternatives, list):
        for position, alternative in enumerate(alternatives):
            if isinstance(alternative, dict):
                yield ["alternatives", position, "note"], alternative.get("note")


def to_resource(entry: dict[str, Any], category: str, where: str, line: int) -> Resource:
    def optional(key: str) -> str | None:
        return str(entry[key]).strip() if key in entry else None

    tags = entry["tags"]
    access = entry.get("cn_access")
    return Resource(
        id=str(entry["id"]),
        name=str(entry["name"]).strip(),
        url=str(entry["url"]).strip(),
        description=Text.from_yaml(entry["description"]),
        data=tuple(str(value) for value in tags["data"]),
        domain=tuple(str(value) for value in tags["domain"]),
        level=str(tags["level"]),
        kind=str(tags["kind"]),
        status=str(tags["status"]),
        category=category,
        source=where,
        line=line,
        survey_url=optional("survey_url"),
        former_urls=tuple(str(url).strip() for url in entry.get("former_urls", ())),
        former_ids=tuple(str(value) for value in entry.get("former_ids", ())),
        repository=optional("repository"),
        review=Review(
            date=str(entry["review"]["date"]),
            sources=tuple(Source.from_yaml(s) for s in entry["review"]["sources"]),
            note=EnglishFirst.from_yaml(entry["review"]["note"])
            if entry["review"].get("note")
            else None,
        )
        if entry.get("review")
        else None,
        note=Text.from_yaml(entry["note"]) if "note" in entry else None,
        cn_access=CnAccess(str(access["level"]), Text.from_yaml(access["source"]))
        if access
        else None,
        mirrors=tuple(
            Mirror(
                name=str(mirror["name"]).strip(),
                url=str(mirror["url"]).strip(),
                official=bool(mirror["official"]),
                note=Text.from_yaml(mirror["note"]) if "note" in mirror else None,
            )
            for mirror in entry.get("mirrors", ())
        ),
        alternatives=tuple(Alternative.from_yaml(alt) for alt in entry.get("alternatives", ())),
        access_hosts=tuple(str(host) for host in entry.get("access_hosts", ())),
    )


def check_paths(paths: Sequence[Path]) -> tuple[list[Resource], list[Problem]]:
    """Validate files and directories together (ids and URLs must be unique across all of them)."""
    files, found = collect_files(paths)
    resources: list[Resource] = []
    first_id: dict[str, str] = {}
    first_url: dict[str, tuple[str, str]] = {}
    former_ids: list[tuple[str, str, int]] = []
    known = categories()
    for path in files:
        where = shown(path)
        category = path.stem
        if path.suffix != ".yaml":
            found.append(
                Problem(where, 1, "file", f"name it '{path.stem}.yaml' (use the .yaml suffix)")
            )
        if category not in known:
            found.append(
                Problem(
                    where,
                    1,
                    "file",
                    f"unknown category {category!r} (expected one of: {', '.join(known)})",
                )
            )
        found.extend(header_problems(path, where))
        data, unreadable = datafile.load_yaml(path)
        found.extend(unreadable)
        if data is None:
            continue
        structural = datafile.validate(data, SCHEMA_PATH)
        found.extend(problem_at(where, data, at, message) for at, message in structural)
        if not isinstance(data, list):
            continue
        broken = {at[0] for at, _ in structural if at and isinstance(at[0], int)}
        for index, entry in enumerate(data):
            found.extend(entry_problems(entry, index, data, where))
            if not isinstance(entry, dict):
                continue
            entry_id = entry.get("id")
            if isinstance(entry_id, str):
                here = f"{where}:{line_of(data, [index, 'id'])}"
                if entry_id in first_id:
                    found.append(
                        Problem(
                            where,
                            line_of(data, [index, "id"]),
                            "id",
                            f"duplicate id {entry_id!r} (first defined at {first_id[entry_id]})",
                        )
                    )
                else:
                    first_id[entry_id] = here
            for at, value in _entry_urls(entry):
                if at[0] == "mirrors" or not isinstance(value, str) or not value.strip():
                    continue
                key = url_key(value.strip())
                here = f"{where}:{line_of(data, [index, *at])}"
                other = first_url.get(key)
                if other is None:
                    first_url[key] = (str(entry_id), here)
                elif other[0] != str(entry_id):
                    found.append(
                        problem_at(
                            where,
                            data,
                            [index, *at],
                            f"same address as {other[0]!r} (at {other[1]}); one address "
                            "belongs to one entry: merge the two entries",
                        )
                    )
            for position, old_id in enumerate(entry.get("former_ids") or []):
                if isinstance(old_id, str):
                    former_ids.append(
                        (old_id, where, line_of(data, [index, "former_ids", position]))
                    )
            if index not in broken and category in known:
                resource = to_resource(entry, category, where, line_of(data, [index]))
                lines = tuple(
                    (datafile.field_name([index, *at]), line_of(data, [index, *at]))
                    for at, _ in _entry_urls(entry)
                )
                resources.append(replace(resource, url_lines=lines))
    for old_id, where, line in former_ids:
        if old_id in first_id:
            found.append(
                Problem(
                    where,
                    line,
                    "former_ids",
                    f"{old_id!r} is the id of another entry (at {first_id[old_id]})",
                )
            )
    order = {name: position for position, name in enumerate(known)}
    resources.sort(key=lambda resource: order[resource.category])  # stable: file order kept
    return resources, sorted(set(found))


def load_facts(path: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Machine facts per entry id from ``facts.json`` (written by scripts/links/github_facts.py).

    No file means no check has run yet: pages then show no "checked on" date at all.
    """
    if not path.is_file():
        return {}, []
    where = shown(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [Problem(where, 1, "file", f"cannot be read as JSON ({exc})")]
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not isinstance(data.get("generated"), str):
        return {}, [
            Problem(
                where,
                1,
                "file",
                "expected {'generated': date, 'entries': {id: facts}}; "
                "regenerate it with make linkcheck-external",
            )
        ]
    return {str(key): value for key, value in entries.items() if isinstance(value, dict)}, []


def load_access(path: Path, ids: Iterable[str] = ()) -> tuple[list[HostAccess], list[Problem]]:
    """The host records of data/access.yaml, validated with its schema; ``ids`` are the
    catalogue's entry ids (an alternative given by id must name one). A host may be in one
    record only. No file, no records: a catalogue without it (a test's) inherits nothing."""
    if not path.is_file():
        return [], []
    where = shown(path)
    data, found = datafile.load_yaml(path)
    if data is None:
        return [], found
    structural = datafile.validate(data, ACCESS_SCHEMA_PATH)
    found += [problem_at(where, data, at, message) for at, message in structural]
    if not isinstance(data, list):
        return [], found
    broken = {at[0] for at, _ in structural if at and isinstance(at[0], int)}
    known = set(ids)
    first_host: dict[str, int] = {}
    records: list[HostAccess] = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            continue
        for position, host in enumerate(raw.get("hosts") or []):
            line = line_of(data, [index, "hosts", position])
            if host in first_host:
                found.append(
                    Problem(
                        where,
                        line,
                        "hosts",
                        f"{host!r} is already in the record at {where}:{first_host[host]}; "
                        "a host belongs to one record",
                    )
                )
            else:
                first_host[host] = line
        for position, alternative in enumerate(raw.get("alternatives") or []):
            alt_id = alternative.get("id") if isinstance(alternative, dict) else None
            if known and isinstance(alt_id, str) and alt_id not in known:
                found.append(
                    problem_at(
                        where,
                        data,
                        [index, "alternatives", position, "id"],
                        f"no catalogue entry has the id {alt_id!r}",
                    )
                )
        if index in broken:
            continue
        records.append(
            HostAccess(
                hosts=tuple(str(host) for host in raw["hosts"]),
                level=str(raw["level"]),
                note=Text.from_yaml(raw["note"]),
                source=where,
                line=line_of(data, [index]),
                as_of=str(raw["as_of"]) if raw.get("as_of") else None,
                sources=tuple(Source.from_yaml(s) for s in raw.get("sources") or ()),
                alternatives=tuple(
                    Alternative.from_yaml(alt) for alt in raw.get("alternatives") or ()
                ),
                mirrored=bool(raw.get("mirrored")),
            )
        )
    return records, sorted(set(found))


def alternative_id_problems(resources: Sequence[Resource]) -> list[Problem]:
    """An entry's alternative given by id must name another catalogue entry."""
    ids = {entry.id for entry in resources} | {old for e in resources for old in e.former_ids}
    return [
        Problem(
            entry.source, entry.line, "alternatives", f"no catalogue entry has the id {alt.id!r}"
        )
        for entry in resources
        for alt in entry.alternatives
        if alt.id and alt.id not in ids
    ]


def access_path(data_dir: Path) -> Path:
    """data/access.yaml for the catalogue in data/resources."""
    return Path(data_dir).parent / ACCESS_FILE


def load_catalogue(data_dir: Path) -> Catalogue:
    """Load and validate every file in ``data_dir`` and the access records beside it; never
    raises for bad data, problems are in the result (an exception is a bug in this module, not
    a problem of the data)."""
    resources, found = check_paths([Path(data_dir)])
    facts, facts_problems = load_facts(Path(data_dir) / FACTS_FILE)
    ids = [entry.id for entry in resources]
    access, access_problems = load_access(access_path(data_dir), ids)
    found += alternative_id_problems(resources)
    return Catalogue(
        entries=tuple(resources),
        problems=tuple(str(problem) for problem in [*found, *facts_problems, *access_problems]),
        facts=facts,
        access=tuple(access),
    )


# --- CLI ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "validate catalogue files"),
        ("stats", "count resources per category"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument(
            "paths", nargs="*", type=Path, metavar="PATH", help="files or directories"
        )
        command.add_argument(
            "--access",
            type=Path,
            default=access_path(DEFAULT_DATA),
            help="host access records checked with the catalogue (default: data/access.yaml)",
        )
    args = parser.parse_args(argv)
    paths = args.paths or [DEFAULT_DATA]
    resources, found = check_paths(paths)
    found += alternative_id_problems(resources)
    if args.command == "check":
        found += load_access(
            args.access, [entry.id for entry in resources] if not args.paths else []
        )[1]
    if datafile.print_problems(found):
        return 1
    if args.command == "stats":
        for category in categories():
            print(f"{category}: {sum(1 for entry in resources if entry.category == category)}")
        print(f"total: {len(resources)}")
        return 0
    files = len(collect_files(paths)[0])
    print(f"OK: {len(resources)} resources in {files} file(s), no problems.")
    return 0

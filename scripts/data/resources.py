"""Resource catalogue: load and validate data/resources/<category>.yaml and data/access.yaml
(scripts/render/catalogue.py renders them). ``python -m scripts resources check [PATH ...]``.

The schemas hold the structural rules and every tag value's labels; this module adds what they
cannot say: ids and URLs unique across files, URL hosts, the file name as category, a dead
address. Machine facts (last fetch, status, GitHub facts) live only in ``facts.json``, written by
``make linkcheck-external``, so a "checked" date exists only for an address really fetched. An
entry inherits the access records (reachability from mainland China, mirrors, alternatives) of
the hosts of its ``url`` and ``access_hosts``; its own ``cn_access`` sets the level.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.data import datafile
from scripts.data.datafile import Problem, Where, field_name, line_of, listed, problem_at, shown
from scripts.data.languages import HAN_RE

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

# Labels of 1-63 letters, digits and inner hyphens, then a top-level domain (letters or IDN).
HOST_RE = re.compile(r"^((?!-)[a-z0-9-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z0-9-]{0,58}[a-z0-9])$")
NO_CHINESE = "contains no Chinese characters; write the Chinese text"  # a zh text without HAN_RE
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
    """Text in both site languages; where the schema lets ``zh`` be missing (what a review's
    source established, written in English first), English stands in for it."""

    en: str
    zh: str | None = None

    def lang(self, lang: str) -> str:
        """The language :meth:`get` answers in: the page's, or English as the fallback."""
        return "zh" if lang == "zh" and self.zh else "en"

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else self.en


@dataclass(frozen=True)
class Source:
    """One piece of evidence a person read: a page, a repository at a commit, or an issue."""

    established: Text
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


@dataclass(frozen=True)
class Review:
    """A review a person made: the day, and every source read (never empty)."""

    date: str
    sources: tuple[Source, ...]
    note: Text | None = None


@dataclass(frozen=True)
class Alternative:
    """A different service that does the job (a catalogue ``id``, or ``name`` and ``url``)."""

    note: Text
    id: str | None = None
    name: str | None = None
    url: str | None = None
    sources: tuple[Source, ...] = ()


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
    urls: tuple[tuple[str, str, int], ...] = ()  # (field, URL, line) of each link pages give

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
    """One validated catalogue entry (its tags flattened); ``source`` and ``line`` say where
    it is written, ``urls`` each address with its field and line: ``("mirrors[0].url", u, 12)``."""

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
    urls: tuple[tuple[str, str, int], ...] = ()

    def line_of(self, name: str) -> int:
        """The line a field (``url``, ``mirrors[0].url``) is written on, else the entry's."""
        return next((line for field, _, line in self.urls if field == name), self.line)

    @property
    def published_urls(self) -> tuple[tuple[str, str], ...]:
        """(field, URL) of every address the site links for this entry: url, repository,
        mirrors, its own alternatives and its review's sources (``former_urls`` and
        ``survey_url`` are text)."""
        text = ("survey_url", "former_urls")
        return tuple((field, url) for field, url, _ in self.urls if not field.startswith(text))

    @property
    def github_repo(self) -> str | None:
        """``owner/name`` of the GitHub repository behind the entry, if any."""
        found = (GITHUB_REPO_RE.match(address or "") for address in (self.repository, self.url))
        match = next((match for match in found if match), None)
        return f"{match['owner']}/{match['name']}" if match else None

    @property
    def live_url(self) -> str | None:
        """The ``url`` pages link to; None when the resource is dead or its url unusable."""
        return self.url if self.status != "dead" and is_link(self.url) else None

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
        scored = [(r.specificity(host), r) for r in self.access if r.specificity(host) is not None]
        return max(scored, key=lambda pair: pair[0] or 0)[1] if scored else None

    def access_of(self, entry: Resource) -> EntryAccess | None:
        """The access an entry inherits from its hosts (``url``'s and the ``access_hosts``; the
        worst level counts), its own ``cn_access`` overriding the level; None if none recorded."""
        hosts = [(urlsplit(entry.url).hostname or "").lower(), *entry.access_hosts]
        records = tuple(dict.fromkeys(r for r in map(self.host_record, hosts) if r is not None))
        if entry.cn_access is not None:
            return EntryAccess(entry.cn_access.level, records, entry.cn_access)
        if not records:
            return None
        level = max((r.level for r in records), key=lambda level: ACCESS_SEVERITY[level])
        return EntryAccess(level, records)

    def alternative_link(self, alternative: Alternative) -> tuple[str, str]:
        """(name, url) of an alternative: the entry's it names by id, else its own ("" if none)."""
        target = self.get(alternative.id) if alternative.id else None
        if target is not None:
            return target.name, target.url
        return alternative.name or alternative.id or "", alternative.url or ""

    def in_category(self, category: str) -> tuple[Resource, ...]:
        return tuple(entry for entry in self.entries if entry.category == category)

    def get(self, resource_id: str) -> Resource | None:
        """The entry with this id, or with this id among its ``former_ids``."""
        named = (e for e in self.entries if resource_id == e.id or resource_id in e.former_ids)
        return next(named, None)

    def unknown_id(self, value: str) -> str | None:
        """Why ``value`` names no entry (with the closest id as a hint), or None."""
        if self.get(value) is not None:
            return None
        close = difflib.get_close_matches(value, [entry.id for entry in self.entries], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown resource id {value!r}: not in data/resources/*.yaml{hint}"


# --- Schema and vocabulary ----------------------------------------------------------------------


def schema() -> dict[str, Any]:
    return datafile.schema(SCHEMA_PATH)


def choices(group: str) -> tuple[str, ...]:
    """Allowed values of a tag group (or ``category``) in the schema's order."""
    return tuple(schema()["$defs"][group]["enum"])


def label(group: str, value: str, lang: str) -> str:
    """Display name of a tag value (or category) from the schema's ``x-labels``."""
    return schema()["$defs"][group]["x-labels"][value][lang]


def status_values(kind: str, status: str) -> tuple[str, ...]:
    """The status values an entry of this kind (and current status) may take: the finished-work
    values for kinds publication and event, and for a book, tutorial or course whose status is
    a finished-work value other than ``dead`` (in both sets); else the maintained ones."""
    kinds, values = schema()["$defs"]["kind"], schema()["$defs"]["status"]
    either = kind in kinds["x-either-kinds"] and status in values["x-finished-values"]
    finished = kind in kinds["x-finished-kinds"] or (either and status != "dead")
    return tuple(values["x-finished-values" if finished else "x-maintained-values"])


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


def file_problems(path: Path, where: str) -> Iterator[Problem]:
    """The file's name must be a category's with .yaml, and its first line the schema comment
    editors need (an unreadable file is load_yaml's to report)."""
    known = categories()
    if path.suffix != ".yaml":
        yield Problem(where, 1, "file", f"name it '{path.stem}.yaml' (use the .yaml suffix)")
    if path.stem not in known:
        expected = ", ".join(known)
        yield Problem(
            where, 1, "file", f"unknown category {path.stem!r} (expected one of: {expected})"
        )
    try:
        with path.open(encoding="utf-8-sig") as file:  # a BOM is no part of the first line
            first = file.readline().strip()
    except (OSError, UnicodeDecodeError):
        return
    if first != SCHEMA_HEADER:
        message = f"the first line must be '{SCHEMA_HEADER}' (editor completion)"
        yield Problem(where, 1, "header", message)


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
    if not parts.netloc:
        return f"{url!r} has no host"
    if "@" in parts.netloc:
        return f"{url!r} contains a user name; remove it"
    host, colon, port = parts.netloc.partition(":")
    if colon and not port.isdigit():
        return f"{url!r} is not a valid URL (did you mean {parts.netloc.replace(':', '.')!r}?)"
    if host != host.lower():
        return f"{url!r}: write the host in lowercase ({host.lower()!r})"
    if not HOST_RE.match(host):
        return f"{url!r} is not a valid URL (malformed host {host!r})"
    return None


def is_link(url: str) -> bool:
    """Whether ``url`` may become a link on a page (http or https and well formed)."""
    return check_url(url) is None


def url_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}?{parts.query}"


def entry_problems(entry: dict[str, Any]) -> Iterator[tuple[Where, str]]:
    """Checks on one entry that the schema cannot express, as (where in the entry, message)."""
    yield from nested_problems(entry)  # every url key; the other addresses here
    for path, value in _entry_urls(entry):
        if path[-1] != "url" and isinstance(value, str) and value.strip():
            yield from ((path, reason) for reason in [check_url(value)] if reason)
    url, former = entry.get("url"), listed(entry.get("former_urls"))
    for position, value in enumerate(former):
        if isinstance(value, str) and isinstance(url, str) and url_key(value) == url_key(url):
            yield ["former_urls", position], "is the same as url; remove it from former_urls"
    repository = entry.get("repository")
    if isinstance(repository, str) and check_url(repository) is None:
        if not GITHUB_REPO_RE.match(repository):
            message = f"{repository!r} is not a GitHub repository address "
            yield ["repository"], message + "(write 'https://github.com/<owner>/<name>')"
        elif isinstance(url, str) and GITHUB_REPO_RE.match(url):
            yield ["repository"], "url is already a GitHub repository; remove repository"
    note = entry.get("note")
    if isinstance(note, dict) and isinstance(note.get("en"), str):
        yield from _freshness_problems(note["en"], note.get("zh"))
    tags = entry.get("tags")
    if isinstance(tags, dict) and tags.get("status") == "dead" and isinstance(url, str):
        yield from _dead_url_problems(url, former)
    for key in () if entry.get("survey_url") else ("description", "note"):
        written: dict[str, Any] = entry[key] if isinstance(entry.get(key), dict) else {}
        for lang in ("en", "zh"):
            value = written.get(lang)
            if isinstance(value, str) and (claim := SURVEY_CLAIM_RE.search(value)):
                message = (
                    f"says the {claim[0]!r} but the entry has no survey_url; add the address "
                    "as the survey printed it (listed in tests/seed_urls.txt) or drop the claim"
                )
                yield [key, lang], message


def nested_problems(value: Any) -> Iterator[tuple[Where, str]]:
    """At any depth of an entry or host record: every ``url`` that is no acceptable link, and
    every bilingual text (``{en, zh}``) whose Chinese has no Chinese character."""
    stack: list[tuple[Where, Any]] = [([], value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, list):
            stack += [([*at, n], part) for n, part in enumerate(item)]
        if not isinstance(item, dict):
            continue
        stack += [([*at, key], part) for key, part in item.items()]
        url, zh = item.get("url"), item.get("zh") if "en" in item else None
        if isinstance(url, str) and url.strip() and (reason := check_url(url)):
            yield [*at, "url"], reason
        if isinstance(zh, str) and zh.strip() and not HAN_RE.search(zh):
            yield [*at, "zh"], NO_CHINESE


def _freshness_problems(en: str, zh: Any) -> Iterator[tuple[Where, str]]:
    """A note that says how fresh the resource is ("no changes since 2021", "still
    maintained") must say when that was read: "as of 2026-12-07" (截至 2026-12-07)."""
    claim = FRESHNESS_RE.search(en)
    if claim and not AS_OF_EN_RE.search(en):
        message = (
            f"states freshness ({claim[0]!r}) without saying when: add an 'as of' date "
            "(as of 2026-12-07, as read in 2026-12) and back it with a review source"
        )
        yield ["note", "en"], message
    elif claim and isinstance(zh, str) and HAN_RE.search(zh) and not AS_OF_ZH_RE.search(zh):
        message = "the English note is dated ('as of ...') but this one is not: add the date"
        yield ["note", "zh"], message


def _dead_url_problems(url: str, former: list[Any]) -> Iterator[tuple[Where, str]]:
    """A dead entry must not keep the address that died as its link (it could be re-registered
    by someone else): url points at what survives and the dead address is in former_urls."""
    host = (urlsplit(url).hostname or "").lower()
    former_hosts = {
        (urlsplit(old).hostname or "").lower() for old in former if isinstance(old, str)
    }
    survives = "point url at what survives (the repository, a web.archive.org copy, a successor)"
    if not former_hosts:
        message = f"status is dead but the dead address is still url: {survives} and move the "
        yield ["url"], message + "dead address into former_urls"
    elif host in former_hosts:
        message = f"status is dead but url is on {host}, the host of a former address: "
        yield ["url"], message + survives


def _entry_urls(entry: dict[str, Any]) -> Iterator[tuple[Where, Any]]:
    """Every address of an entry: url, survey_url, repository, former_urls, then mirrors' and
    alternatives' urls."""
    for name in ("url", "survey_url", "repository"):
        if name in entry:
            yield [name], entry[name]
    for position, value in enumerate(listed(entry.get("former_urls"))):
        yield ["former_urls", position], value
    for group in ("mirrors", "alternatives"):
        for position, item in enumerate(listed(entry.get(group))):
            if isinstance(item, dict) and "url" in item:
                yield [group, position, "url"], item["url"]


def check_paths(paths: Sequence[Path]) -> tuple[list[Resource], list[Problem]]:
    """Validate files and directories together (ids and URLs must be unique across all of them)."""
    files, found = collect_files(paths)
    resources: list[Resource] = []
    first_id: dict[str, str] = {}
    first_url: dict[str, tuple[str, str]] = {}
    # Ids an entry names, each at its place (the id as the message until all ids are known);
    # a former id with the id of the entry that claims it.
    former_ids: list[tuple[Problem, str]] = []
    alternative_ids: list[Problem] = []
    alternative_urls: list[tuple[str, Problem]] = []
    for path in files:
        where = shown(path)
        found.extend(file_problems(path, where))
        data, problems, broken = datafile.load_checked(path, SCHEMA_PATH)
        found.extend(problems)
        for index, entry in enumerate(listed(data)):
            if not isinstance(entry, dict):
                continue
            issues = list(entry_problems(entry))
            entry_id = entry.get("id")
            if isinstance(entry_id, str) and entry_id in first_id:
                message = f"duplicate id {entry_id!r} (first defined at {first_id[entry_id]})"
                issues.append((["id"], message))
            elif isinstance(entry_id, str):
                first_id[entry_id] = f"{where}:{line_of(data, [index, 'id'])}"
            urls = list(_entry_urls(entry))
            for at, value in urls:
                if not isinstance(value, str) or not value.strip() or at[0] == "mirrors":
                    continue
                key = url_key(value.strip())
                if at[0] == "alternatives":  # an entry's address: compared once all are known
                    alternative_urls.append((key, problem_at(where, data, [index, *at], "")))
                    continue
                here = f"{where}:{line_of(data, [index, *at])}"
                other = first_url.setdefault(key, (str(entry_id), here))
                if other[0] != str(entry_id):
                    message = f"same address as {other[0]!r} (at {other[1]}); one address "
                    issues.append((at, message + "belongs to one entry: merge the two entries"))
            found += [problem_at(where, data, [index, *at], text) for at, text in issues]
            for position, old_id in enumerate(listed(entry.get("former_ids"))):
                if isinstance(old_id, str):
                    at = [index, "former_ids", position]
                    former_ids.append((problem_at(where, data, at, old_id), str(entry_id)))
            for position, alt in enumerate(listed(entry.get("alternatives"))):
                if isinstance(alt, dict) and isinstance(alt.get("id"), str):
                    at = [index, "alternatives", position, "id"]
                    alternative_ids.append(problem_at(where, data, at, alt["id"]))
            if index not in broken and path.stem in categories():
                places = [([index, *at], str(url).strip()) for at, url in urls]
                given = {"category": path.stem, "source": where, "line": line_of(data, [index])}
                given["urls"] = tuple((field_name(at), u, line_of(data, at)) for at, u in places)
                resource = datafile.build(Resource, {**entry, **entry["tags"]}, **given)
                review = resource.review.sources if resource.review else ()
                evidence = _evidence(review, data, [index, "review", "sources"])
                resources.append(replace(resource, urls=resource.urls + evidence))
    claimed: dict[str, tuple[str, Problem]] = {}  # former id -> the first entry claiming it
    for old, owner in former_ids:
        why = ""
        if old.message == owner:
            why = f"{old.message!r} is this entry's own id; remove it"
        elif old.message in first_id:
            why = f"{old.message!r} is the id of another entry (at {first_id[old.message]})"
        elif claimed.setdefault(old.message, (owner, old))[0] != owner:
            first, claim = claimed[old.message]
            why = (
                f"{old.message!r} is already a former id of {first!r} (at {claim.path}:"
                f"{claim.line}); a former id belongs to one entry: remove one of them"
            )
        if why:
            found.append(replace(old, field="former_ids", message=why))
    found += unknown_ids(alternative_ids, {*first_id, *(old.message for old, _ in former_ids)})
    for key, place in alternative_urls:
        if key in first_url:
            owner, there = first_url[key]
            message = f"is the address of the entry {owner!r} (at {there}): write 'id: {owner}' "
            found.append(replace(place, message=message + "instead of name and url"))
    order = {name: position for position, name in enumerate(categories())}
    resources.sort(key=lambda resource: order[resource.category])  # stable: file order kept
    return resources, sorted(set(found))


def _evidence(sources: Iterable[Source], data: Any, at: Where) -> tuple[tuple[str, str, int], ...]:
    """(field, link, line) of each source in the list at ``at``: what a page links it to."""
    return tuple(
        (field_name([*at, n]), source.href, line_of(data, [*at, n]))
        for n, source in enumerate(sources)
    )


def unknown_ids(named: Iterable[Problem], ids: Collection[str]) -> list[Problem]:
    """The places (``named``, the id as message) that name no catalogue id; none without ids."""
    message = "no catalogue entry has the id {!r}"
    return [
        replace(p, message=message.format(p.message)) for p in named if ids and p.message not in ids
    ]


def load_facts(path: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Machine facts per entry id from ``facts.json`` (written by scripts/links/github_facts.py).
    No file means no check has run yet: pages then show no "checked on" date at all."""
    if not path.is_file():
        return {}, []
    where = shown(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [Problem(where, 1, "file", f"cannot be read as JSON ({exc})")]
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not isinstance(data.get("generated"), str):
        message = (
            "expected {'generated': date, 'entries': {id: facts}}; "
            "regenerate it with make linkcheck-external"
        )
        return {}, [Problem(where, 1, "file", message)]
    return {str(key): value for key, value in entries.items() if isinstance(value, dict)}, []


def load_access(path: Path, ids: Collection[str] = ()) -> tuple[list[HostAccess], list[Problem]]:
    """The host records of data/access.yaml; an alternative given by id must name one of ``ids``
    (the catalogue's). A host may be in one record only. No file, no records: a catalogue
    without it (a test's) inherits nothing."""
    if not path.is_file():
        return [], []
    where = shown(path)
    data, found, broken = datafile.load_checked(path, ACCESS_SCHEMA_PATH)
    first_host: dict[str, int] = {}
    records: list[HostAccess] = []
    named: list[Problem] = []
    for index, raw in enumerate(listed(data)):
        if not isinstance(raw, dict):
            continue
        for position, host in enumerate(listed(raw.get("hosts"))):
            line = line_of(data, [index, "hosts", position])
            if not isinstance(host, str):
                continue
            if host in first_host:
                message = f"{host!r} is already in the record at {where}:{first_host[host]}; "
                found.append(
                    Problem(where, line, "hosts", message + "a host belongs to one record")
                )
            first_host.setdefault(host, line)
        found += [problem_at(where, data, [index, *at], m) for at, m in nested_problems(raw)]
        for position, alternative in enumerate(listed(raw.get("alternatives"))):
            if isinstance(alternative, dict) and isinstance(alternative.get("id"), str):
                at: Where = [index, "alternatives", position, "id"]
                named.append(problem_at(where, data, at, alternative["id"]))
        if index not in broken:
            record = datafile.build(HostAccess, raw, source=where, line=line_of(data, [index]))
            urls = _evidence(record.sources, data, [index, "sources"])
            for position, alternative in enumerate(record.alternatives):
                at = [index, "alternatives", position, "url"]
                if alternative.url:
                    urls += ((field_name(at), alternative.url, line_of(data, at)),)
            records.append(replace(record, urls=urls))
    return records, sorted({*found, *unknown_ids(named, ids)})


def load_catalogue(data_dir: Path) -> Catalogue:
    """Load and validate every file in ``data_dir`` and data/access.yaml beside it; never raises
    for bad data (an exception is a bug in this module, not a problem of the data)."""
    resources, found = check_paths([Path(data_dir)])
    facts, facts_problems = load_facts(Path(data_dir) / FACTS_FILE)
    ids = {entry.id for entry in resources}
    access, access_problems = load_access(Path(data_dir).parent / ACCESS_FILE, ids)
    return Catalogue(
        entries=tuple(resources),
        problems=tuple(str(problem) for problem in [*found, *facts_problems, *access_problems]),
        facts=facts,
        access=tuple(access),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser, check = datafile.check_parser(__doc__, "validate catalogue files")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument(
        "--access",
        type=Path,
        default=DEFAULT_DATA.parent / ACCESS_FILE,
        help="host access records checked with the catalogue (default: data/access.yaml)",
    )
    args = parser.parse_args(argv)
    paths = args.paths or [DEFAULT_DATA]
    resources, found = check_paths(paths)
    found += load_access(args.access, set() if args.paths else {e.id for e in resources})[1]
    files = len(collect_files(paths)[0])
    ok = f"OK: {len(resources)} resources in {files} file(s), no problems."
    return datafile.problems_or_ok(found, ok)

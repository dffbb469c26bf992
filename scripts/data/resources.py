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

- ``tags.status`` says whether anyone looks after the resource (active, maintenance, archived,
  dead); a move never changes it. Where the resource lives is ``url`` now, ``survey_url`` as the
  survey or its seeds printed it, ``former_urls`` in between; ``former_ids`` keep renamed ids
  resolvable (``res:`` links, the start guide).
- ``reviewed`` is the date a person last read the entry against sources (description, status,
  note). It is not a link check and is left out when nobody has done that.
- Machine facts (the date a link was last fetched, its HTTP status and final URL, GitHub facts)
  live only in ``data/resources/facts.json``, written by ``make linkcheck-external``
  (scripts/links/github_facts.py) and never by hand. ``Catalogue.facts`` holds them per id; without
  that file no "checked" date appears anywhere.
- ``cn_access`` and ``mirrors`` say how to reach the resource from mainland China; the Chinese
  pages show them beside the entry.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.data import datafile
from scripts.data.datafile import Problem, line_of, problem_at, shown

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "data" / "resources"
SCHEMA_PATH = ROOT / "data" / "schema" / "resource.schema.json"
SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json"

FACTS_FILE = "facts.json"  # beside the YAML files; written only by scripts/links/github_facts.py
GITHUB_REPO_RE = re.compile(
    r"^https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+)/?$"
)

HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
TLD_RE = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]+)$")
CJK_RE = re.compile(r"[\u3400-\u9fff]")

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
    ``survey_url`` as the survey printed it and ``former_urls`` in between. ``reviewed`` is the
    date a person last read the entry against sources; machine checks live in facts.json.
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
    reviewed: str | None = None
    note: Text | None = None
    cn_access: CnAccess | None = None
    mirrors: tuple[Mirror, ...] = ()

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
    return found


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
        reviewed=optional("reviewed"),
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
                resources.append(to_resource(entry, category, where, line_of(data, [index])))
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


def load_catalogue(data_dir: Path) -> Catalogue:
    """Load and validate every file in ``data_dir``; never raises for bad data, problems are in
    the result (an exception is a bug in this module, not a problem of the data)."""
    resources, found = check_paths([Path(data_dir)])
    facts, facts_problems = load_facts(Path(data_dir) / FACTS_FILE)
    return Catalogue(
        entries=tuple(resources),
        problems=tuple(str(problem) for problem in [*found, *facts_problems]),
        facts=facts,
    )


def problems(catalogue: Catalogue) -> list[str]:
    return list(catalogue.problems)


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
    args = parser.parse_args(argv)
    paths = args.paths or [DEFAULT_DATA]
    resources, found = check_paths(paths)
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

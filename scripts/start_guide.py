"""The "Where do I start?" guide: validate data/start-guide.yaml and render it for a page.

The data file holds four inputs (data type, goal, label situation, data size), named terms
(model families, methods, non-deep baselines) and an ordered list of rules. A situation is one
option per input; the FIRST rule whose ``when`` fits it answers it (a key missing from ``when``
fits every option). The check proves that every situation is answered, that every rule answers
at least one situation, and that every link and resource id points at something that exists.

Pages show the guide through marker lines:

    <!-- start-guide: form -->     the form (shown by start.js) and the answer box
    <!-- start-guide: table -->    every rule as a static table, complete without JavaScript
    <!-- start-guide -->           both

CLI:
    python scripts/start_guide.py check [PATH]      every problem as ``path:line: field: problem``
    python scripts/start_guide.py coverage [PATH]   which rule answers each situation
    python scripts/start_guide.py render --lang zh  the HTML of both markers, for a look

Public API used by the build: ``load_guide`` (its ``problems``), ``resolve``, ``render_markers``.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import markers, references, resources, templates, ui  # noqa: E402
from scripts.datafile import (  # noqa: E402
    Problem,
    line_of,
    load_yaml,
    print_problems,
    problem_at,
    schema_problems,
    shown,
)
from scripts.resources import Text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "start-guide.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "start-guide.schema.json"
DOCS = ROOT / "docs"
CATALOGUE_DIR = ROOT / "data" / "resources"
CATALOGUE_PAGE = "resources/all.md"  # lists every resource, each row with id="res-<id>"
CATALOGUE_ALL_MARKER = "<!-- resources: all -->"
CATEGORY_PAGE = "resources/index.md"  # one section per category, the fallback target
INPUTS = ("data", "goal", "labels", "size")
TERM_GROUPS = ("models", "methods", "baselines")
from scripts.languages import LANGUAGES  # noqa: E402

MARKER_RE = re.compile(r"^ {0,3}<!--\s*start-guide(?::\s*(?P<part>[a-z]+))?\s*-->\s*$")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
PAREN_TAIL_RE = re.compile(r"\s*[（(][^（(]*[)）]\s*$")

# --- Data model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True)
class Input:
    name: str
    label: Text
    options: tuple[Option, ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class Term:
    id: str
    text: Text
    link: str | None


@dataclass(frozen=True)
class Rule:
    id: str
    when: Mapping[str, frozenset[str]]  # an input missing here fits every option
    title: Text
    summary: Text
    read: tuple[str, ...]
    models: tuple[str, ...]
    methods: tuple[str, ...]
    baselines: tuple[str, ...]
    resources: tuple[str, ...]
    no_default: bool
    line: int

    def fits(self, choice: Mapping[str, str]) -> bool:
        return all(name not in self.when or choice[name] in self.when[name] for name in INPUTS)


@dataclass(frozen=True)
class Target:
    """A heading a guide link points at, with its text and its page's title in each language."""

    text: Text
    page_title: Text


@dataclass(frozen=True)
class ResourceRef:
    name: str
    category: str
    blocked: bool = False  # cn_access.level == "blocked": not reachable from mainland China
    mirrors: tuple[resources.Mirror, ...] = ()


@dataclass
class Guide:
    inputs: dict[str, Input] = field(default_factory=dict)
    terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    targets: dict[str, Target] = field(default_factory=dict)
    resources: dict[str, ResourceRef] = field(default_factory=dict)
    catalogue_page: str | None = None
    problems: tuple[str, ...] = ()


# --- Reading ------------------------------------------------------------------------------------


def _clean_heading(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


@lru_cache(maxsize=64)
def _page_index(path: Path, mtime: int) -> tuple[str, dict[str, str]] | None:
    """(front-matter title, {heading id: heading text}) of one Markdown page."""
    del mtime  # part of the cache key only: an edited page is read again
    meta, body, _ = markers.split_page(path.read_text(encoding="utf-8"))
    headings: dict[str, str] = {}
    for heading in markers.headings(body):
        if heading.id:
            headings.setdefault(heading.id, _clean_heading(heading.text))
    return str(meta.get("title") or ""), headings


def page_index(docs: Path, lang: str, page: str) -> tuple[str, dict[str, str]] | None:
    path = docs / lang / page
    if not path.is_file():
        return None
    return _page_index(path, path.stat().st_mtime_ns)


def _catalogue_page(docs: Path) -> str | None:
    path = docs / "en" / CATALOGUE_PAGE
    if path.is_file() and CATALOGUE_ALL_MARKER in path.read_text(encoding="utf-8"):
        return CATALOGUE_PAGE
    return None


# --- Checks -------------------------------------------------------------------------------------


def _text(value: Mapping[str, Any]) -> Text:
    return Text(en=str(value["en"]).strip(), zh=str(value["zh"]).strip())


def check_link(link: str, docs: Path) -> tuple[str | None, Target | None]:
    """Why ``page.md#anchor`` does not resolve in docs/en (and its Chinese twin), or its target."""
    page, _, anchor = link.partition("#")
    english = page_index(docs, "en", page)
    if english is None:
        return f"page {page!r} does not exist (no docs/en/{page})", None
    if anchor not in english[1]:
        close = difflib.get_close_matches(anchor, list(english[1]), n=1)
        hint = (
            f" (did you mean #{close[0]}?)"
            if close
            else f" (known: {', '.join(english[1]) or 'none'})"
        )
        return f"docs/en/{page} has no heading with id #{anchor}{hint}", None
    chinese = page_index(docs, "zh", page)
    if chinese is not None and anchor not in chinese[1]:
        return (
            f"docs/zh/{page} has no heading with id #{anchor}; twins must share heading ids",
            None,
        )
    zh_title, zh_headings = chinese if chinese is not None else english
    return None, Target(
        text=Text(en=english[1][anchor], zh=zh_headings.get(anchor, english[1][anchor])),
        page_title=Text(en=english[0], zh=zh_title or english[0]),
    )


def situations(inputs: Mapping[str, Input]) -> list[dict[str, str]]:
    """Every combination of one option per input, in the inputs' order."""
    names = [name for name in INPUTS if name in inputs]
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(inputs[n].ids() for n in names))
    ]


def resolve(guide: Guide, choice: Mapping[str, str]) -> Rule | None:
    """The rule that answers ``choice`` (first fit, top to bottom), or None if none fits.

    Raises ValueError for an input or option the guide does not have.
    """
    for name in INPUTS:
        if name not in choice:
            raise ValueError(f"missing input {name!r}")
        if choice[name] not in guide.inputs[name].ids():
            raise ValueError(
                f"unknown {name} {choice[name]!r} "
                f"(expected one of: {', '.join(guide.inputs[name].ids())})"
            )
    return next((rule for rule in guide.rules if rule.fits(choice)), None)


def _describe(choice: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in choice.items())


def check_data(
    data: Any, where: str, docs: Path, catalogue: resources.Catalogue
) -> tuple[Guide, list[Problem]]:
    """Cross-checks on data that passed the schema, and the Guide built from it."""
    found: list[Problem] = []

    def add(path: list[str | int], message: str) -> None:
        found.append(problem_at(where, data, path, message))

    guide = Guide()
    for name in INPUTS:
        raw = data["inputs"][name]
        seen: set[str] = set()
        for index, option in enumerate(raw["options"]):
            if option["id"] in seen:
                add(["inputs", name, "options", index, "id"], f"duplicate option {option['id']!r}")
            seen.add(option["id"])
        guide.inputs[name] = Input(
            name,
            _text(raw["label"]),
            tuple(Option(o["id"], _text(o["label"])) for o in raw["options"]),
        )
        for index, option in enumerate(raw["options"]):
            if not CJK_RE.search(str(option["label"]["zh"])):
                add(
                    ["inputs", name, "options", index, "label", "zh"],
                    "contains no Chinese characters",
                )

    for group in TERM_GROUPS:
        guide.terms[group] = {}
        for term_id, raw in data["terms"][group].items():
            link = str(raw["link"]) if "link" in raw else None
            guide.terms[group][term_id] = Term(term_id, _text(raw), link)

    known_resources = {
        entry.id: ResourceRef(
            entry.name,
            entry.category,
            blocked=entry.cn_access is not None and entry.cn_access.level == "blocked",
            mirrors=entry.mirrors,
        )
        for entry in catalogue.entries
    }
    # An id the catalogue has renamed (former_ids) still resolves, to the entry's current id.
    current_id = {entry.id: entry.id for entry in catalogue.entries}
    current_id |= {old: entry.id for entry in catalogue.entries for old in entry.former_ids}
    guide.resources = known_resources
    guide.catalogue_page = _catalogue_page(docs)

    def check_target(path: list[str | int], link: str) -> None:
        if link in guide.targets:
            return
        problem, target = check_link(link, docs)
        if problem:
            add(path, problem)
        else:
            guide.targets[link] = target  # type: ignore[assignment]

    for group in TERM_GROUPS:
        for term in guide.terms[group].values():
            if term.link:
                check_target(["terms", group, term.id, "link"], term.link)

    rules: list[Rule] = []
    rule_ids: dict[str, int] = {}
    used: dict[str, set[str]] = {group: set() for group in TERM_GROUPS}
    for index, raw in enumerate(data["rules"]):
        here: list[str | int] = ["rules", index]
        if raw["id"] in rule_ids:
            add(
                [*here, "id"],
                f"duplicate rule id {raw['id']!r} (first at line {rule_ids[raw['id']]})",
            )
        else:
            rule_ids[raw["id"]] = line_of(data, [*here, "id"])
        when: dict[str, frozenset[str]] = {}
        for name, values in raw["when"].items():
            allowed = guide.inputs[name].ids()
            for position, value in enumerate(values):
                if value not in allowed:
                    add(
                        [*here, "when", name, position],
                        f"unknown {name} {value!r} (expected one of: {', '.join(allowed)})",
                    )
            when[name] = frozenset(values)
        for key in ("title", "summary"):
            if not CJK_RE.search(str(raw[key]["zh"])):
                add([*here, key, "zh"], "contains no Chinese characters; write the Chinese text")
        for position, link in enumerate(raw["read"]):
            check_target([*here, "read", position], str(link))
        for group in TERM_GROUPS:
            for position, term_id in enumerate(raw.get(group, [])):
                used[group].add(term_id)
                if term_id not in guide.terms[group]:
                    close = difflib.get_close_matches(term_id, list(guide.terms[group]), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    add(
                        [*here, group, position],
                        f"unknown {group[:-1]} {term_id!r}: define it under terms.{group}{hint}",
                    )
        for position, resource_id in enumerate(raw["resources"]):
            if resource_id not in current_id:
                close = difflib.get_close_matches(resource_id, list(known_resources), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                add(
                    [*here, "resources", position],
                    f"unknown resource id {resource_id!r}: not in data/resources/*.yaml{hint}",
                )
        rules.append(
            Rule(
                id=str(raw["id"]),
                when=when,
                title=_text(raw["title"]),
                summary=_text(raw["summary"]),
                read=tuple(str(link) for link in raw["read"]),
                models=tuple(raw.get("models", ())),
                methods=tuple(raw.get("methods", ())),
                baselines=tuple(raw.get("baselines", ())),
                resources=tuple(current_id.get(rid, rid) for rid in raw["resources"]),
                no_default=bool(raw.get("no_default", False)),
                line=line_of(data, here),
            )
        )
    guide.rules = tuple(rules)

    for group in TERM_GROUPS:
        for term_id in guide.terms[group]:
            if term_id not in used[group]:
                add(["terms", group, term_id], "no rule uses this term; remove it or refer to it")

    answers: dict[str, list[dict[str, str]]] = {rule.id: [] for rule in rules}
    for choice in situations(guide.inputs):
        rule = resolve(guide, choice)
        if rule is None:
            add(
                ["rules"],
                f"no rule answers {_describe(choice)}; add a rule for it, "
                "or one with 'no_default: true' that says why",
            )
        else:
            answers[rule.id].append(choice)
    for index, rule in enumerate(rules):
        if not answers[rule.id] and rule_ids.get(rule.id) == line_of(data, ["rules", index, "id"]):
            earlier = sorted(
                {
                    r.id
                    for r in rules[:index]
                    for c in situations(guide.inputs)
                    if rule.fits(c) and r.fits(c)
                }
            )
            add(
                ["rules", index, "when"],
                f"rule {rule.id!r} never answers: earlier rules ({', '.join(earlier)}) "
                "take every situation it fits; move it up or remove it",
            )
    return guide, found


def load_guide(
    path: Path | None = None,
    docs: Path | None = None,
    catalogue: resources.Catalogue | None = None,
) -> Guide:
    """Load and check the guide; never raises, every problem is in ``guide.problems``.

    ``docs`` holds the pages that links point at (``docs/en``, ``docs/zh``); ``catalogue`` is the
    loaded resource catalogue (read from data/resources when not given).
    """
    path = DEFAULT_DATA if path is None else path
    docs = DOCS if docs is None else docs
    where = shown(Path(path))
    if catalogue is None:
        catalogue = resources.load_catalogue(CATALOGUE_DIR)
    data, found = load_yaml(Path(path))
    if data is None:
        return Guide(problems=tuple(str(p) for p in found))
    structural = schema_problems(data, SCHEMA_PATH, where)
    if structural:
        return Guide(problems=tuple(str(p) for p in structural))
    # Data that passed the schema has the shape check_data reads: an exception there is a bug
    # in this module and is raised, not reported as a problem of the data file.
    guide, cross = check_data(data, where, docs, catalogue)
    guide.problems = tuple(str(p) for p in sorted(set(cross)))
    return guide


# --- Rendering ----------------------------------------------------------------------------------


def short_label(text: str) -> str:
    """An option label without its trailing examples in brackets, for the table's conditions."""
    return PAREN_TAIL_RE.sub("", text) or text


def _href(page_src_uri: str, link: str) -> str:
    target, _, anchor = link.partition("#")
    url = references.relative_url(page_src_uri, target)
    return f"{url}#{anchor}" if anchor else url


def _resource_href(guide: Guide, resource_id: str, page_src_uri: str) -> str:
    if guide.catalogue_page:
        return _href(page_src_uri, f"{guide.catalogue_page}#res-{resource_id}")
    return _href(page_src_uri, f"{CATEGORY_PAGE}#{guide.resources[resource_id].category}")


def rule_view(
    guide: Guide, rule: Rule, number: int, lang: str, page_src_uri: str
) -> dict[str, Any]:
    """What one rule shows, already in the page's language (templates only lay it out)."""
    conditions = []
    for name in INPUTS:
        values = rule.when.get(name)
        options = guide.inputs[name].options
        chosen = [o for o in options if values is None or o.id in values]
        conditions.append(
            {
                "name": name,
                "label": ui.text(f"start.input_{name}", lang),
                "text": ui.text("start.any", lang)
                if values is None
                else ui.text("start.or", lang).join(short_label(o.label.get(lang)) for o in chosen),
                "attr": "" if values is None else " ".join(o.id for o in chosen),
            }
        )
    groups = []
    for group in TERM_GROUPS:
        items = []
        for term_id in getattr(rule, group):
            term = guide.terms[group][term_id]
            items.append(
                {
                    "text": term.text.get(lang),
                    "href": _href(page_src_uri, term.link) if term.link else None,
                }
            )
        if items:
            groups.append({"name": group, "label": ui.text(f"start.{group}", lang), "items": items})
    return {
        "id": rule.id,
        "anchor": f"rule-{rule.id}",
        "number": number,
        "no_default": rule.no_default,
        "title": rule.title.get(lang),
        "summary": rule.summary.get(lang),
        "conditions": conditions,
        "read": [
            {
                "href": _href(page_src_uri, link),
                "text": guide.targets[link].text.get(lang),
                "page": guide.targets[link].page_title.get(lang),
            }
            for link in rule.read
        ],
        "groups": groups,
        "resources": [
            {
                "name": guide.resources[rid].name,
                "href": _resource_href(guide, rid, page_src_uri),
                # The Chinese answers name a reachable alternative next to a blocked resource.
                "mirrors": [
                    {"name": m.name, "url": m.url, "official": m.official}
                    for m in guide.resources[rid].mirrors
                ]
                if lang == "zh" and guide.resources[rid].blocked
                else [],
            }
            # Chinese answers list what mainland readers can reach first.
            for rid in sorted(
                rule.resources, key=lambda r: lang == "zh" and guide.resources[r].blocked
            )
        ],
    }


def render_form(guide: Guide, lang: str) -> str:
    inputs = [
        {
            "name": name,
            "label": guide.inputs[name].label.get(lang),
            "options": [
                {"id": o.id, "label": o.label.get(lang)} for o in guide.inputs[name].options
            ],
        }
        for name in INPUTS
    ]
    return templates.render_template("start/form.html", inputs=inputs, lang=lang)


def render_table(guide: Guide, lang: str, page_src_uri: str) -> str:
    rules = [
        rule_view(guide, rule, n, lang, page_src_uri) for n, rule in enumerate(guide.rules, start=1)
    ]
    return templates.render_template("start/table.html", rules=rules, lang=lang)


def _render_marker(part: str | None, guide: Guide, lang: str, page_src_uri: str) -> str:
    if part == "form":
        html = render_form(guide, lang)
    elif part == "table":
        html = render_table(guide, lang, page_src_uri)
    elif part is None:
        html = render_form(guide, lang) + "\n" + render_table(guide, lang, page_src_uri)
    else:
        raise ValueError(
            f"{page_src_uri}: malformed marker '<!-- start-guide: {part} -->'; "
            "write '<!-- start-guide -->', '<!-- start-guide: form -->' "
            "or '<!-- start-guide: table -->'"
        )
    # Raw HTML must not contain blank lines, or Markdown would end the block there.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_markers(markdown: str, lang: str, guide: Guide, page_src_uri: str) -> str:
    """Replace each start-guide marker line (outside fenced code) with its rendered HTML block."""
    if "start-guide" not in markdown:
        return markdown
    if lang not in LANGUAGES:
        raise ValueError(
            f"{page_src_uri}: no start-guide labels for language {lang!r} "
            f"(have: {', '.join(LANGUAGES)})"
        )
    if guide.problems:
        raise ValueError(
            f"{page_src_uri}: the start guide has data problems:\n" + "\n".join(guide.problems)
        )
    return markers.replace_marker_lines(
        markdown,
        MARKER_RE,
        lambda marker: _render_marker(marker["part"], guide, lang, page_src_uri),
    )


# --- CLI ----------------------------------------------------------------------------------------


def coverage_lines(guide: Guide) -> list[str]:
    lines = []
    for choice in situations(guide.inputs):
        rule = resolve(guide, choice)
        answer = (
            "NOT ANSWERED"
            if rule is None
            else rule.id + (" (no good default)" if rule.no_default else "")
        )
        lines.append(
            f"{choice['data']:<11} {choice['goal']:<11} {choice['labels']:<7} "
            f"{choice['size']:<6} -> {answer}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="start_guide.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "validate the guide"),
        ("coverage", "print the rule that answers each situation"),
        ("render", "print the HTML of the form and the table"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument(
            "path", nargs="?", type=Path, default=DEFAULT_DATA, help="the guide's YAML file"
        )
        if name == "render":
            command.add_argument("--lang", choices=LANGUAGES, default="en")
    args = parser.parse_args(argv)
    guide = load_guide(args.path)
    if print_problems(guide.problems):
        return 1
    if args.command == "coverage":
        print("\n".join(coverage_lines(guide)))
        return 0
    if args.command == "render":
        print(render_markers("<!-- start-guide -->\n", args.lang, guide, "start.md"))
        return 0
    total = len(situations(guide.inputs))
    defaults = sum(1 for c in situations(guide.inputs) if (r := resolve(guide, c)) and r.no_default)
    print(
        f"OK: {len(guide.rules)} rules answer all {total} situations "
        f"({defaults} of them with an explained 'no good default'), no problems."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

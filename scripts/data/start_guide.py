"""The "Where do I start?" guide: read and validate data/start-guide.yaml (pages show it
through markers, scripts/render/start_guide.py).

A situation is one option per input (data, goal, labels, size); the FIRST rule whose ``when``
fits it answers it (a key missing from ``when`` fits every option). The check proves that every
situation is answered, every rule answers one, and every link and resource id resolves.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.data import markdown_reader, resources
from scripts.data.datafile import Problem, Where, build, line_of, load_checked, problem_at, shown
from scripts.data.languages import HAN_RE
from scripts.data.resources import NO_CHINESE, Text
from scripts.data.site_paths import CATALOGUE_PAGE

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "data" / "start-guide.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "start-guide.schema.json"
DOCS = ROOT / "docs"
CATALOGUE_DIR = ROOT / "data" / "resources"
CATEGORY_PAGE = "resources/index.md"  # one section per category, the fallback target
INPUTS = ("data", "goal", "labels", "size")
TERM_GROUPS = ("models", "methods", "baselines")

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
    link: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    when: Mapping[str, frozenset[str]]  # an input missing here fits every option
    title: Text
    summary: Text
    read: tuple[str, ...]
    resources: tuple[str, ...]
    line: int
    models: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    baselines: tuple[str, ...] = ()
    no_default: bool = False

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
    # Reachability inherited from data/access.yaml (or the entry's own cn_access): "blocked"
    # means not reachable from mainland China; the Chinese answers then name mirrors (the same
    # content elsewhere) and alternatives (a different service), as the catalogue does.
    blocked: bool = False
    mirrors: tuple[resources.Mirror, ...] = ()
    alternatives: tuple[tuple[str, str], ...] = ()  # (name, url)


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


def resource_ref(entry: resources.Resource, catalogue: resources.Catalogue) -> ResourceRef:
    """The entry as an answer names it (the field cards too, scripts/render/fields.py): its
    access inherited from data/access.yaml, its mirrors, and the alternatives of its host records
    and its own, each once."""
    access = catalogue.access_of(entry)
    alternatives = []
    for alternative in [*(access.alternatives if access else ()), *entry.alternatives]:
        name, url = catalogue.alternative_link(alternative)
        if name and url:
            alternatives.append((name, url))
    return ResourceRef(
        entry.name,
        entry.category,
        blocked=access is not None and access.level == "blocked",
        mirrors=entry.mirrors,
        alternatives=tuple(dict.fromkeys(alternatives)),
    )


def _catalogue_page(docs: Path) -> str | None:
    path = docs / "en" / CATALOGUE_PAGE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = any(m.name == "resources" and m.args == "all" for m in markdown_reader.markers(text))
    return CATALOGUE_PAGE if found else None


# --- Checks -------------------------------------------------------------------------------------


def _target(link: str, docs: Path) -> Target:
    """The heading a link that resolves (``markdown_reader.link_problem``) points at."""
    page, _, anchor = link.partition("#")
    en_title, en = markdown_reader.page_index(docs / "en" / page) or ("", {})
    zh_title, zh = markdown_reader.page_index(docs / "zh" / page) or (en_title, en)
    heading = Text(_clean_heading(en[anchor]), _clean_heading(zh.get(anchor, en[anchor])))
    return Target(heading, Text(en_title, zh_title or en_title))


def situations(inputs: Mapping[str, Input]) -> list[dict[str, str]]:
    """Every combination of one option per input, in the inputs' order."""
    names = [name for name in INPUTS if name in inputs]
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(inputs[n].ids() for n in names))
    ]


def resolve(guide: Guide, choice: Mapping[str, str]) -> Rule | None:
    """The rule that answers ``choice`` (first fit, top to bottom), or None if none fits;
    ValueError for an input or option the guide does not have."""
    for name in INPUTS:
        if name not in choice:
            raise ValueError(f"missing input {name!r}")
        if choice[name] not in (options := guide.inputs[name].ids()):
            expected = ", ".join(options)
            raise ValueError(f"unknown {name} {choice[name]!r} (expected one of: {expected})")
    return next((rule for rule in guide.rules if rule.fits(choice)), None)


def check_data(
    data: Any, where: str, docs: Path, catalogue: resources.Catalogue
) -> tuple[Guide, list[Problem]]:
    """Cross-checks on data that passed the schema, and the Guide built from it."""
    found: list[Problem] = []

    def add(path: Where, message: str | None) -> None:
        if message:
            found.append(problem_at(where, data, path, message))

    def check_target(path: Where, link: str) -> None:
        if link not in guide.targets:
            add(path, problem := markdown_reader.link_problem(link, docs))
            if not problem:
                guide.targets[link] = _target(link, docs)

    def needs_chinese(path: Where, text: Text) -> None:
        if not HAN_RE.search(text.zh or ""):
            add([*path, "zh"], NO_CHINESE)

    guide = Guide(resources={e.id: resource_ref(e, catalogue) for e in catalogue.entries})
    guide.catalogue_page = _catalogue_page(docs)
    for name in INPUTS:
        guide.inputs[name] = build(Input, data["inputs"][name], name=name)
        needs_chinese(["inputs", name, "label"], guide.inputs[name].label)
        for index, option in enumerate(guide.inputs[name].options):
            here: Where = ["inputs", name, "options", index]
            needs_chinese([*here, "label"], option.label)
            if option.id in guide.inputs[name].ids()[:index]:
                add([*here, "id"], f"duplicate option {option.id!r}")
    for group in TERM_GROUPS:
        raw_terms = data["terms"][group].items()
        guide.terms[group] = {k: build(Term, v, id=k, text=build(Text, v)) for k, v in raw_terms}
        for term in guide.terms[group].values():
            if term.link:
                check_target(["terms", group, term.id, "link"], term.link)

    rule_ids: dict[str, int] = {}
    used: set[tuple[str, str]] = set()
    for index, raw in enumerate(data["rules"]):
        here = ["rules", index]
        if raw["id"] in rule_ids:
            first = rule_ids[raw["id"]]
            add([*here, "id"], f"duplicate rule id {raw['id']!r} (first at line {first})")
        else:
            rule_ids[raw["id"]] = line_of(data, [*here, "id"])
        for name, values in raw["when"].items():
            allowed = guide.inputs[name].ids()
            for position, value in enumerate(values):
                if value not in allowed:
                    expected = ", ".join(allowed)
                    message = f"unknown {name} {value!r} (expected one of: {expected})"
                    add([*here, "when", name, position], message)
        for position, link in enumerate(raw["read"]):
            check_target([*here, "read", position], str(link))
        for group in TERM_GROUPS:
            for position, term_id in enumerate(raw.get(group, [])):
                used.add((group, term_id))
                if term_id not in guide.terms[group]:
                    close = difflib.get_close_matches(term_id, list(guide.terms[group]), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    message = f"unknown {group[:-1]} {term_id!r}: define it under terms.{group}"
                    add([*here, group, position], message + hint)
        for position, resource_id in enumerate(raw["resources"]):
            add([*here, "resources", position], catalogue.unknown_id(resource_id))
        # A renamed id (former_ids) still resolves, to the entry's current id.
        current = [getattr(catalogue.get(rid), "id", rid) for rid in raw["resources"]]
        when = {name: frozenset(values) for name, values in raw["when"].items()}
        line = line_of(data, here)
        guide.rules += (build(Rule, raw, when=when, resources=tuple(current), line=line),)
        needs_chinese([*here, "title"], guide.rules[-1].title)
        needs_chinese([*here, "summary"], guide.rules[-1].summary)

    for group in TERM_GROUPS:
        for term_id in guide.terms[group]:
            if (group, term_id) not in used:
                add(["terms", group, term_id], "no rule uses this term; remove it or refer to it")

    answered: set[str] = set()
    for choice in situations(guide.inputs):
        rule = resolve(guide, choice)
        if rule is None:
            described = ", ".join(f"{name}={value}" for name, value in choice.items())
            message = f"no rule answers {described}; add a rule for it, "
            add(["rules"], message + "or one with 'no_default: true' that says why")
        else:
            answered.add(rule.id)
    for index, rule in enumerate(guide.rules):
        if rule.id not in answered and rule_ids[rule.id] == line_of(data, ["rules", index, "id"]):
            earlier = {
                r.id
                for r in guide.rules[:index]
                for c in situations(guide.inputs)
                if rule.fits(c) and r.fits(c)
            }
            add(
                ["rules", index, "when"],
                f"rule {rule.id!r} never answers: earlier rules ({', '.join(sorted(earlier))}) "
                "take every situation it fits; move it up or remove it",
            )
    return guide, found


def load_guide(
    path: Path | None = None,
    docs: Path | None = None,
    catalogue: resources.Catalogue | None = None,
) -> Guide:
    """Load and check the guide; never raises, every problem is in ``guide.problems``.
    ``docs`` holds the pages links point at; ``catalogue`` defaults to data/resources'."""
    path = Path(DEFAULT_DATA if path is None else path)
    data, found, _ = load_checked(path, SCHEMA_PATH)
    if data is None or found:
        return Guide(problems=tuple(str(p) for p in found))
    if catalogue is None:
        catalogue = resources.load_catalogue(CATALOGUE_DIR)
    # Data that passed the schema has the shape check_data reads: an exception there is a bug
    # in this module and is raised, not reported as a problem of the data file.
    guide, cross = check_data(data, shown(path), DOCS if docs is None else docs, catalogue)
    guide.problems = tuple(str(p) for p in sorted(set(cross)))
    return guide


# --- Coverage -----------------------------------------------------------------------------------


def coverage_lines(guide: Guide) -> list[str]:
    """One line per situation: its options and the rule that answers it."""
    lines = []
    for choice in situations(guide.inputs):
        rule = resolve(guide, choice)
        answer = "NOT ANSWERED" if rule is None else rule.id
        answer += " (no good default)" if rule and rule.no_default else ""
        lines.append(
            f"{choice['data']:<11} {choice['goal']:<11} {choice['labels']:<7} "
            f"{choice['size']:<6} -> {answer}"
        )
    return lines

"""Render the resource catalogue (loaded and validated by scripts/data/resources.py) as HTML lists.

Pages show the data through markers on a line of their own:

    <!-- resources: category=models -->     one category's entries
    <!-- resources: all -->                 every entry, with filters (needs catalogue.js)
    <!-- resources: domain=genomics kind=dataset,benchmark -->
                                            entries with any listed value in every named group

Each entry is a list item (``<li id="res-<id>">``) with its name as a heading; the HTML lives in
overrides/partials/catalogue/. Everything that comes from data is escaped; only http(s) URLs
become links. "Link checked" dates come from the machine facts (facts.json) of an address the
check really fetched, and nothing else; a review date is shown only with its sources, each one
click away in a <details> list.

    <!-- resources: statuses -->             the status definitions, from the schema

CLI:
    python -m scripts catalogue render (category=<id>|all) [--lang en|zh]   print the HTML

Public API used by the build: ``render_marker``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from scripts.data import resources, ui
from scripts.data.languages import LANGUAGES
from scripts.data.resources import Catalogue, Resource, label
from scripts.render import templates

CATEGORY_ARG_RE = re.compile(r"^category\s*=\s*(?P<category>\S+)$")
FILTER_ARG_RE = re.compile(r"^(?P<group>[a-z]+)=(?P<values>[a-z0-9,-]+)$")
# The groups a filtered marker can select on (``any`` entries are not listed on a field's page).
MARKER_FILTERS = ("domain", "data", "kind", "level", "status")
# The filters of the All resources page, in the order the form shows them.
FILTER_GROUPS = ("category", "domain", "data", "level", "kind", "status")


def _escape_text(value: Any) -> Any:
    """Jinja ``finalize``: escape data as HTML, and ``|`` too so no Markdown table can split it."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(str(escape(value)).replace("|", "&#124;"))
    return value


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return templates.environment().overlay(finalize=_escape_text)


def _sources_view(sources: Sequence[resources.Source], lang: str) -> list[dict[str, Any]]:
    """Each source as a link with what it established, in the page's language where written
    (``lang`` is set to "en" when the text falls back to English)."""
    return [
        {
            "href": source.href if resources.is_link(source.href) else None,
            "label": source.label,
            "date": source.date,
            "established": source.established.get(lang),
            "lang": source.established.lang(lang)
            if source.established.lang(lang) != lang
            else None,
        }
        for source in sources
    ]


def _alternative_view(
    alternative: resources.Alternative, lang: str, catalogue: Catalogue | None
) -> dict[str, Any]:
    target = catalogue.get(alternative.id) if catalogue and alternative.id else None
    name = target.name if target else alternative.name or alternative.id or ""
    url = target.url if target else alternative.url or ""
    return {
        "name": name,
        "href": url if resources.is_link(url) else None,
        "note": alternative.note.get(lang),
    }


def _access_view(
    resource: Resource, lang: str, catalogue: Catalogue | None
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The entry's reachability from mainland China (inherited from its hosts' records, or its
    own ``cn_access``) and its alternatives (host-level first, then the entry's own)."""
    access = catalogue.access_of(resource) if catalogue else None
    if access is None and resource.cn_access is not None:
        access = resources.EntryAccess(resource.cn_access.level, (), resource.cn_access)
    alternatives = [*(access.alternatives if access else ()), *resource.alternatives]
    if access is None or (access.level == "unknown" and access.own is None):
        # "Not known" inherited from a host is no news to the reader: nothing is claimed.
        return None, [_alternative_view(alt, lang, catalogue) for alt in resource.alternatives]
    if access.own is not None:
        reason, sources = access.own.source.get(lang), []
    else:
        worst = [r for r in access.records if r.level == access.level]
        reason = " ".join(record.note.get(lang) for record in worst)
        sources = [source for record in worst for source in record.sources]
    # Blocked entries carry the reason and its sources; a slow host (github.com holds most
    # entries) names the level and its alternatives only, so pages do not repeat one record
    # a hundred times.
    brief = access.level != "blocked" and access.own is None
    view = {
        "level": access.level,
        "label": resources.access_label(access.level, lang),
        "source": None if brief else reason,
        "sources": [] if brief else _sources_view(sources, lang),
    }
    return view, [
        {**_alternative_view(alt, lang, catalogue), **({"note": None} if brief else {})}
        for alt in alternatives
    ]


def _checked(facts: dict[str, Any]) -> str | None:
    """The date the check fetched the entry's url; never for an address it skipped or ignored
    (such facts carry no ``checked`` and no HTTP status)."""
    checked = facts.get("checked")
    if isinstance(checked, str) and isinstance(facts.get("http_status"), int):
        return checked
    return None


def row_view(
    resource: Resource,
    lang: str,
    facts: dict[str, Any] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[str, Any]:
    """What one entry shows, already in the page's language (the template only lays it out).

    ``facts`` are this entry's machine facts from facts.json; a "link checked" date appears only
    for an address the check really fetched. A review date appears only with its sources.
    China access (inherited from data/access.yaml through ``catalogue``), mirrors and
    alternatives are for readers of the Chinese site only.
    """
    facts = facts or {}
    history = [url for url in dict.fromkeys(resource.former_urls) if url != resource.url]
    survey = resource.survey_url if resource.survey_url not in (None, resource.url) else None
    access, alternatives = _access_view(resource, lang, catalogue) if lang == "zh" else (None, [])
    mirrors = resource.mirrors if lang == "zh" else ()
    review = resource.review
    return {
        "anchor": f"res-{resource.id}",
        "name": resource.name,
        "href": resource.url
        if resource.status != "dead" and resources.is_link(resource.url)
        else None,
        "url": resource.url,
        "survey_url": survey,
        "former_urls": [url for url in history if url != survey],
        "description": resource.description.get(lang),
        "note": resource.note.get(lang) if resource.note else None,
        "status": resource.status,
        "status_label": label("status", resource.status, lang),
        "kind": resource.kind,
        "kind_label": label("kind", resource.kind, lang),
        "chips": [label("data", value, lang) for value in resource.data]
        + [label("level", resource.level, lang)],
        "domains": [label("domain", value, lang) for value in resource.domain if value != "any"],
        "category": resource.category,
        "category_label": label("category", resource.category, lang),
        "checked": _checked(facts),
        "review": {"date": review.date, "sources": _sources_view(review.sources, lang)}
        if review and review.sources
        else None,
        "cn_access": access,
        "alternatives": alternatives,
        "mirrors": [
            {
                "name": mirror.name,
                "href": mirror.url if resources.is_link(mirror.url) else None,
                "official": mirror.official,
                "note": mirror.note.get(lang) if mirror.note else None,
            }
            for mirror in mirrors
        ],
    }


def _rows(entries: Sequence[Resource], lang: str, catalogue: Catalogue) -> list[dict[str, Any]]:
    return [row_view(entry, lang, catalogue.facts.get(entry.id), catalogue) for entry in entries]


def render_category(category: str, lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    source = f"data/resources/{category}.yaml"
    return (
        _environment()
        .get_template("catalogue/category.html")
        .render(
            category=category,
            source=source,
            source_url=edit_base + source if edit_base else "",
            rows=_rows(catalogue.in_category(category), lang, catalogue),
            lang=lang,
        )
    )


def parse_filters(argument: str) -> dict[str, tuple[str, ...]] | str:
    """``domain=genomics kind=dataset,benchmark`` as {group: values}, or the problem as text."""
    filters: dict[str, tuple[str, ...]] = {}
    for part in argument.split():
        match = FILTER_ARG_RE.match(part)
        if not match or match["group"] not in MARKER_FILTERS:
            groups = ", ".join(MARKER_FILTERS)
            return f"cannot read {part!r} (write group=value[,value] with a group of: {groups})"
        values = tuple(match["values"].split(","))
        unknown = [value for value in values if value not in resources.choices(match["group"])]
        if unknown:
            known = ", ".join(resources.choices(match["group"]))
            return f"unknown {match['group']} {', '.join(map(repr, unknown))} (known: {known})"
        filters[match["group"]] = values
    return filters if filters else "no filter given"


def matching(catalogue: Catalogue, filters: dict[str, tuple[str, ...]]) -> list[Resource]:
    """Entries that have one of the listed values in every filtered group, in catalogue order."""

    def values(entry: Resource, group: str) -> tuple[str, ...]:
        value = getattr(entry, group)
        return tuple(value) if isinstance(value, (tuple, list)) else (value,)

    return [
        entry
        for entry in catalogue.entries
        if all(set(values(entry, group)) & set(wanted) for group, wanted in filters.items())
    ]


def render_filtered(
    filters: dict[str, tuple[str, ...]], lang: str, catalogue: Catalogue, edit_base: str = ""
) -> str:
    folder = edit_base.replace("/edit/", "/tree/") + "data/resources" if edit_base else ""
    return (
        _environment()
        .get_template("catalogue/category.html")
        .render(
            category=" ".join(f"{group}={','.join(v)}" for group, v in filters.items()),
            source="data/resources/*.yaml",
            source_url=folder,
            rows=_rows(matching(catalogue, filters), lang, catalogue),
            lang=lang,
        )
    )


def filter_options(catalogue: Catalogue, lang: str) -> list[dict[str, Any]]:
    """One select per tag group, offering only values that some resource has."""
    used: dict[str, set[str]] = {group: set() for group in FILTER_GROUPS}
    for entry in catalogue.entries:
        used["category"].add(entry.category)
        used["domain"].update(entry.domain)
        used["data"].update(entry.data)
        for group in ("level", "kind", "status"):
            used[group].add(getattr(entry, group))
    return [
        {
            "name": group,
            "label": ui.text(f"catalogue.{group}", lang),
            "options": [
                {"value": value, "label": label(group, value, lang)}
                for value in resources.choices(group)
                if value in used[group]
            ],
        }
        for group in FILTER_GROUPS
    ]


def render_all(lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    # The whole folder: its files are browsed, not edited, at the repository's tree URL.
    folder = edit_base.replace("/edit/", "/tree/") + "data/resources" if edit_base else ""
    return (
        _environment()
        .get_template("catalogue/all.html")
        .render(
            source="data/resources/*.yaml",
            source_url=folder,
            groups=[
                {
                    "category": category,
                    "label": label("category", category, lang),
                    "rows": _rows(catalogue.in_category(category), lang, catalogue),
                }
                for category in resources.categories()
                if catalogue.in_category(category)
            ],
            filters=filter_options(catalogue, lang),
            lang=lang,
        )
    )


def status_definition(lang: str) -> dict[str, Any]:
    """The schema's status definition in one language: the two value sets (values in the
    schema's x-maintained-values and x-finished-values), each value's label and meaning, the
    values common to both, and which kinds belong to which set."""
    status = resources.schema()["$defs"]["status"]
    definition = status["x-definition"]
    sets = [(s["values"], status[s["values"]]) for s in definition["sets"]]
    common = [v for v in status["enum"] if all(v in values for _, values in sets)]

    def value(name: str) -> dict[str, str]:
        text = definition["values"][name][lang]
        return {"value": name, "label": label("status", name, lang), "text": text}

    return {
        "intro": definition["intro"][lang],
        "sets": [
            {
                "key": key.removeprefix("x-").removesuffix("-values"),
                "name": raw["name"][lang],
                "text": raw["text"][lang],
                "values": [value(v) for v in values if v not in common],
            }
            for (key, values), raw in zip(sets, definition["sets"], strict=True)
        ],
        "both": [value(v) for v in common],
        "kinds": definition["kinds"][lang],
    }


def render_statuses(lang: str) -> str:
    return (
        _environment()
        .get_template("catalogue/statuses.html")
        .render(lang=lang, **status_definition(lang))
    )


def render_marker(argument: str, lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    """The HTML block of one ``<!-- resources: … -->`` marker (registered in render/page.py);
    ``edit_base`` (``https://github.com/o/r/edit/main/``) links each list to its YAML file."""
    if argument == "all":
        html = render_all(lang, catalogue, edit_base)
    elif argument == "statuses":
        html = render_statuses(lang)
    elif not argument.startswith("category"):
        filters = parse_filters(argument)
        if isinstance(filters, str):
            raise ValueError(f"'<!-- resources: {argument} -->': {filters}")
        html = render_filtered(filters, lang, catalogue, edit_base)
    else:
        match = CATEGORY_ARG_RE.match(argument)
        if not match:
            raise ValueError(
                f"malformed '<!-- resources: {argument} -->'; "
                "write '<!-- resources: category=<id> -->' or '<!-- resources: all -->'"
            )
        category = match["category"]
        if category not in resources.categories():
            raise ValueError(
                f"unknown resource category {category!r} in "
                f"'<!-- resources: {argument} -->' (known: {', '.join(resources.categories())})"
            )
        html = render_category(category, lang, catalogue, edit_base)
    return html


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="print one marker's HTML")
    render.add_argument("marker", help="'all' or 'category=<id>'")
    render.add_argument("--lang", choices=LANGUAGES, default="en")
    render.add_argument("--data", type=Path, default=resources.DEFAULT_DATA)
    args = parser.parse_args(argv)
    catalogue = resources.load_catalogue(args.data)
    if catalogue.problems:
        print("\n".join(catalogue.problems), file=sys.stderr)
        return 1
    try:
        print(render_marker(args.marker, args.lang, catalogue))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0

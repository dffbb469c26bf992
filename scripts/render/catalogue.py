"""Render the resource catalogue (loaded and validated by scripts/data/resources.py) as HTML lists.

Pages show the data through markers on a line of their own:

    <!-- resources: category=models -->     one category's entries
    <!-- resources: all -->                 every entry, with filters (needs catalogue.js)
    <!-- resources: domain=genomics kind=dataset,benchmark -->
                                            entries with any listed value in every named group

Each entry is a list item (``<li id="res-<id>">``) with its name as a heading; the HTML lives in
overrides/partials/catalogue/. Everything that comes from data is escaped; only http(s) URLs
become links. "Checked on" dates come from the machine facts (facts.json) and nothing else.

CLI:
    python -m scripts catalogue render (category=<id>|all) [--lang en|zh]   print the HTML

Public API used by the build: ``render_markers``.
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

from scripts.data import markdown_reader, resources, ui
from scripts.data.languages import LANGUAGES
from scripts.data.resources import Catalogue, Resource, label
from scripts.render import templates

MARKER_RE = re.compile(r"^ {0,3}<!--\s*resources:\s*(?P<arg>.*?)\s*-->\s*$")
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


def row_view(resource: Resource, lang: str, facts: dict[str, Any] | None = None) -> dict[str, Any]:
    """What one entry shows, already in the page's language (the template only lays it out).

    ``facts`` are this entry's machine facts from facts.json; without them no check date is shown.
    China access and mirrors are for readers of the Chinese site only.
    """
    facts = facts or {}
    history = [url for url in dict.fromkeys(resource.former_urls) if url != resource.url]
    survey = resource.survey_url if resource.survey_url not in (None, resource.url) else None
    access = resource.cn_access if lang == "zh" else None
    mirrors = resource.mirrors if lang == "zh" else ()
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
        "checked": facts.get("checked") if isinstance(facts.get("checked"), str) else None,
        "reviewed": resource.reviewed,
        "cn_access": (
            {
                "level": access.level,
                "label": label("cn_level", access.level, lang),
                "source": access.source.get(lang),
            }
            if access
            else None
        ),
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
    return [row_view(entry, lang, catalogue.facts.get(entry.id)) for entry in entries]


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


def _render_marker(
    argument: str, lang: str, catalogue: Catalogue, page_src_uri: str, edit_base: str
) -> str:
    if argument == "all":
        html = render_all(lang, catalogue, edit_base)
    elif not argument.startswith("category"):
        filters = parse_filters(argument)
        if isinstance(filters, str):
            raise ValueError(f"{page_src_uri}: marker '<!-- resources: {argument} -->': {filters}")
        html = render_filtered(filters, lang, catalogue, edit_base)
    else:
        match = CATEGORY_ARG_RE.match(argument)
        if not match:
            raise ValueError(
                f"{page_src_uri}: malformed marker '<!-- resources: {argument} -->'; "
                "write '<!-- resources: category=<id> -->' or '<!-- resources: all -->'"
            )
        category = match["category"]
        if category not in resources.categories():
            raise ValueError(
                f"{page_src_uri}: unknown resource category {category!r} in marker "
                f"'<!-- resources: {argument} -->' (known: {', '.join(resources.categories())})"
            )
        html = render_category(category, lang, catalogue, edit_base)
    # Raw HTML must not contain blank lines, or Markdown would end the block there.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_markers(
    markdown: str, lang: str, catalogue: Catalogue, page_src_uri: str, edit_base: str = ""
) -> str:
    """Replace each resources marker line (outside fenced code) with its rendered HTML block.

    ``edit_base`` (e.g. ``https://github.com/o/r/edit/main/``) links each list to its YAML file.
    """
    if lang not in LANGUAGES:
        raise ValueError(
            f"{page_src_uri}: no resource labels for language {lang!r}"
            f" (have: {', '.join(LANGUAGES)})"
        )
    return markdown_reader.replace_marker_lines(
        markdown,
        MARKER_RE,
        lambda marker: _render_marker(marker["arg"], lang, catalogue, page_src_uri, edit_base),
    )


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
        print(_render_marker(args.marker, args.lang, catalogue, "<command line>", ""))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0

"""The resource catalogue (loaded and validated by scripts/data/resources.py) as HTML lists, on
the markers ``<!-- resources: category=models -->`` (one category), ``<!-- resources: all -->``
(every entry, with the filters of catalogue.js), ``<!-- resources: domain=genomics
kind=dataset,benchmark -->`` (entries with a listed value in every named group) and
``<!-- resources: statuses -->`` (the status definitions, from the schema).

Each entry is ``<li id="res-<id>">`` (templates/catalogue/). Data is escaped; only http(s) URLs
become links. "Link checked" dates come only from the facts (facts.json) of an address the check
really fetched; a review date is shown only with its sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from scripts.data import resources
from scripts.data.resources import Catalogue, Resource
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


def _alternative_view(
    alternative: resources.Alternative, lang: str, catalogue: Catalogue
) -> dict[str, Any]:
    name, url = catalogue.alternative_link(alternative)
    href = url if resources.is_link(url) else None
    return {"name": name, "href": href, "note": alternative.note.get(lang)}


def _access_view(
    resource: Resource, lang: str, catalogue: Catalogue
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The entry's reachability from mainland China (inherited from its hosts' records, or its
    own ``cn_access``) and its alternatives (host-level first, then the entry's own)."""
    access = catalogue.access_of(resource)
    if access is None or (access.level == "unknown" and access.own is None):
        # "Not known" inherited from a host is no news to the reader: nothing is claimed.
        return None, [_alternative_view(alt, lang, catalogue) for alt in resource.alternatives]
    if access.own is not None:
        reason, sources = access.own.source.get(lang), []
    else:
        worst = [r for r in access.records if r.level == access.level]
        reason = " ".join(record.note.get(lang) for record in worst)
        sources = [source for record in worst for source in record.sources]
    alternatives = [*access.alternatives, *resource.alternatives]
    # Blocked entries carry the reason and its sources; a slow host (github.com holds most
    # entries) names the level and its alternatives only, so pages do not repeat one record
    # a hundred times.
    brief = access.level != "blocked" and access.own is None
    view = {
        "level": access.level,
        "label": resources.access_label(access.level, lang),
        "source": None if brief else reason,
        "sources": [] if brief else sources,
    }
    return view, [
        {**_alternative_view(alt, lang, catalogue), **({"note": None} if brief else {})}
        for alt in alternatives
    ]


def row_view(
    resource: Resource,
    lang: str,
    facts: dict[str, Any] | None = None,
    catalogue: Catalogue | None = None,
) -> dict[str, Any]:
    """What one entry (``entry``, which the template reads in the page's language) adds: its link,
    addresses, check date (``facts`` from facts.json) and review; China access (inherited through
    ``catalogue``; without one, the entry's own only), mirrors and alternatives: Chinese site
    only."""
    facts = facts or {}
    catalogue = catalogue or Catalogue((), ())
    # The date the check found the url answering; never for an address it skipped (no HTTP
    # status) or one that failed ("link checked" beside a 404 would read as "it works").
    status = facts.get("http_status")
    checked = facts.get("checked") if isinstance(status, int) and 200 <= status < 400 else None
    history = [url for url in dict.fromkeys(resource.former_urls) if url != resource.url]
    survey = resource.survey_url if resource.survey_url not in (None, resource.url) else None
    access, alternatives = _access_view(resource, lang, catalogue) if lang == "zh" else (None, [])
    review = resource.review
    return {
        "entry": resource,
        "href": resource.live_url,
        "survey_url": survey,
        "former_urls": [url for url in history if url != survey],
        "checked": checked if isinstance(checked, str) else None,
        "review": review if review and review.sources else None,
        "cn_access": access,
        "alternatives": alternatives,
        "mirrors": resource.mirrors if lang == "zh" else (),
    }


def _rows(entries: Sequence[Resource], lang: str, catalogue: Catalogue) -> list[dict[str, Any]]:
    return [row_view(entry, lang, catalogue.facts.get(entry.id), catalogue) for entry in entries]


def _render(template: str, lang: str, edit_base: str, source: str = "", **context: Any) -> str:
    """A catalogue template, with the link to its YAML file (``source``, edited at
    ``edit_base``) or to the whole folder (browsed at the repository's tree URL)."""
    folder = edit_base.replace("/edit/", "/tree/") + "data/resources"
    source_url = (edit_base + source if source else folder) if edit_base else ""
    page = _environment().get_template(template)
    source = source or "data/resources/*.yaml"
    return page.render(lang=lang, source=source, source_url=source_url, **context)


def render_category(category: str, lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    rows = _rows(catalogue.in_category(category), lang, catalogue)
    source = f"data/resources/{category}.yaml"
    return _render("catalogue/category.html", lang, edit_base, source, category=category, rows=rows)


def parse_filters(argument: str) -> dict[str, tuple[str, ...]] | str:
    """``domain=genomics kind=dataset,benchmark`` as {group: values} (each group once, its values
    comma-separated), or the problem as text."""
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
        group = match["group"]
        if group in filters:
            both = ",".join(filters[group] + values)
            return f"{group} given twice; write {group}={both}"
        filters[group] = values
    return filters if filters else "no filter given"


def _values(entry: Resource, group: str) -> tuple[str, ...]:
    value = getattr(entry, group)
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def matching(catalogue: Catalogue, filters: dict[str, tuple[str, ...]]) -> list[Resource]:
    """Entries that have one of the listed values in every filtered group, in catalogue order."""
    return [
        entry
        for entry in catalogue.entries
        if all(set(_values(entry, group)) & set(wanted) for group, wanted in filters.items())
    ]


def filter_options(catalogue: Catalogue) -> dict[str, list[str]]:
    """The values of each filter's select (its tag group): only those some resource has."""
    used = {g: {v for entry in catalogue.entries for v in _values(entry, g)} for g in FILTER_GROUPS}
    return {
        group: [v for v in resources.choices(group) if v in used[group]] for group in FILTER_GROUPS
    }


def render_all(lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    groups = {
        category: _rows(catalogue.in_category(category), lang, catalogue)
        for category in resources.categories()
        if catalogue.in_category(category)
    }
    filters = filter_options(catalogue)
    return _render("catalogue/all.html", lang, edit_base, groups=groups, filters=filters)


def render_marker(argument: str, lang: str, catalogue: Catalogue, edit_base: str = "") -> str:
    """The HTML block of one ``<!-- resources: … -->`` marker (registered in render/page.py);
    ``edit_base`` (``https://github.com/o/r/edit/main/``) links each list to its YAML file."""
    if argument == "all":
        return render_all(lang, catalogue, edit_base)
    if argument == "statuses":
        template = _environment().get_template("catalogue/statuses.html")
        return template.render(lang=lang, status=resources.schema()["$defs"]["status"])
    if not argument.startswith("category"):
        filters = parse_filters(argument)
        if isinstance(filters, str):
            raise ValueError(f"'<!-- resources: {argument} -->': {filters}")
        rows = _rows(matching(catalogue, filters), lang, catalogue)
        category = " ".join(f"{group}={','.join(v)}" for group, v in filters.items())
        return _render("catalogue/category.html", lang, edit_base, category=category, rows=rows)
    match = CATEGORY_ARG_RE.match(argument)
    if not match:
        raise ValueError(
            f"malformed '<!-- resources: {argument} -->'; "
            "write '<!-- resources: category=<id> -->' or '<!-- resources: all -->'"
        )
    if match["category"] not in resources.categories():
        raise ValueError(
            f"unknown resource category {match['category']!r} in "
            f"'<!-- resources: {argument} -->' (known: {', '.join(resources.categories())})"
        )
    return render_category(match["category"], lang, catalogue, edit_base)

"""The field guides on a page (data in scripts/data/fields.py): ``<!-- fields: table -->`` is one
card per field (its page, typical data, the survey's templates that fit, first dataset, model
family, main pitfall), a definition list each, so it reads on a 360 px phone. ``field_view`` is
shared with the start guide's field choice (scripts/render/start_guide.py).
"""

from __future__ import annotations

from typing import Any

from scripts.data import markdown_reader, resources, start_guide
from scripts.data.fields import DOCS, Field, Fields
from scripts.data.site_paths import CATALOGUE_PAGE, relative_url
from scripts.render.templates import render_template


def resource_view(
    catalogue: resources.Catalogue, resource_id: str, lang: str, page: str
) -> dict[str, Any]:
    """A link to a catalogued resource as ``res:<id>`` resolves (its address, or its catalogue
    row when it is gone); on the Chinese site a blocked resource names its mirrors and
    alternatives, as the start guide's answers do (``start_guide.resource_ref``), which link
    the catalogue row instead."""
    entry = catalogue.get(resource_id)
    assert entry is not None, resource_id  # scripts/data/fields.py checked every id
    ref = start_guide.resource_ref(entry, catalogue)
    blocked = lang == "zh" and ref.blocked
    return {
        "name": entry.name,
        "href": entry.live_url or relative_url(page, f"{CATALOGUE_PAGE}#res-{entry.id}"),
        "mirrors": ref.mirrors if blocked else (),
        "alternatives": ref.alternatives if blocked else (),  # (name, url)
    }


def field_view(
    field: Field, lang: str, page: str, catalogue: resources.Catalogue
) -> dict[str, Any]:
    """What one field (``field``, which the templates read) adds: its page's title (front matter,
    in ``lang``, else in English, else the field's id) and its resources as links from ``page``,
    the page it is on."""
    indexes = (markdown_reader.page_index(DOCS / folder / field.page) for folder in (lang, "en"))
    return {
        "field": field,
        "title": next((index[0] for index in indexes if index and index[0]), field.id),
        "first_dataset": resource_view(catalogue, field.first_dataset, lang, page),
        # Chinese readers see what mainland readers can reach first.
        "starters": sorted(
            (resource_view(catalogue, rid, lang, page) for rid in field.starters),
            key=lambda view: bool(view["mirrors"]),
        ),
    }


def field_views(
    fields: Fields, lang: str, page: str, catalogue: resources.Catalogue
) -> list[dict[str, Any]]:
    return [field_view(field, lang, page, catalogue) for field in fields.entries]


def render_marker(
    part: str, lang: str, fields: Fields, catalogue: resources.Catalogue, page: str
) -> str:
    """The cards of ``<!-- fields: table -->`` (registered in render/page.py)."""
    if part != "table":
        raise ValueError(f"malformed '<!-- fields: {part} -->'; write '<!-- fields: table -->'")
    if fields.problems:
        raise ValueError("the field data have problems:\n" + "\n".join(fields.problems))
    views = field_views(fields, lang, page, catalogue)
    return render_template("fields/table.html", fields=views, lang=lang, page=page)

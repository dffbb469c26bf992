"""The "Where do I start?" guide on a page (data in scripts/data/start_guide.py).

Pages show the guide through marker lines:

    <!-- start-guide: form -->     the form (shown by start.js) and the answer box
    <!-- start-guide: table -->    every rule as a static table, complete without JavaScript
    <!-- start-guide -->           both
    <!-- start-guide: fields -->   by field (data/fields/*.yaml): each field's page and starter
                                   resources; start.js copies the chosen field's item into the
                                   answer, and without JavaScript the list is there as it is
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scripts.data import resources, ui
from scripts.data import start_guide as data
from scripts.data.datafile import print_problems
from scripts.data.fields import Fields
from scripts.data.languages import LANGUAGES
from scripts.data.site_paths import relative_url
from scripts.render import fields as field_render
from scripts.render.templates import render_template

PAREN_TAIL_RE = re.compile(r"\s*[（(][^（(]*[)）]\s*$")

# --- Rendering ----------------------------------------------------------------------------------


def short_label(text: str) -> str:
    """An option label without its trailing examples in brackets, for the table's conditions."""
    return PAREN_TAIL_RE.sub("", text) or text


def _resource_href(guide: data.Guide, resource_id: str, page_src_uri: str) -> str:
    if guide.catalogue_page:
        return relative_url(page_src_uri, f"{guide.catalogue_page}#res-{resource_id}")
    return relative_url(
        page_src_uri, f"{data.CATEGORY_PAGE}#{guide.resources[resource_id].category}"
    )


def rule_view(
    guide: data.Guide, rule: data.Rule, number: int, lang: str, page_src_uri: str
) -> dict[str, Any]:
    """What one rule shows, already in the page's language (templates only lay it out)."""
    conditions = []
    for name in data.INPUTS:
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
    for group in data.TERM_GROUPS:
        items = []
        for term_id in getattr(rule, group):
            term = guide.terms[group][term_id]
            items.append(
                {
                    "text": term.text.get(lang),
                    "href": relative_url(page_src_uri, term.link) if term.link else None,
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
                "href": relative_url(page_src_uri, link),
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
                # The Chinese answers name mirrors and alternatives next to a blocked resource
                # (access inherited from data/access.yaml, as on the catalogue pages).
                "mirrors": [
                    {"name": m.name, "url": m.url, "official": m.official}
                    for m in guide.resources[rid].mirrors
                ]
                if lang == "zh" and guide.resources[rid].blocked
                else [],
                "alternatives": [
                    {"name": name, "url": url} for name, url in guide.resources[rid].alternatives
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


def field_views(
    fields: Fields | None, catalogue: resources.Catalogue | None, lang: str, page_src_uri: str
) -> list[dict[str, Any]]:
    """The fields the optional fifth input offers (none without field data)."""
    if not fields or catalogue is None:
        return []
    names = field_render.titles(fields, lang)
    return [
        field_render.field_view(f, lang, page_src_uri, catalogue, names) for f in fields.entries
    ]


def render_form(guide: data.Guide, lang: str, fields: Sequence[dict[str, Any]] = ()) -> str:
    inputs = [
        {
            "name": name,
            "label": guide.inputs[name].label.get(lang),
            "options": [
                {"id": o.id, "label": o.label.get(lang)} for o in guide.inputs[name].options
            ],
        }
        for name in data.INPUTS
    ]
    return render_template("start/form.html", inputs=inputs, fields=fields, lang=lang)


def render_table(guide: data.Guide, lang: str, page_src_uri: str) -> str:
    rules = [
        rule_view(guide, rule, n, lang, page_src_uri) for n, rule in enumerate(guide.rules, start=1)
    ]
    return render_template("start/table.html", rules=rules, lang=lang)


def render_marker(
    part: str,
    guide: data.Guide,
    lang: str,
    page_src_uri: str,
    fields: Fields | None = None,
    catalogue: resources.Catalogue | None = None,
) -> str:
    """The HTML block of one ``<!-- start-guide[: form|table|fields] -->`` marker; with
    ``fields`` (and the ``catalogue`` their starters name) the form offers a field."""
    if guide.problems:
        raise ValueError("the start guide has data problems:\n" + "\n".join(guide.problems))
    views = field_views(fields, catalogue, lang, page_src_uri)
    if part == "form":
        html = render_form(guide, lang, views)
    elif part == "table":
        html = render_table(guide, lang, page_src_uri)
    elif part == "fields":
        html = render_template("start/fields.html", fields=views, lang=lang)
    elif not part:
        html = render_form(guide, lang, views) + "\n" + render_table(guide, lang, page_src_uri)
    else:
        raise ValueError(
            f"malformed '<!-- start-guide: {part} -->'; write '<!-- start-guide -->', "
            "'<!-- start-guide: form -->', '<!-- start-guide: table -->' or "
            "'<!-- start-guide: fields -->'"
        )
    return html


# --- CLI ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "validate the guide"),
        ("coverage", "print the rule that answers each situation"),
        ("render", "print the HTML of the form and the table"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument(
            "path", nargs="?", type=Path, default=data.DEFAULT_DATA, help="the guide's YAML file"
        )
        if name == "render":
            command.add_argument("--lang", choices=LANGUAGES, default="en")
    args = parser.parse_args(argv)
    guide = data.load_guide(args.path)
    if print_problems(guide.problems):
        return 1
    if args.command == "coverage":
        print("\n".join(data.coverage_lines(guide)))
        return 0
    if args.command == "render":
        print(render_marker("", guide, args.lang, "start.md"))
        return 0
    total = len(data.situations(guide.inputs))
    defaults = sum(
        1 for c in data.situations(guide.inputs) if (r := data.resolve(guide, c)) and r.no_default
    )
    print(
        f"OK: {len(guide.rules)} rules answer all {total} situations "
        f"({defaults} of them with an explained 'no good default'), no problems."
    )
    return 0

"""The "Where do I start?" guide on a page (data in scripts/data/start_guide.py), on the markers
``<!-- start-guide: form -->`` (the form start.js runs, and its answer box), ``: table`` (every
rule as a static table, complete without JavaScript), ``: fields`` (each field of data/fields/
with its page and starters, which start.js copies into the answer) or no part (form and table).

CLI: ``python -m scripts start-guide check|coverage [PATH]``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scripts.data import resources, ui
from scripts.data import start_guide as data
from scripts.data.datafile import print_problems
from scripts.data.fields import Fields
from scripts.data.site_paths import relative_url
from scripts.render import fields as field_render
from scripts.render.templates import render_template

PAREN_TAIL_RE = re.compile(r"\s*[（(][^（(]*[)）]\s*$")


def short_label(text: str) -> str:
    """An option label without its trailing examples in brackets, for the table's conditions."""
    return PAREN_TAIL_RE.sub("", text) or text


def _resource_view(guide: data.Guide, rid: str, lang: str, page_src_uri: str) -> dict[str, Any]:
    """A resource of an answer; the Chinese answers name mirrors and alternatives next to a
    blocked one (access inherited from data/access.yaml, as on the catalogue pages)."""
    entry = guide.resources[rid]
    where = f"{guide.catalogue_page}#res-{rid}" if guide.catalogue_page else None
    blocked = lang == "zh" and entry.blocked
    return {
        "name": entry.name,
        "href": relative_url(page_src_uri, where or f"{data.CATEGORY_PAGE}#{entry.category}"),
        "mirrors": entry.mirrors if blocked else (),
        "alternatives": entry.alternatives if blocked else (),  # (name, url)
    }


def rule_view(guide: data.Guide, rule: data.Rule, lang: str, page_src_uri: str) -> dict[str, Any]:
    """One rule's conditions and resources in the page's language (the template reads the rest
    from the rule and the guide)."""
    conditions = []
    for name in data.INPUTS:
        values = rule.when.get(name)
        chosen = [o for o in guide.inputs[name].options if values is None or o.id in values]
        labels = ui.text("start.or", lang).join(short_label(o.label.get(lang)) for o in chosen)
        conditions.append(
            {
                "name": name,
                "text": ui.text("start.any", lang) if values is None else labels,
                "attr": "" if values is None else " ".join(o.id for o in chosen),
            }
        )
    # Chinese answers list what mainland readers can reach first.
    first = sorted(rule.resources, key=lambda r: lang == "zh" and guide.resources[r].blocked)
    return {
        "rule": rule,
        "conditions": conditions,
        "resources": [_resource_view(guide, rid, lang, page_src_uri) for rid in first],
    }


def render_form(guide: data.Guide, lang: str, fields: Sequence[dict[str, Any]] = ()) -> str:
    inputs = [guide.inputs[name] for name in data.INPUTS]
    return render_template("start/form.html", inputs=inputs, fields=fields, lang=lang)


def render_table(guide: data.Guide, lang: str, page_src_uri: str) -> str:
    rules = [rule_view(guide, rule, lang, page_src_uri) for rule in guide.rules]
    context = {"guide": guide, "groups": data.TERM_GROUPS, "page": page_src_uri}
    return render_template("start/table.html", rules=rules, lang=lang, **context)


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
    # The fields the optional fifth input offers (none without field data).
    views = []
    if fields and catalogue is not None:
        views = field_render.field_views(fields, lang, page_src_uri, catalogue)
    parts: dict[str, Callable[[], str]] = {
        "form": lambda: render_form(guide, lang, views),
        "table": lambda: render_table(guide, lang, page_src_uri),
        "fields": lambda: render_template(
            "start/fields.html", fields=views, lang=lang, page=page_src_uri
        ),
    }
    if part == "":  # no part: the form, then the table
        return parts["form"]() + "\n" + parts["table"]()
    if part not in parts:
        raise ValueError(
            f"malformed '<!-- start-guide: {part} -->'; write '<!-- start-guide -->', "
            "'<!-- start-guide: form -->', '<!-- start-guide: table -->' or "
            "'<!-- start-guide: fields -->'"
        )
    return parts[part]()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("check", "coverage"))
    parser.add_argument("path", nargs="?", type=Path, default=data.DEFAULT_DATA, help="YAML file")
    args = parser.parse_args(argv)
    guide = data.load_guide(args.path)
    if print_problems(guide.problems):
        return 1
    if args.command == "coverage":
        print("\n".join(data.coverage_lines(guide)))
    else:
        situations = data.situations(guide.inputs)
        defaults = sum(1 for c in situations if (r := data.resolve(guide, c)) and r.no_default)
        print(
            f"OK: {len(guide.rules)} rules answer all {len(situations)} situations "
            f"({defaults} of them with an explained 'no good default'), no problems."
        )
    return 0

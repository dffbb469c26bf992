"""The Jinja environment of the pages' fragments and the PDF, from templates/, with the
globals ``ui(key, lang)`` (scripts/data/ui.py), ``relative_url(page, target)`` and the
catalogue's ``label(group, value, lang)`` and ``is_link(url)``. Every template but Markdown
(``.md``) is autoescaped (pass HTML as ``Markup``); scripts/links/report.py has its own
environment for its Markdown, since links may not import render. The theme's overrides/ are
MkDocs' own environment, which does not autoescape, and MkDocs
publishes every non-template file of overrides/, so nothing of ours not meant for the website
lives there.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from scripts.data import resources, ui
from scripts.data.site_paths import relative_url

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(disabled_extensions=("md",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ui"] = ui.template_text
    env.globals["relative_url"] = relative_url
    env.globals["label"] = resources.label
    env.globals["is_link"] = resources.is_link
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)

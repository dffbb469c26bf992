"""The one Jinja environment for every HTML fragment that scripts/ renders (with the UI strings'
``ui(key, lang)``, scripts/ui.py)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts import ui

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "overrides" / "partials"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["ui"] = ui.template_text
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)

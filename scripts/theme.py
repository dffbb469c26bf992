"""What our overrides assume about the installed Material theme, in one place.

``overrides/main.html`` renders the theme's own ``config`` block (``{{ super() }}``, so the
fingerprinted search worker name always comes from the installed theme) and changes one value
through the ``search_base`` filter: on translated pages the theme's ``base`` ends in ``<lang>/``,
where it then loads that language's search index and sitemap (scripts/search_index.py writes
them). Everything else the overrides assume is listed in ``RECHECK``; tests/test_theme.py fails
when the installed theme is not the version they were checked against.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts import ui

# The mkdocs-material release the overrides were last checked against (requirements.txt pins it).
CHECKED_VERSION = "9.8.1"
RECHECK = (
    "overrides/main.html: the site_meta block is a copy of the theme's (base.html) with hreflang"
    " alternates and escaped descriptions",
    "overrides/main.html: the config block's base rewrite (scripts/theme.py, search_base) finds"
    ' <script id="__config"> and its "base" key',
    "overrides/main.html: the libs block's lazy-search script assumes the bundle loads the index"
    " with XMLHttpRequest and starts a Worker from workers/search.*.min.js whose first message"
    " is the index (tests/test_quality_browser.py::test_search_loads_only_when_opened)",
    "overrides/partials/content.html, search.html, source.html, toc.html: copies of the theme's"
    " partials with small changes (each file says which)",
)
CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def installed_version() -> str:
    return version("mkdocs-material")


def recheck_message(installed: str) -> str:
    items = "\n".join(f"  - {item}" for item in RECHECK)
    return (
        f"mkdocs-material {installed} is installed; the overrides were checked against "
        f"{CHECKED_VERSION}. Re-check, then set CHECKED_VERSION in scripts/theme.py:\n{items}"
    )


def search_base(block: str, base: str) -> Markup:
    """The theme's rendered config block with ``base`` replaced; raises if its shape changed."""
    match = CONFIG_RE.search(block)
    config: Any = json.loads(match[2]) if match else None
    if match is None or not isinstance(config, dict) or "base" not in config:
        raise PluginError(
            'The theme\'s config block has no <script id="__config"> with a "base" key; '
            + recheck_message(installed_version())
        )
    config["base"] = base
    # Same escaping as the theme's `tojson`: the JSON stays inert inside <script>.
    text = json.dumps(config, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("&", "\\u0026").replace("'", "\\u0027")
    return Markup(block[: match.start(2)] + text + block[match.end(2) :])


@pass_context
def ui_text(context: Context, key: str, lang: str) -> str:
    """``ui(key, lang)`` for the theme's templates: a missing string stops the build."""
    try:
        return str(ui.template_text(context, key, lang))
    except ui.UnknownString as exc:
        raise PluginError(str(exc)) from None


def register(env: Environment, config: MkDocsConfig) -> Environment:
    """Give the theme's templates the filter, the UI strings, the site's languages and the
    default one (served at the root)."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    default = next((lang.locale for lang in languages if lang.default), None)
    env.filters["search_base"] = search_base
    env.globals["ui"] = ui_text
    env.globals["default_language"] = default or config.theme["language"]
    env.globals["site_languages"] = [lang.locale for lang in languages] or [
        config.theme["language"]
    ]
    return env

"""scripts/theme.py: the overrides' assumptions about the installed Material theme."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import PluginError

from scripts import theme

BLOCK = """
      <script id="__config" type="application/json">{"base": "../..", "features": [],
 "search": "../../assets/javascripts/workers/search.0123abcd.min.js", "x": "<&'"}</script>
"""


def test_overrides_were_checked_against_the_installed_theme() -> None:
    installed = theme.installed_version()
    assert installed == theme.CHECKED_VERSION, theme.recheck_message(installed)


def test_search_base_changes_only_the_base() -> None:
    out = theme.search_base(BLOCK, "../../zh/")
    body = re.search(r"<script[^>]*>(.*)</script>", out, re.S)[1]
    assert "<&'" not in body  # still inert inside <script>
    config = json.loads(body)
    assert config["base"] == "../../zh/"
    assert config["search"] == "../../assets/javascripts/workers/search.0123abcd.min.js"
    assert config["x"] == "<&'"


def test_a_changed_theme_block_stops_the_build_with_what_to_recheck() -> None:
    with pytest.raises(PluginError, match=r"no <script id=\"__config\">.*Re-check"):
        theme.search_base(BLOCK.replace("__config", "__settings"), "../zh/")
    with pytest.raises(PluginError, match="CHECKED_VERSION"):
        theme.search_base(BLOCK.replace('"base"', '"root"'), "../zh/")


def test_the_built_pages_use_the_installed_search_worker(site: dict) -> None:
    """The worker named in every page's config is the installed theme's file, not a copy."""
    worker = {p.name for p in (site["dir"] / "assets/javascripts/workers").glob("search.*.min.js")}
    for page, base in (("about/index.html", ".."), ("zh/about/index.html", "../../zh/")):
        html = (site["dir"] / page).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
        assert config["base"] == base
        assert config["search"].rsplit("/", 1)[1] in worker

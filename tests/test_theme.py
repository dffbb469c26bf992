"""scripts/build/theme.py: what the build assumes about the installed theme and i18n plugin."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n import reconfigure
from mkdocs_static_i18n.plugin import I18n

from scripts import hooks
from scripts.build import theme

ROOT = Path(__file__).resolve().parent.parent

BLOCK = """
      <script id="__config" type="application/json">{"base": "../..", "features": [],
 "search": "../../assets/javascripts/workers/search.0123abcd.min.js", "x": "<&'"}</script>
"""


@pytest.mark.parametrize("package", sorted(theme.CHECKED))
def test_the_build_was_checked_against_the_installed_release(package: str) -> None:
    assert theme.version(package) == theme.CHECKED[package], theme.recheck_message()


def test_the_recheck_message_quotes_the_architecture_documents_list() -> None:
    """The bullets after "What to re-check" in ARCHITECTURE.md, each on a line of its own."""
    items = [line for line in theme.recheck_message().splitlines() if line.startswith("  - ")]
    assert len(items) >= 5, theme.recheck_message()
    assert any("overrides/main.html, config block" in item for item in items)


def test_the_index_split_runs_after_the_plugin_wrote_the_mixed_index() -> None:
    ours = hooks.on_post_build.mkdocs_priority
    plugin = I18n.on_post_build.mkdocs_priority
    assert ours < plugin, theme.recheck_message()


def test_the_hidden_warning_is_one_the_plugin_still_gives() -> None:
    source = re.sub(r'"\s+"', "", inspect.getsource(reconfigure))  # join implicit concatenation
    assert theme.INSTANT_WARNING in source, theme.recheck_message()


def test_only_the_default_language_404_stays_at_the_root(tmp_path: Path) -> None:
    assert theme.not_found_page("<p>en</p>", "en", "en", tmp_path) == "<p>en</p>"
    assert not list(tmp_path.iterdir())
    assert theme.not_found_page("<p>zh</p>", "zh", "en", tmp_path) == ""  # MkDocs skips it
    assert (tmp_path / "zh" / "404.html").read_text(encoding="utf-8") == "<p>zh</p>"


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
    with pytest.raises(PluginError, match="update CHECKED"):
        theme.search_base(BLOCK.replace('"base"', '"root"'), "../zh/")


def test_the_built_pages_use_the_installed_search_worker(site: dict) -> None:
    """The worker named in every page's config is the installed theme's file, not a copy."""
    worker = {p.name for p in (site["dir"] / "assets/javascripts/workers").glob("search.*.min.js")}
    for page, base in (("about/index.html", ".."), ("zh/about/index.html", "../../zh/")):
        html = (site["dir"] / page).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
        assert config["base"] == base
        assert config["search"].rsplit("/", 1)[1] in worker


def test_indentation_goes_but_not_where_white_space_is_content() -> None:
    html = (
        "<div>\n    <p>a\n      b</p>\n  <pre><code>x\n    y</code></pre>\n"
        "  <script>\n  if (a) {\n    b()\n  }\n</script>\n  <textarea>\n  t</textarea>\n"
        '  <pre class="cite">\n  z</pre>\n  <style>\n  p {}\n</style>\n'
    )
    assert theme.strip_indentation(html) == (
        "<div>\n<p>a\nb</p>\n<pre><code>x\n    y</code></pre>\n"
        "<script>\n  if (a) {\n    b()\n  }\n</script>\n<textarea>\n  t</textarea>\n"
        '<pre class="cite">\n  z</pre>\n<style>\n  p {}\n</style>\n'
    )


def test_built_code_blocks_keep_their_indentation(site: dict) -> None:
    """The built pages: code blocks keep their lines' leading spaces, no other line has any."""
    pages = {p: p.read_text(encoding="utf-8") for p in site["dir"].rglob("index.html")}
    blocks = [b for html in pages.values() for b in re.findall(r"<pre\b.*?</pre>", html, re.S)]
    assert any(re.search(r"\n[ \t]+\S", b) for b in blocks), "no indented line left in any <pre>"
    kept = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S)
    indented = [p for p, html in pages.items() if re.search(r"\n[ \t]+<", kept.sub("", html))]
    assert indented == [], indented[:3]


def test_the_404_language_homes_need_a_list_only_when_two_languages_are_built() -> None:
    """make bench times an English-only build (zh ``build: false``): the plugin then keeps no list
    of homes, and there is no switcher to point anywhere; with both built, a missing list stops
    the build."""
    from types import SimpleNamespace

    def config(zh_built: bool) -> SimpleNamespace:
        languages = [
            SimpleNamespace(locale="en", default=True, build=True),
            SimpleNamespace(locale="zh", default=False, build=zh_built),
        ]
        i18n = SimpleNamespace(extra_alternate={}, config=SimpleNamespace(languages=languages))
        return SimpleNamespace(plugins={"i18n": i18n}, extra=SimpleNamespace())

    english_only = config(zh_built=False)
    theme.language_homes(english_only)  # type: ignore[arg-type]
    assert not hasattr(english_only.extra, "alternate")
    with pytest.raises(PluginError, match="no extra_alternate list"):
        theme.language_homes(config(zh_built=True))  # type: ignore[arg-type]

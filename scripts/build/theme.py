"""Everything the build assumes about the installed Material theme and mkdocs-static-i18n.

One MkDocs build makes both languages (the plugin builds ``zh`` inside the English build), where
Material expects one site per language; the adjustments are here (among them the split of the
plugin's mixed search index into one per language), and ARCHITECTURE.md ("Build
pipeline: what we patch and why") says why each is kept and lists what to re-check. ``CHECKED``
holds the releases they were checked against; tests/test_theme.py fails with that list when an
installed release differs.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.build import csp
from scripts.data import site_paths, ui
from scripts.data.languages import HAN

# The releases ARCHITECTURE.md's "What to re-check" items were last checked against
# (requirements.txt pins them).
CHECKED = {"mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1"}
CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
INSTANT_WARNING = "not compatible with theme.features = navigation.instant"
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def recheck_message() -> str:
    """The releases, and what to re-check: the bullets after "What to re-check" in
    ARCHITECTURE.md, the one list of them."""
    releases = ", ".join(f"{p} {version(p)} (checked: {v})" for p, v in CHECKED.items())
    document = (site_paths.ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    bullets = document[document.index("What to re-check") :].split("\n\n", 2)[1]
    items = "\n".join(f"  {line}" for line in bullets.splitlines())
    return (
        f"Installed: {releases}. Re-check what the build assumes, then update CHECKED in "
        f"scripts/build/theme.py:\n{items}"
    )


def search_base(block: str, base: str) -> Markup:
    """The theme's rendered config block with ``base`` replaced; raises if its shape changed."""
    match = CONFIG_RE.search(block)
    config: Any = json.loads(match[2]) if match else None
    if match is None or not isinstance(config, dict) or "base" not in config:
        raise PluginError(
            'The theme\'s config block has no <script id="__config"> with a "base" key. '
            + recheck_message()
        )
    config["base"] = base
    text = str(htmlsafe_json_dumps(config, sort_keys=True))  # as the theme's `tojson`
    return Markup(block[: match.start(2)] + text + block[match.end(2) :])


@pass_context
def ui_text(context: Context, key: str, lang: str) -> str:
    """``ui(key, lang)`` for the theme's templates: a missing string stops the build."""
    try:
        return str(ui.template_text(context, key, lang))
    except ui.UnknownString as exc:
        raise PluginError(str(exc)) from None


def default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "default_language", None) or config.theme["language"]


def register(env: Environment, config: MkDocsConfig) -> Environment:
    """Give the theme's templates the filter, the UI strings, the site's languages and the
    default one (served at the root)."""
    languages = site_paths.i18n_languages(config)
    env.filters["search_base"] = search_base
    env.globals["ui"] = ui_text
    env.globals["default_language"] = default_language(config)
    env.globals["site_languages"] = [x.locale for x in languages] or [config.theme["language"]]
    return env


def quiet_known_warnings() -> None:
    """Drop the i18n plugin's warning that its switcher goes stale under instant navigation
    (docs/en/assets/javascripts/site.js fixes the switcher; the warning fails a strict build)."""
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(
        lambda record: INSTANT_WARNING not in record.getMessage()
    )


def language_homes(config: MkDocsConfig) -> None:
    """Point the language switcher and the hreflang links at each language's home page (the
    i18n plugin's own list before any page changed it), as on a page without twins: the 404."""
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None)
    built = [lang for lang in site_paths.i18n_languages(config) if lang.build]
    if len(built) > 1 and not homes:  # with one language built there is no switcher
        raise PluginError("The i18n plugin has no extra_alternate list. " + recheck_message())
    if homes:  # as the plugin sets it for a page: an attribute, which templates read first
        setattr(config.extra, "alternate", copy.deepcopy(homes))  # noqa: B010


def not_found_page(output: str, lang: str, default: str, site_dir: Path) -> str:
    """Every language's build renders 404.html into the site root: the default language's stays
    (hosts serve it for every missing URL); another's goes to ``<lang>/404.html`` and the root
    write is skipped (MkDocs writes no static template whose output is empty)."""
    if lang == default:
        return output
    target = site_dir / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""


# An element whose white space is content (kept whole), or a line's indentation (dropped).
INDENTATION_RE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)|\n[ \t]+", re.S)


def strip_indentation(html: str) -> str:
    """A page without the templates' indentation (a line's leading blanks are white space the
    browser collapses anyway), except inside <pre>, <textarea>, <script> and <style>: about
    0.8 KB less on a gzipped page."""
    return INDENTATION_RE.sub(lambda m: m.group(1) or "\n", html)


def minify_assets(site_dir: Path) -> None:
    """The site's own stylesheets and scripts minified, as the theme ships its own (rcssmin,
    rjsmin): about 1.6 KB less on every first view. The sources in docs/ stay readable."""
    import rcssmin
    import rjsmin

    for pattern, minify in (("*.css", rcssmin.cssmin), ("*.js", rjsmin.jsmin)):
        for path in (site_dir / "assets").glob(f"*/{pattern}"):
            if ".min." not in path.name:
                path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")


# --- Search: one index per language ----------------------------------------------------------
# The plugin writes one mixed index for all languages; write_split rewrites it into
# ``search/search_index.json`` (default language) and ``<lang>/search/search_index.json`` (other
# languages, locations relative to ``<lang>/``), so each language searches its own pages.
#
# Chinese entries also get a hidden field, ``parts``: the theme matches a query word against the
# *beginning* of indexed words, and jieba keeps compounds such as 图神经网络 as one word, so
# 神经网络 could not find it. ``parts`` lists the later endings of every Chinese word of three or
# more characters (图神经网络 -> 神经网络, 经网络, 网络). The theme indexes every field of
# ``config.fields`` but shows only title, text and tags, so results do not repeat the endings.

PARTS_FIELD = "parts"
# jieba's segments in the index, separated by \u200b (material/plugins/search/plugin.py).
HAN_WORD_RE = re.compile(f"[{HAN}]+")
SEGMENTED_LANGUAGES = ("zh",)


def word_endings(text: str) -> list[str]:
    """Endings of two characters or more of the text's Chinese words that are not words of the
    text themselves, sorted (图神经网络 -> 经网络, 神经网络, 网络)."""
    words = set(HAN_WORD_RE.findall(text))
    endings = {w[i:] for w in words if len(w) >= 3 for i in range(1, len(w) - 1)}
    return sorted(endings - words)


def add_parts(index: dict) -> dict:
    """A copy of the index whose entries carry ``parts`` (see above)."""
    config = dict(index["config"])
    config["fields"] = {**config.get("fields", {}), PARTS_FIELD: {"boost": 1.0}}
    docs = []
    for doc in index["docs"]:
        endings = word_endings(f"{doc['title']}\u200b{doc['text']}")
        docs.append(dict(doc, **{PARTS_FIELD: " ".join(endings)}) if endings else doc)
    return {**index, "config": config, "docs": docs}


def split_entries(index: dict, languages: list[str]) -> dict[str, dict]:
    """Return {language: index}; ``languages[0]`` is the default language served at the root."""
    default, others = languages[0], languages[1:]
    result: dict[str, dict] = {lang: {"config": index["config"], "docs": []} for lang in languages}
    for doc in index["docs"]:
        location: str = doc["location"]
        for lang in others:
            if location == lang or location.startswith((f"{lang}/", f"{lang}#")):
                moved = dict(doc, location=location[len(lang) :].lstrip("/"))
                result[lang]["docs"].append(moved)
                break
        else:
            result[default]["docs"].append(doc)
    return result


def write_split(site_dir: Path, languages: list[str]) -> dict[str, int]:
    """Rewrite the built site's index files in place; returns entries per language."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for lang, data in split_entries(index, languages).items():
        if lang in SEGMENTED_LANGUAGES:
            data = add_parts(data)
        target = path if lang == languages[0] else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(data["docs"])
    return counts


def finish_site(site_dir: Path, languages: list[str], serving: bool = False) -> None:
    """After the last language: one search index per language, and sitemaps where the theme
    fetches them: beside its base URL (``<lang>/``: a copy) and beside every page's twin (its
    ``<link rel=alternate>``: an empty, valid one answers without a 404). Then, but not under
    ``mkdocs serve`` (``serving``: its live-reload script is inline and unhashed, and its assets
    stay readable), the assets minified and the policy written into every page."""
    counts = write_split(site_dir, languages)
    if not all(counts.values()):  # a plugin release that splits the index itself, say
        raise PluginError(
            f"The search index split left a language without entries: {counts}. "
            + recheck_message()
        )
    sitemap = site_dir / "sitemap.xml"
    for lang in languages[1:]:
        (site_dir / lang / "sitemap.xml").write_bytes(sitemap.read_bytes())
    for page in site_dir.rglob("index.html"):
        target = page.parent / "sitemap.xml"
        if not target.exists():
            target.write_text(EMPTY_SITEMAP, encoding="utf-8")
    if not serving:
        minify_assets(site_dir)
        csp.apply(site_dir)

"""Site paths: a page's Markdown name inside a language folder (``resources/all.md``, MkDocs'
``src_uri``) to the directory URL MkDocs builds (``/zh/resources/all/``) and back, relative links
between pages, the nav flattened; the one place that reads mkdocs.yml (``load_config``) or runs
``mkdocs build`` for a given address (``build_site``: link check, lints, tests, benchmarks).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from scripts.data.languages import DEFAULT

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROOT / "mkdocs.yml"

CATALOGUE_PAGE = "resources/all.md"  # lists every resource, each row with id="res-<id>"
REFERENCES_PAGE = "references.md"


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: about.md -> about/, a/index.md -> a/."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


def page_src(url_path: str, docs_dir: Path) -> str | None:
    """The inverse of ``page_url``: the Markdown file in ``docs_dir`` that MkDocs built the
    directory URL ``url_path`` from (``about/`` -> ``about.md``, ``a/`` -> ``a/index.md`` or
    ``a.md``), or None."""
    rest = url_path.removesuffix("index.html").strip("/")
    for candidate in [f"{rest}.md", f"{rest}/index.md"] if rest else ["index.md"]:
        if (docs_dir / candidate).is_file():
            return candidate
    return None


def site_path(lang: str, src_uri: str) -> str:
    """Site-relative URL of a built page: '/zh/resources/all/' (the default language at '/')."""
    return "/" + ("" if lang == DEFAULT else f"{lang}/") + page_url(src_uri)


def built_page(site_dir: Path, lang: str, src_uri: str) -> Path:
    """The HTML file MkDocs writes for a page: site/zh/resources/all/index.html."""
    return site_dir / site_path(lang, src_uri).lstrip("/") / "index.html"


def relative_link(page_src_uri: str, target: str) -> str:
    """Relative Markdown link from one docs file to another (both relative to the language root)."""
    start = posixpath.dirname(page_src_uri) or "."
    return posixpath.relpath(target, start)


def relative_url(page_src_uri: str, target_src_uri: str) -> str:
    """Relative URL between two built pages (``page.md[#anchor]``), for raw HTML (not rewritten)."""
    target_src_uri, hash_, anchor = target_src_uri.partition("#")
    start, target = page_url(page_src_uri), page_url(target_src_uri)
    rel = posixpath.relpath(target or ".", start.rstrip("/") or ".")
    return ("./" if rel == "." else rel + "/") + hash_ + anchor


def nav_pages(nav: list[Any]) -> list[tuple[str, str | None]]:
    """(page, English label) of every page of the nav in order; a section names its bare
    index page (``- resources/index.md`` under ``3 Libraries and resources``)."""
    pages: list[tuple[str, str | None]] = []
    for item in nav:
        if isinstance(item, str):
            pages.append((item, None))
            continue
        for label, value in item.items():
            if isinstance(value, str):
                pages.append((value, label))
            else:
                children = nav_pages(value)
                if children and children[0][1] is None and children[0][0].endswith("index.md"):
                    children[0] = (children[0][0], label)
                pages.extend(children)
    return pages


def nav_line(entry: str, mkdocs_yml: Path = MKDOCS_YML) -> int:
    """The line of mkdocs.yml's nav that gives ``entry`` (a label, or a page listed bare), for
    messages (MkDocs' config keeps no lines); 1 if it cannot be found."""
    lines = mkdocs_yml.read_text(encoding="utf-8").split("\n")
    start = next((n for n, line in enumerate(lines) if line.startswith("nav:")), 0)
    item = re.compile(rf"^\s*-\s*(['\"]?){re.escape(entry)}\1\s*(:|$)")
    return next((n + 1 for n in range(start, len(lines)) if item.match(lines[n])), 1)


def nav_sources(mkdocs_yml: Path = MKDOCS_YML) -> list[str]:
    """The nav's pages in order, from mkdocs.yml as plain YAML (PyYAML's BaseLoader: MkDocs' own
    tags ignored, every scalar text): a full ``load_config`` with its plugins costs about a
    second, too much for every build's data."""
    import yaml

    try:
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, yaml.YAMLError):
        return []
    return [src for src, _label in nav_pages((data or {}).get("nav") or [])]


def load_config(mkdocs_yml: Path = MKDOCS_YML) -> Any:
    """mkdocs.yml as MkDocs itself reads it (``!ENV``, plugins and all)."""
    from mkdocs.config import load_config as mkdocs_load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return mkdocs_load_config(str(mkdocs_yml))


def i18n_languages(config: Any) -> list[Any]:
    """The i18n plugin's language entries, the default language first; [] without the plugin."""
    i18n = config.plugins.get("i18n")
    return [] if i18n is None else sorted(i18n.config.languages, key=lambda lang: not lang.default)


def site_languages(mkdocs_yml: Path = MKDOCS_YML) -> list[str]:
    """Locales of the i18n plugin, the default language first; ``["en"]`` without the plugin."""
    return [lang.locale for lang in i18n_languages(load_config(mkdocs_yml))] or ["en"]


def split_language(path: str, languages: list[str]) -> tuple[str, str]:
    """(language, rest) of a site-relative path: 'zh/about/' -> ('zh', 'about/'); a path
    without a language folder belongs to the first (default) language."""
    first = path.split("/", 1)[0]
    if first in languages[1:]:
        return first, path[len(first) + 1 :]
    return languages[0], path


def build_site(
    site_dir: Path, site_url: str, project: Path = ROOT, check: bool = True, strict: bool = True
) -> subprocess.CompletedProcess:
    """``mkdocs build`` of ``project`` into ``site_dir`` for ``site_url`` (strict unless told
    otherwise: mkdocs.yml itself says strict, so non-strict needs --no-strict)."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    mode = "--strict" if strict else "--no-strict"
    command = [sys.executable, "-m", "mkdocs", "build", mode, "-q", "-d", str(site_dir)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result

"""What the build does with scripts/exports/: markers in the pages, files in the built site.

In the pages (registered in render/page.py's marker registry when this module is imported):
- ``<!-- bibliography -->`` (References page) gets links to the whole bibliography's files, and
  ``<!-- cited-works -->`` on a page that cites works gets links to that page's files;
- ``<!-- catalogue-data -->`` (All resources) becomes the links to the catalogue's open data
  (its schema.org JSON-LD goes into the page's head: ``page_json_ld``);
- ``<!-- whats-new -->`` becomes the list of changes (scripts/exports/feeds.py).

Into the built site (``write_site``, after the last language; a CLI writes the same files into
any folder: ``python -m scripts exports write site/``):

    exports/references.{bib,ris,json}          the whole bibliography (CSL-JSON is .json)
    exports/<lang>/<page>.{bib,ris,json}       works cited on one page of that language
    exports/resources.{json,csv}               the catalogue, CC BY 4.0
    exports/resource.schema.json               the JSON Schema of its entries
    feed.xml, <lang>/feed.xml                  Atom feed of each language's changes
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import references
from scripts.data.site_paths import ROOT, page_url
from scripts.data.works import Work, load_works
from scripts.exports import changes, feeds, open_data, works
from scripts.exports.cite_page import build_info
from scripts.render import page as page_markers
from scripts.render.templates import render_template

EXPORTS = "exports"
DOCS = ROOT / "docs"
BIB_FORMATS = (
    ("bib", "BibTeX", "application/x-bibtex"),
    ("ris", "RIS", "application/x-research-info-systems"),
    ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
)


@dataclass(frozen=True)
class SiteInfo:
    """What the written files need to know about the site."""

    site_url: str
    languages: tuple[str, ...]
    default: str
    site_names: dict[str, str]


def page_json_ld(src_uri: str, lang: str) -> str:
    """The page's schema.org JSON-LD for its head ("" for most pages)."""
    page = src_uri.split("/", 1)[1] if "/" in src_uri else src_uri
    return open_data.page_json_ld(page, lang)


def site_info(config: Any, i18n: Any, default: str) -> SiteInfo:
    """From the MkDocs config and the i18n plugin, after the last language's build (the
    config then holds that language's ``site_name``; the plugin keeps the original)."""
    original = getattr(i18n, "original_configs", {}).get("site_name", config.site_name)
    return SiteInfo(
        site_url=config.site_url or "",
        languages=tuple(lang.locale for lang in i18n.config.languages),
        default=default,
        site_names={lang.locale: lang.site_name or original for lang in i18n.config.languages},
    )


def _to_root(page: str, lang: str, default: str) -> str:
    """Relative path from a page's directory URL to the site's root."""
    depth = page_url(page).count("/") + (0 if lang == default else 1)
    return "../" * depth


def _downloads(name: str, lang: str, page: str, markdown: str, root: str) -> str:
    """Links to the bibliography's files (``bibliography``) or the page's cited works' files."""
    if name == "bibliography":
        base, label = f"{root}{EXPORTS}/references", "exports.all_works"
    elif references.citation_keys(markdown):
        base, label = f"{root}{EXPORTS}/{lang}/{works.file_stem(page)}", "exports.page_works"
    else:
        return ""
    return render_template(
        "exports/downloads.html",
        label=label,
        lang=lang,
        base=base,
        formats=BIB_FORMATS,
        zotero=True,
    )


def _root(p: page_markers.Page) -> str:
    return _to_root(p.page, p.lang, p.default)


def _with_downloads(name: str) -> page_markers.Renderer:
    """The citation list of render/page.py with this package's download links above it."""
    citations = page_markers.MARKERS[name]
    return lambda args, p: (
        _downloads(name, p.lang, p.page, p.markdown, _root(p)) + "\n" + citations(args, p)
    )


def page_source(lang: str, page: str, default: str, docs: Path = DOCS) -> Path:
    """The Markdown file a page of ``lang`` is built from (the default language's when the
    page is not translated)."""
    own = docs / lang / page
    return own if own.is_file() else docs / default / page


def cited_pages(lang: str, default: str, docs: Path = DOCS) -> dict[str, list[str]]:
    """Page -> cited keys, for every page of ``lang`` that cites works."""
    pages = sorted(
        {p.relative_to(docs / default).as_posix() for p in (docs / default).rglob("*.md")}
        | {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")}
    )
    found = {}
    for page in pages:
        source = page_source(lang, page, default, docs)
        keys = references.citation_keys(source.read_text(encoding="utf-8"))
        if keys:
            found[page] = keys
    return found


def write_bibliography(folder: Path, stem: str, selected: list[Work]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.bib").write_text(works.bibtex(selected), encoding="utf-8")
    (folder / f"{stem}.ris").write_text(works.ris(selected), encoding="utf-8")
    (folder / f"{stem}.json").write_text(works.csl_json(selected), encoding="utf-8")


def write_site(site_dir: Path, info: SiteInfo, docs: Path = DOCS) -> None:
    """Every export file and feed (see the module docstring)."""
    out = site_dir / EXPORTS
    all_works = load_works()
    write_bibliography(out, "references", list(all_works.values()))
    for lang in info.languages:
        for page, keys in cited_pages(lang, info.default, docs).items():
            selected = [all_works[k] for k in keys if k in all_works]
            write_bibliography(out / lang, works.file_stem(page), selected)
    open_data.write(out, build_info())
    shutil.copyfile(open_data.SCHEMA, out / open_data.SCHEMA.name)
    history = changes.history()
    for lang in info.languages:
        target = site_dir / ("" if lang == info.default else lang) / feeds.FEED_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            feeds.feed_xml(
                history,
                lang,
                info.site_url,
                info.site_names.get(lang, ""),
                info.default,
                build_info().date,
            )
        )


# This package's markers, in render/page.py's registry (the build imports this module once).
page_markers.register(
    "whats-new", lambda _a, p: feeds.render_page_list(changes.history(), p.lang, p.page)
)
page_markers.register(
    "catalogue-data", lambda _a, p: open_data.render_marker(p.lang, _root(p) + EXPORTS)
)
page_markers.register("bibliography", _with_downloads("bibliography"))
page_markers.register("cited-works", _with_downloads("cited-works"))

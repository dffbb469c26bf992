"""What the build does with scripts/exports/, and the ``python -m scripts exports`` command.

Markers (registered in render/page.py's registry on import): ``bibliography`` and
``cited-works`` get links to the bibliography's or the page's works' files, ``catalogue-data``
the catalogue's open data, ``whats-new`` the list of changes. After the last language,
``write_site`` (or ``python -m scripts exports write site/``) writes:

    exports/references.{bib,ris,json}          the whole bibliography (CSL-JSON is .json)
    exports/<lang>/<page>.{bib,ris,json}       works cited on one page of that language
    exports/resources.{json,csv}               the catalogue, CC BY 4.0, and its JSON Schema
    feed.xml, <lang>/feed.xml                  Atom feed of each language's changes
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from scripts.data import datafile, references, site_data
from scripts.data.languages import DEFAULT, LANGUAGES
from scripts.data.references import Work, load_works
from scripts.data.site_paths import ROOT, load_config, page_url
from scripts.exports import changes, open_data, works
from scripts.render import page as page_markers
from scripts.render.cite_page import build_info
from scripts.render.templates import render_template

EXPORTS = "exports"
DOCS = ROOT / "docs"
BIB_FORMATS = (
    ("bib", "BibTeX", "application/x-bibtex"),
    ("ris", "RIS", "application/x-research-info-systems"),
    ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
)


def _root(p: page_markers.Page) -> str:
    """Relative path from a page's directory URL to the site's root."""
    return "../" * (page_url(p.page).count("/") + (0 if p.lang == p.default else 1))


def _with_downloads(name: str) -> page_markers.Renderer:
    """The citation list of render/page.py with links to its works' files above it."""
    citations = page_markers.MARKERS[name]

    def render(args: str, p: page_markers.Page) -> str:
        if name == "bibliography":
            stem, label = "references", "exports.all_works"
        elif references.citation_keys(p.markdown):
            stem, label = f"{p.lang}/{works.file_stem(p.page)}", "exports.page_works"
        else:
            return "\n" + citations(args, p)
        base = f"{_root(p)}{EXPORTS}/{stem}"
        links = render_template(
            "exports/downloads.html", label=label, lang=p.lang, base=base, formats=BIB_FORMATS
        )
        return links + "\n" + citations(args, p)

    return render


def cited_pages(lang: str, default: str, docs: Path = DOCS) -> dict[str, list[str]]:
    """Page -> cited keys, for every page of ``lang`` that cites works (an untranslated page
    is built from the default language's file)."""
    files = {
        path.relative_to(docs / folder).as_posix(): path
        for folder in (default, lang)  # a translated page replaces the default language's
        for path in (docs / folder).rglob("*.md")
    }
    cited = {
        page: references.citation_keys(files[page].read_text(encoding="utf-8"))
        for page in sorted(files)
    }
    return {page: keys for page, keys in cited.items() if keys}


def write_bibliography(folder: Path, stem: str, selected: list[Work]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for ext, write in (("bib", works.bibtex), ("ris", works.ris), ("json", works.csl_json)):
        (folder / f"{stem}.{ext}").write_text(write(selected), encoding="utf-8")


def write_site(site_dir: Path, config: Any, i18n: Any, default: str) -> None:
    """Every export file and feed (see the module docstring); ``config`` and the i18n plugin as
    after the last language's build (the plugin keeps the original ``site_name``)."""
    original = getattr(i18n, "original_configs", {}).get("site_name", config.site_name)
    names = {lang.locale: lang.site_name or original for lang in i18n.config.languages}
    out, info = site_dir / EXPORTS, build_info()
    all_works = load_works()
    write_bibliography(out, "references", list(all_works.values()))
    url = config.site_url or ""
    open_data.write(out, info, url.rstrip("/") + f"/{EXPORTS}/")
    history, catalogue = changes.history(), site_data.load().catalogue
    for lang, name in names.items():
        for page, keys in cited_pages(lang, default).items():
            selected = [all_works[k] for k in keys if k in all_works]
            write_bibliography(out / lang, works.file_stem(page), selected)
        feed = changes.feed_xml(history, lang, url, name, default, info.date, catalogue)
        target = site_dir / ("" if lang == default else lang) / changes.FEED_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The build's exports and feeds, by hand.")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("changes", help="list the changes read from the git history")
    show.add_argument("--lang", choices=LANGUAGES, default=DEFAULT)
    show.add_argument("--limit", type=int, default=20)
    write = sub.add_parser("write", help="write the export files and feeds into SITE_DIR")
    write.add_argument("site_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "changes":
        history = changes.history()
        if history.shallow:
            print(f"(shallow clone: changes since {history.since[:10]} only)")
        for change in history.for_language(args.lang)[: args.limit]:
            print(change.date[:10], changes.change_text(change, args.lang))
        return 0
    if datafile.print_problems(site_data.problems(site_data.load())):  # as the build: none written
        return 1
    config = load_config()
    write_site(args.site_dir, config, config.plugins["i18n"], DEFAULT)
    print(f"wrote the exports and feeds into {args.site_dir}")
    return 0


page_markers.register("whats-new", lambda _a, p: changes.render_page_list(changes.history(), p))
page_markers.register(
    "catalogue-data",
    lambda _a, p: render_template(
        "exports/catalogue-data.html", lang=p.lang, base=_root(p) + EXPORTS
    ),
)
page_markers.register("bibliography", _with_downloads("bibliography"))
page_markers.register("cited-works", _with_downloads("cited-works"))

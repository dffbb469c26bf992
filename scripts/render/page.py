"""One page with its data filled in (what scripts/data/site_data.py loaded): inline data first
(``res:`` links, Chinese first-use glosses, ``[@key]`` citations), then the markers. Each marker
name is registered here once (grammar: ``markdown_reader.marker``), so a new marker is one
``register`` call; an unregistered name fails the build (``path:line: marker: unknown marker
'resource' (did you mean 'resources'?)``), so a misspelt marker cannot drop content silently.
Two markers whose HTML shares ids (two catalogues or glossaries on one page) fail at the second.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from scripts.data import markdown_reader
from scripts.data.languages import DEFAULT, LANGUAGES
from scripts.data.site_data import SiteData
from scripts.render import (
    catalogue,
    citations,
    fields,
    figure,
    glossary,
    resource_links,
    start_guide,
    translations,
)
from scripts.render.templates import render_template


@dataclass(frozen=True)
class Page:
    lang: str
    data: SiteData
    src_uri: str  # relative to docs/: zh/about.md
    page: str  # inside the language folder: about.md
    edit: str = ""  # edit_base of the config: "edit this data" links of generated tables
    markdown: str = ""  # the page's text (what <!-- cited-works --> lists)
    default: str = DEFAULT  # the language served at the site's root


ID_RE = re.compile(r'(?<![\w-])id="([^"]+)"')  # an id attribute in a marker's HTML

# marker name -> render(arguments after the colon, page) -> HTML block (ValueError: a problem)
Renderer = Callable[[str, Page], str]
MARKERS: dict[str, Renderer] = {}


def register(name: str, render: Renderer, takes_args: bool = False) -> None:
    def checked(args: str, page: Page) -> str:
        if args and not takes_args:
            raise ValueError(f"'{name}' takes no arguments; write '<!-- {name} -->'")
        return render(args, page)

    MARKERS[name] = checked


def _glossary(_args: str, p: Page) -> str:
    return glossary.render_table(p.data.glossary, p.lang, p.page, p.edit + "data/glossary.yaml")


def _cited(name: str) -> Callable[[str, Page], str]:
    return lambda _a, p: citations.render_marker(
        name, p.markdown, p.lang, p.data.bibliography, p.page
    )


register(
    "resources", lambda a, p: catalogue.render_marker(a, p.lang, p.data.catalogue, p.edit), True
)
register(
    "start-guide",
    lambda a, p: start_guide.render_marker(
        a, p.data.start_guide, p.lang, p.page, p.data.fields, p.data.catalogue
    ),
    True,
)
register("figure", lambda a, p: figure.render_marker(a, p.lang, p.data.workflow), True)
register("cited-works", _cited("cited-works"))
register("bibliography", _cited("bibliography"))
register("glossary", _glossary)
register("translation-status", lambda _a, p: translations.render_marker(p.lang, p.page, p.edit))
# The PDF download links: an empty placeholder that `python -m scripts pdf` fills once the files
# exist (scripts/build/pdf.py, fill_download_links).
register("pdf-downloads", lambda _a, _p: render_template("pdf/placeholder.html"))
register(
    "fields",
    lambda a, p: fields.render_marker(a, p.lang, p.data.fields, p.data.catalogue, p.page),
    True,
)


def expand_markers(markdown: str, page: Page, first_line: int = 1) -> str:
    """Replace every marker line (outside fenced code) with its HTML block; a problem raises
    ValueError as ``docs/<src_uri>:<line>: marker: …`` (``first_line``: the body's first line
    in the file, after the front matter), and so does a marker whose HTML repeats an id that an
    earlier marker of the page gave (two catalogues, two glossaries)."""

    slipped = [
        f"docs/{page.src_uri}:{line}: marker: {comment!r} is not a marker; write"
        f" '<!-- {name} -->' or '<!-- {name}: arguments -->' alone on its line, indented by at"
        " most three spaces"
        for line, comment, name in markdown_reader.slips(markdown, MARKERS, first_line)
    ]
    if slipped:
        raise ValueError("\n".join(slipped))

    ids: dict[str, int] = {}  # id -> the line of the marker that gave it

    def render(marker: markdown_reader.Marker) -> str:
        where = f"docs/{page.src_uri}:{marker.line}: marker"
        if page.lang not in LANGUAGES:
            raise ValueError(f"{where}: no texts for language {page.lang!r} ({LANGUAGES})")
        if not marker.closed:
            raise ValueError(f"{where}: '{marker.name}' is not closed; write '<!-- name: … -->'")
        if marker.name not in MARKERS:
            close = difflib.get_close_matches(marker.name, MARKERS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(MARKERS)
            raise ValueError(f"{where}: unknown marker {marker.name!r} ({hint})")
        try:
            html = MARKERS[marker.name](marker.args, page)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        for id_ in dict.fromkeys(ID_RE.findall(html)):
            if id_ in ids:
                raise ValueError(
                    f"{where}: '{marker.name}' repeats id '{id_}' already on this page"
                    f" (line {ids[id_]})"
                )
            ids[id_] = marker.line
        # One raw HTML block: a blank line inside would end it and hand the rest to Markdown.
        return "\n".join(line for line in html.splitlines() if line.strip())

    return markdown_reader.replace_markers(markdown, render, first_line)


def render_page(
    markdown: str,
    lang: str,
    data: SiteData,
    src_uri: str,
    edit: str = "",
    first_line: int = 1,
    default: str = DEFAULT,
) -> str:
    """A page's Markdown with its data filled in; ``src_uri`` is relative to docs/
    (``zh/about.md``); ``edit`` is ``edit_base`` of the config. Inline changes keep the lines
    where they are, so marker problems name the line in the file."""
    page = Page(lang, data, src_uri, src_uri.split("/", 1)[-1], edit, markdown, default)
    shown = f"docs/{src_uri}"
    # The page's own words keep their language: an English page standing in for a missing
    # Chinese one gets English citations and no glosses (markers speak the site's language).
    head = src_uri.split("/", 1)[0]
    prose = head if head in LANGUAGES else lang
    text = resource_links.render(markdown, data.catalogue, page.page, shown, first_line)
    if prose == "zh" and page.page != "glossary.md":
        text = glossary.gloss_first_uses(text, data.glossary, page.page)
    try:
        text = citations.render_citations(
            text, prose, data.bibliography, page.page, shown, first_line
        )
    except KeyError as exc:
        raise ValueError(exc.args[0]) from None
    return expand_markers(text, page, first_line)


def edit_base(repo_url: str, edit_uri: str) -> str:
    """Where the repository's files are edited: mkdocs.yml's ``repo_url`` and ``edit_uri``
    without its docs folder (``edit/main/docs/`` -> ``<repo_url>/edit/main/``), so the branch is
    named in one place. Empty without a repository."""
    if not repo_url:
        return ""
    branch_path = edit_uri.strip("/").rsplit("/", 1)[0]  # edit/main/docs -> edit/main
    return f"{repo_url.rstrip('/')}/{branch_path}/"

"""One page's data markers, expanded in a fixed order with what scripts/data/site_data.py loaded."""

from __future__ import annotations

import re

from scripts.data import markdown_reader
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

# The PDF download links: an empty placeholder that `python -m scripts pdf` fills once the files
# exist (scripts/build/pdf.py, fill_download_links).
PDF_MARKER_RE = re.compile(r"^<!-- pdf-downloads -->\s*$")


def expand_markers(markdown: str, lang: str, data: SiteData, src_uri: str, edit: str = "") -> str:
    """Expand data markers in one page; ``src_uri`` is relative to docs/ (``zh/about.md``);
    ``edit`` (``edit_base`` of the config) makes the "edit this data" links of generated tables
    and the translation guide's link."""
    page = src_uri.split("/", 1)[1] if "/" in src_uri else src_uri  # path inside the language
    markdown = resource_links.render(markdown, data.catalogue, page, f"docs/{src_uri}")
    if lang == "zh" and page != "glossary.md":
        markdown = glossary.gloss_first_uses(markdown, data.glossary, page)
    try:
        markdown = citations.render_citations(markdown, lang, data.bibliography, page)
    except KeyError as exc:
        raise ValueError(f"docs/{src_uri}: {exc.args[0]}") from None
    markdown = catalogue.render_markers(markdown, lang, data.catalogue, page, edit)
    markdown = fields.render_markers(markdown, lang, data.fields, data.catalogue, page)
    markdown = start_guide.render_markers(
        markdown, lang, data.start_guide, page, data.fields, data.catalogue
    )
    markdown = figure.render_markers(markdown, lang, data.workflow)
    markdown = glossary.render_marker(markdown, data.glossary, lang, page, edit)
    markdown = render_pdf_marker(markdown)
    return translations.render_marker(markdown, lang, page, edit)


def render_pdf_marker(markdown: str) -> str:
    """Replace the ``<!-- pdf-downloads -->`` line with the empty placeholder ``pdf`` fills."""
    return markdown_reader.replace_marker_lines(
        markdown, PDF_MARKER_RE, lambda _m: render_template("pdf/placeholder.html")
    )


def edit_base(repo_url: str, edit_uri: str) -> str:
    """Where the repository's files are edited: mkdocs.yml's ``repo_url`` and ``edit_uri``
    without its docs folder (``edit/main/docs/`` -> ``<repo_url>/edit/main/``), so the branch is
    named in one place. Empty without a repository."""
    if not repo_url:
        return ""
    branch_path = edit_uri.strip("/").rsplit("/", 1)[0]  # edit/main/docs -> edit/main
    return f"{repo_url.rstrip('/')}/{branch_path}/"

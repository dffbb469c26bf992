"""Everything the build needs from data/, loaded once per process and shared by both languages.

The hooks call three functions: ``load`` (parse and validate every data source, cached by file
modification times so ``mkdocs serve`` picks up edits), ``problems`` and ``expand_markers``;
``finish_site`` post-processes the built site.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from scripts import (
    catalogue,
    csp,
    figure,
    glossary,
    pdf,
    references,
    resource_links,
    resources,
    search_index,
    start_guide,
    translations,
    ui,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@dataclass(frozen=True)
class SiteData:
    bibliography: references.Bibliography
    workflow: figure.Workflow
    catalogue: resources.Catalogue
    glossary: glossary.Glossary
    start_guide: start_guide.Guide
    ui: ui.Strings


_cache: dict[tuple, SiteData] = {}


def _stamp() -> tuple:
    files = (*DATA.rglob("*"), *start_guide.DOCS.rglob("*.md"))  # the guide checks headings
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()))


def load() -> SiteData:
    stamp = _stamp()
    if stamp not in _cache:
        _cache.clear()
        catalogue = resources.load_catalogue(DATA / "resources")
        _cache[stamp] = SiteData(
            bibliography=references.load_bibliography(DATA / "references.bib"),
            workflow=figure.load_workflow(DATA / "workflow.yaml"),
            catalogue=catalogue,
            glossary=glossary.load_glossary(DATA / "glossary.yaml"),
            start_guide=start_guide.load_guide(DATA / "start-guide.yaml", catalogue=catalogue),
            ui=ui.load(DATA / "ui.yaml"),
        )
    return _cache[stamp]


def problems(data: SiteData) -> list[str]:
    found = list(data.bibliography.problems)
    found += data.workflow.problems
    found += resources.problems(data.catalogue)
    found += data.glossary.problems
    found += data.start_guide.problems
    found += [str(problem) for problem in data.ui.problems]
    return found


def expand_markers(
    markdown: str, lang: str, data: SiteData, src_uri: str, repo_url: str = ""
) -> str:
    """Expand data markers in one page; ``src_uri`` is relative to docs/ (``zh/about.md``);
    ``repo_url`` (config.repo_url) makes the "edit this data" links of generated tables."""
    page = src_uri.split("/", 1)[1] if "/" in src_uri else src_uri  # path inside the language
    markdown = resource_links.render(markdown, data.catalogue, page, f"docs/{src_uri}")
    if lang == "zh" and page != "glossary.md":
        markdown = glossary.gloss_first_uses(markdown, data.glossary, page)
    try:
        markdown = references.render_citations(markdown, lang, data.bibliography, page)
    except KeyError as exc:
        raise ValueError(f"docs/{src_uri}: {exc.args[0]}") from None
    markdown = catalogue.render_markers(markdown, lang, data.catalogue, page, edit_base(repo_url))
    markdown = start_guide.render_markers(markdown, lang, data.start_guide, page)
    markdown = figure.render_markers(markdown, lang, data.workflow)
    markdown = glossary.render_marker(markdown, data.glossary, lang, page, edit_base(repo_url))
    markdown = pdf.render_marker(markdown)
    return translations.render_marker(markdown, lang, page, repo_url)


def edit_base(repo_url: str, branch: str = "main") -> str:
    """Where the repository's files are edited on GitHub: ``<repo_url>/edit/main/``."""
    return f"{repo_url.rstrip('/')}/edit/{branch}/"


def quiet_known_warnings() -> None:
    """Drop the i18n plugin's warning that its switcher links go stale with instant navigation.

    We keep instant navigation and fix the switcher in docs/en/assets/javascripts/site.js (a
    browser test proves it), so the warning would only make the strict build fail.
    """
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(
        lambda record: (
            "not compatible with theme.features = navigation.instant" not in record.getMessage()
        )
    )


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


_static_pages: dict[tuple[str, str], str] = {}


def remember_static_page(template_name: str, lang: str, output: str) -> str:
    """Keep each language's rendering of the 404 page; the last build would otherwise win."""
    if template_name == "404.html":
        _static_pages[(template_name, lang)] = output
    return output


def write_not_found_pages(site_dir: Path, languages: list[str]) -> None:
    """The default language's 404 at the root (what static hosts serve for every missing URL;
    it speaks both languages), and each other language's under its own root."""
    for lang in languages:
        output = _static_pages.get(("404.html", lang))
        if output is not None:
            target = site_dir / "404.html" if lang == languages[0] else site_dir / lang / "404.html"
            target.write_text(output, encoding="utf-8")


def finish_site(site_dir: Path, languages: list[str], csp_meta: bool = True) -> None:
    """After the last language: one search index per language, and sitemaps where the theme
    looks for them.

    The theme fetches ``sitemap.xml`` beside its base URL (``<lang>/`` on translated pages: a
    copy of the full sitemap) and beside every ``<link rel=alternate>`` URL, which for us is
    each page's twin: an empty, valid sitemap there answers that request without a 404.
    """
    search_index.write_split(site_dir, languages)
    write_not_found_pages(site_dir, languages)
    sitemap = site_dir / "sitemap.xml"
    for lang in languages[1:]:
        (site_dir / lang / "sitemap.xml").write_bytes(sitemap.read_bytes())
    for page in site_dir.rglob("index.html"):
        target = page.parent / "sitemap.xml"
        if not target.exists():
            target.write_text(EMPTY_SITEMAP, encoding="utf-8")
    if csp_meta:  # off under `mkdocs serve`, whose live-reload script is inline and unhashed
        csp.apply(site_dir)

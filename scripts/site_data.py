"""Everything the build needs from data/, loaded once per process and shared by both languages.

The hooks call three functions: ``load`` (parse and validate every data source, cached by file
modification times so ``mkdocs serve`` picks up edits), ``problems`` and ``expand_markers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts import (
    catalogue,
    figure,
    glossary,
    pdf,
    references,
    resource_links,
    resources,
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


def expand_markers(markdown: str, lang: str, data: SiteData, src_uri: str, edit: str = "") -> str:
    """Expand data markers in one page; ``src_uri`` is relative to docs/ (``zh/about.md``);
    ``edit`` (``edit_base`` of the config) makes the "edit this data" links of generated tables
    and the translation guide's link."""
    page = src_uri.split("/", 1)[1] if "/" in src_uri else src_uri  # path inside the language
    markdown = resource_links.render(markdown, data.catalogue, page, f"docs/{src_uri}")
    if lang == "zh" and page != "glossary.md":
        markdown = glossary.gloss_first_uses(markdown, data.glossary, page)
    try:
        markdown = references.render_citations(markdown, lang, data.bibliography, page)
    except KeyError as exc:
        raise ValueError(f"docs/{src_uri}: {exc.args[0]}") from None
    markdown = catalogue.render_markers(markdown, lang, data.catalogue, page, edit)
    markdown = start_guide.render_markers(markdown, lang, data.start_guide, page)
    markdown = figure.render_markers(markdown, lang, data.workflow)
    markdown = glossary.render_marker(markdown, data.glossary, lang, page, edit)
    markdown = pdf.render_marker(markdown)
    return translations.render_marker(markdown, lang, page, edit)


def edit_base(repo_url: str, edit_uri: str) -> str:
    """Where the repository's files are edited: mkdocs.yml's ``repo_url`` and ``edit_uri``
    without its docs folder (``edit/main/docs/`` -> ``<repo_url>/edit/main/``), so the branch is
    named in one place. Empty without a repository."""
    if not repo_url:
        return ""
    branch_path = edit_uri.strip("/").rsplit("/", 1)[0]  # edit/main/docs -> edit/main
    return f"{repo_url.rstrip('/')}/{branch_path}/"

"""Which pages the quality checks visit: one of each page type, in both languages.

The list is computed from the English sources that exist when it is read, so a page type joins
the accessibility, CSP and Lighthouse runs as soon as its page is written (no skipped tests).
Chinese pages always exist: an untranslated page is built from English with a notice.
"""

from __future__ import annotations

from pathlib import Path

from scripts.data.languages import LANGUAGES
from scripts.data.site_paths import site_path

DOCS_EN = Path(__file__).resolve().parent.parent / "docs" / "en"

MISSING = "no-such-page/"  # any missing URL: the host answers with the site's 404 page

# (page type, English source) in reading order. REPRESENTATIVE is what the issue asks axe and
# Lighthouse to cover; PAGE_TYPES adds the other layouts, which the CSP test also loads.
REPRESENTATIVE: tuple[tuple[str, str], ...] = (
    ("home", "index.md"),
    ("section", "introduction.md"),
    ("catalogue", "resources/all.md"),
    ("glossary", "glossary.md"),
    ("start", "start.md"),
    ("field", "fields/chemistry-materials.md"),
    ("whats-new", "whats-new.md"),
)
OTHER_TYPES: tuple[tuple[str, str], ...] = (
    ("resources", "resources/index.md"),
    ("figure", "workflow.md"),
    ("references", "references.md"),
    ("about", "about.md"),
    ("fields", "fields.md"),
)


def _existing(entries: tuple[tuple[str, str], ...], languages: tuple[str, ...]) -> list[tuple]:
    found = []
    for lang in languages:
        for kind, source in entries:
            if (DOCS_EN / source).is_file():
                found.append((lang, kind, site_path(lang, source).lstrip("/")))
    return found


def representative(languages: tuple[str, ...] = LANGUAGES) -> list[tuple[str, str, str]]:
    """(language, page type, URL path under the site root) for the pages axe and Lighthouse see."""
    return _existing(REPRESENTATIVE, languages)


def page_types(languages: tuple[str, ...] = LANGUAGES) -> list[tuple[str, str, str]]:
    """Every page type in every language, plus the one 404 page the host serves for both."""
    pages = _existing(REPRESENTATIVE + OTHER_TYPES, languages)
    return [*pages, (LANGUAGES[0], "404", MISSING)]

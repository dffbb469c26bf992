"""One typeset PDF per language from the built site (``make pdf``, after ``make build``).

Each book page's ``<article>`` is read from ``site/`` in book order, its ids prefixed with the
page's slug, links between book pages made in-document anchors, other site links website URLs;
``templates/pdf/document.html`` lays the book out and WeasyPrint typesets it (ARCHITECTURE.md,
"PDF", says how and why). Then ``fill_download_links`` fills the empty placeholders that the
``<!-- pdf-downloads -->`` marker leaves on the home and About pages: no link to a missing file.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from scripts.data import markdown_reader, resources, site_data, site_paths
from scripts.data.languages import LANGUAGES
from scripts.data.site_paths import CATALOGUE_PAGE, site_path
from scripts.render import catalogue as catalogue_view
from scripts.render import cite_page, templates

ROOT = site_paths.ROOT

OUT_DIR = "pdf"  # inside the site: site/pdf/
FILE_NAMES = {lang: f"dl4sci-companion-{lang}.pdf" for lang in LANGUAGES}
# After the survey pages, in this order; every other page of the nav stays on the website.
BACK_MATTER = ("start.md", "glossary.md", "references.md", "resources/all.md")
FIELDS_DIR = "fields/"  # the field guides, a part of their own after the survey pages
FIELDS_PAGE = "fields.md"  # their overview, first
DOWNLOAD_PAGES = ("index.md", "about.md")
SURVEY = "raghu2020survey"

PLACEHOLDER_RE = re.compile(r'<div class="pdf-downloads" data-pdf-downloads>.*?</div>', re.S)
# Parts of a built page that only make sense on screen, as one CSS selector list: the catalogue
# caption says "generated from data/...yaml, edit it there", the cite block cites the web page
# (the cover names the commit and date), the exports' files are linked relatively.
SCREEN_ONLY = (
    ".md-content__button, .headerlink, [data-md-alternates], .md-source-file, .start-guide, form,"
    " script, noscript, .pdf-downloads, .generated-source, .glossary__filter,"
    " .catalogue--category caption, .cite-page, .exports-downloads"
)
SVG_REF_RE = re.compile(r"url\(#([^)]+)\)")
FIGURE_RE = re.compile(r'<svg[^>]*class="wf-figure"[^>]*>')


# --- The book's pages --------------------------------------------------------------------------


@dataclass
class Chapter:
    src: str  # docs path inside the language, e.g. "resources/all.md"
    slug: str  # page anchor and id prefix, e.g. "resources-all"
    label: str  # nav label: running header and contents
    kind: str  # "survey", "field" or "back"
    title: str = ""
    html: str = ""
    headings: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of each h2


def front_matter(src: str) -> dict:
    return markdown_reader.split_page((ROOT / "docs" / "en" / src).read_text(encoding="utf-8"))[0]


def book_pages(nav: list, translations: dict[str, str]) -> list[Chapter]:
    """Survey pages (front matter ``survey_section``) in nav order, then the field guides
    (``fields.md``, then ``fields/``, as the nav has them), then the back matter."""
    pages = site_paths.nav_pages(nav)
    labels = {src: translations.get(label, label) if label else "" for src, label in pages}
    body = [src for src in labels if src not in BACK_MATTER]
    parts = {
        "survey": [src for src in body if "survey_section" in front_matter(src)],
        "field": [src for src in body if src == FIELDS_PAGE or src.startswith(FIELDS_DIR)],
        "back": BACK_MATTER,
    }
    return [
        Chapter(src, src.removesuffix(".md").replace("/", "-"), labels[src], kind)
        for kind, srcs in parts.items()
        for src in srcs
    ]


# --- Turning built pages into chapters ----------------------------------------------------------


def read_article(site_dir: Path, lang: str, src: str) -> Any:
    from bs4 import BeautifulSoup

    path = site_paths.built_page(site_dir, lang, src)
    if not path.is_file():
        raise SystemExit(f"{path}: no such page; run `make build` first")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    if article is None:
        raise SystemExit(f"{path}: no <article>; run `make build` first")
    for element in article.select(SCREEN_ONLY):
        element.decompose()
    # html.parser lowercases SVG's camelCase names (viewBox); WeasyPrint's HTML5 parser restores
    # them, as the HTML standard says.
    return article


def prefix_ids(article: Any, slug: str) -> set[str]:
    """Prefix every id with the page's slug, and every reference to one (ARIA, SVG's url(#))."""
    ids = {element["id"] for element in article.find_all(id=True)}
    for element in article.find_all(True):
        for name, value in list(element.attrs.items()):
            if name in ("id", "aria-labelledby", "aria-describedby"):
                element[name] = " ".join(f"{slug}--{v}" if v in ids else v for v in value.split())
            elif isinstance(value, str) and "url(#" in value:
                element[name] = SVG_REF_RE.sub(lambda m: f"url(#{slug}--{m.group(1)})", value)
    return ids


def same_address(text: str, href: str) -> bool:
    """Whether a link's text already is its address, so paper readers need nothing more.

    ``doi:X`` and ``arXiv:X`` count as the addresses https://doi.org/X and arxiv.org/abs/X.
    """
    text = text.strip().rstrip("/")
    known = {"doi:": "doi.org/", "arxiv:": "arxiv.org/abs/"}
    for address in dict.fromkeys((href, unquote(href))):  # a DOI's text is not percent-encoded
        bare = re.sub(r"^https?://(www\.)?", "", address).rstrip("/")
        if text in (address.rstrip("/"), bare) or any(
            text.lower().startswith(short) and bare == long + text[len(short) :]
            for short, long in known.items()
        ):
            return True
    return False


def rewrite_links(
    article: Any,
    page_url: str,
    pages: dict[str, tuple[str, set[str]]],
    site_url: str,
) -> None:
    """Links to pages in the book become in-document anchors; other site links absolute URLs;
    external links get a class so the stylesheet prints their address."""
    for link in article.find_all("a", href=True):
        href = link["href"]
        scheme = urlsplit(href).scheme
        if scheme in ("http", "https"):
            added = ["ext", "ext--plain"] if same_address(link.get_text(), href) else ["ext"]
        elif scheme:  # mailto: and friends stay as they are
            continue
        else:
            target = urljoin(page_url, href)
            parts = urlsplit(target)
            if parts.path in pages:
                slug, ids = pages[parts.path]
                anchor = f"{slug}--{parts.fragment}" if parts.fragment in ids else slug
                link["href"] = f"#{anchor}"
                added = ["int"]
            else:
                link["href"] = site_url.rstrip("/") + target
                added = ["ext"]
        link["class"] = [*link.get("class", []), *added]


def absolute_images(article: Any, page_dir: Path) -> None:
    for image in article.find_all("img", src=True):
        if not urlsplit(image["src"]).scheme:
            image["src"] = (page_dir / image["src"]).resolve().as_uri()


def catalogue_list(lang: str, catalogue: resources.Catalogue) -> str:
    groups: dict[str, list[dict]] = {}
    for entry in catalogue.entries:
        label = resources.label("category", entry.category, lang)
        groups.setdefault(label, []).append(catalogue_view.row_view(entry, lang))
    return templates.render_template("pdf/catalogue.html", groups=groups, lang=lang)


def fill_chapters(
    site_dir: Path,
    lang: str,
    chapters: list[Chapter],
    site_url: str,
    catalogue: resources.Catalogue,
) -> None:
    """Each chapter's title, h2 headings and HTML, from its built page."""
    from bs4 import BeautifulSoup

    articles = {}
    pages: dict[str, tuple[str, set[str]]] = {}
    for chapter in chapters:
        article = read_article(site_dir, lang, chapter.src)
        if chapter.src == CATALOGUE_PAGE:
            for table in article.select(".catalogue--all"):
                table.replace_with(BeautifulSoup(catalogue_list(lang, catalogue), "html.parser"))
        ids = prefix_ids(article, chapter.slug)
        articles[chapter.src] = article
        pages[site_path(lang, chapter.src)] = (chapter.slug, ids)
    for chapter in chapters:
        article = articles[chapter.src]
        url = site_path(lang, chapter.src)
        rewrite_links(article, url, pages, site_url)
        absolute_images(article, site_dir / url.lstrip("/"))
        heading = article.find("h1")
        chapter.title = heading.get_text(" ", strip=True)
        heading["id"] = chapter.slug
        heading["class"] = ["chapter-title"]
        heading["data-running"] = chapter.label
        chapter.headings = [
            (h2["id"], h2.get_text(" ", strip=True)) for h2 in article.find_all("h2")
        ]
        chapter.html = Markup(article.decode_contents())


# --- The document --------------------------------------------------------------------------------


def load_book_config() -> dict[str, dict]:
    """Per language, the book's title, author, address and chapters (not yet read from the
    site), from mkdocs.yml through MkDocs' own loader."""
    config = site_paths.load_config()
    return {
        language.locale: {
            "site_name": language.site_name or config["site_name"],
            "site_url": config["site_url"],
            "author": config["site_author"] or "",
            "chapters": book_pages(config["nav"], dict(language.nav_translations or {})),
        }
        for language in site_paths.i18n_languages(config)
        if language.locale in LANGUAGES
    }


def document_context(site_dir: Path, lang: str, book: dict[str, dict]) -> dict:
    """Everything the document template needs."""
    data, info = site_data.load(), cite_page.build_info()
    settings = book[lang]
    fill_chapters(site_dir, lang, settings["chapters"], settings["site_url"], data.catalogue)
    return {
        **settings,
        "lang": lang,
        "survey": data.bibliography.references[SURVEY],
        "commit": info.commit[:12] or "unknown",
        "date": info.date.isoformat(),
    }


def render_document(context: dict) -> str:
    """The book as one HTML document. WeasyPrint styles inline SVG only from a <style> inside
    it: each figure gets one."""
    html = templates.render_template("pdf/document.html", **context)
    style = templates.render_template("pdf/figure.css")
    return FIGURE_RE.sub(lambda m: f"{m.group(0)}<style>{style}</style>", html)


PYDYF_VERSION = "0.13.0"  # the version fast_page_references was read against


def fast_page_references() -> bool:
    """pydyf's ``PDF.page_references`` builds a tuple of every page on each read, and WeasyPrint's
    PDF tags read it once per tagged element: quadratic, a tenth to a quarter of the Chinese book's
    CPU time (ARCHITECTURE.md, "PDF").
    Cache it while the page list keeps its length (pages are only appended). Only on the pydyf
    this was read against (tests/test_pdf.py fails on another); elsewhere typesetting is slower,
    the file the same."""
    import pydyf

    if pydyf.__version__ != PYDYF_VERSION:
        return False
    if hasattr(pydyf.PDF.page_references.fget, "pydyf_own"):  # cached already
        return True

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        if pdf.__dict__.get("_references_of") != len(kids):
            pdf._references = tuple(f"{n} 0 R".encode("ascii") for n in kids[::3])
            pdf._references_of = len(kids)
        return pdf._references

    page_references.pydyf_own = pydyf.PDF.page_references.fget  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)
    return True


def write_pdf(html: str, target: Path, base_dir: Path) -> int:
    """Typeset with WeasyPrint: tagged PDF, fonts subsetted and embedded (its default).
    Returns the number of pages."""
    from weasyprint import HTML

    fast_page_references()
    document = HTML(string=html, base_url=str(base_dir)).render(pdf_tags=True)
    document.write_pdf(target, pdf_tags=True)
    return len(document.pages)


def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


def fill_download_links(site_dir: Path) -> None:
    """Put the links to the built PDFs, with their sizes, into the placeholders of the home and
    About pages of each language."""
    files = {lang: site_dir / OUT_DIR / FILE_NAMES[lang] for lang in LANGUAGES}
    for lang in LANGUAGES:
        for src in DOWNLOAD_PAGES:
            url = site_path(lang, src)
            page = site_paths.built_page(site_dir, lang, src)
            html = page.read_text(encoding="utf-8")
            downloads = [
                {
                    "lang": other,
                    "href": posixpath.relpath(f"/{OUT_DIR}/{FILE_NAMES[other]}", url),
                    "size": human_size(files[other].stat().st_size),
                }
                for other in sorted(LANGUAGES, key=lambda x: x != lang)
                if files[other].is_file()
            ]
            filled = templates.render_template(
                "pdf/placeholder.html", lang=lang, downloads=downloads
            )
            new = PLACEHOLDER_RE.sub(filled.replace("\\", "\\\\"), html)
            if new != html:
                page.write_text(new, encoding="utf-8")


def build(site_dir: Path, languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict]:
    """The PDFs into site_dir/pdf/, then the download links; returns, per language, seconds,
    bytes, pages, the file's path and the chapters it holds."""
    book = load_book_config()
    out = site_dir / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for lang in languages:
        start = time.perf_counter()
        context = document_context(site_dir, lang, book)
        target = out / FILE_NAMES[lang]
        pages = write_pdf(render_document(context), target, site_dir)
        results[lang] = {
            "seconds": time.perf_counter() - start,
            "bytes": target.stat().st_size,
            "pages": pages,
            "path": target,
            "chapters": context["chapters"],
        }
    fill_download_links(site_dir)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site; run `make build` first", file=sys.stderr)
        return 1
    for result in build(args.site_dir, tuple(args.lang)).values():
        print(f"{result['path']}: {human_size(result['bytes'])} in {result['seconds']:.1f} s")
    return 0

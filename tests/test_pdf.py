"""The PDF of each language (scripts/build/pdf.py), built once from the session's site build.

Reads the files with pypdf: they open, every chapter starts where its bookmark points and in
book order, the outline has every survey section, Chinese text extracts as Chinese from embedded
fonts, internal links land inside the document, and the home and About pages link the files
with their real sizes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import ArrayObject, IndirectObject, NameObject, TextStringObject

from scripts.build import pdf
from scripts.data import site_paths
from tests.helpers import expand

LANGUAGES = pdf.LANGUAGES


@pytest.fixture(scope="session")
def pdf_site(site: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's site: the PDF build writes the download links into its pages,
    while the shared build stays as built for every other test."""
    target = tmp_path_factory.mktemp("pdf") / site["dir"].name
    shutil.copytree(site["dir"], target)
    return target


@pytest.fixture(scope="session")
def pdfs(pdf_site: Path) -> dict:
    """Both PDFs of the session's site, with what the tests read from them."""
    results = pdf.build(pdf_site)
    out = {}
    for lang in LANGUAGES:
        reader = PdfReader(results[lang]["path"])
        assert len(reader.pages) == results[lang]["pages"]
        out[lang] = {
            "path": results[lang]["path"],
            "reader": reader,
            "texts": PageTexts(reader),
            "chapters": results[lang]["chapters"],
        }
    return out


class PageTexts:
    """A page's extracted text (whitespace removed), extracted when first asked for: pypdf takes
    about 0.1 s a page, and most tests read a few pages of the 150."""

    def __init__(self, reader: PdfReader) -> None:
        self.reader = reader
        self.done: dict[int, str] = {}

    def __getitem__(self, page: int) -> str:
        if page not in self.done:
            self.done[page] = squeeze(self.reader.pages[page].extract_text())
        return self.done[page]

    def __len__(self) -> int:
        return len(self.reader.pages)


def chapter_pages(reader: PdfReader) -> list[int]:
    return [page for _, page in top_level_outline(reader)[1:]]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def top_level_outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


# --- Pure functions --------------------------------------------------------------------------


def test_link_text_that_is_the_address_is_not_printed_twice() -> None:
    assert pdf.same_address("https://pytorch.org/", "https://pytorch.org/")
    assert pdf.same_address("pytorch.org", "https://www.pytorch.org")
    assert pdf.same_address("doi:10.1038/x", "https://doi.org/10.1038/x")
    sici = "10.1002/(SICI)1097-4571<1>;2-#"  # its address is percent-encoded (Reference.link)
    assert pdf.same_address("https://a.example/a%20b", "https://a.example/a%20b")
    assert pdf.same_address(f"doi:{sici}", "https://doi.org/10.1002/(SICI)1097-4571%3C1%3E%3B2-%23")
    assert pdf.same_address("arXiv:2003.11755", "https://arxiv.org/abs/2003.11755")
    assert not pdf.same_address("PyTorch", "https://pytorch.org/")


def test_the_cached_page_references_follow_added_pages() -> None:
    import pydyf

    assert pdf.fast_page_references(), (
        f"pydyf {pydyf.__version__} is installed; read its PDF.page_references, re-check "
        f"scripts/build/pdf.py:fast_page_references, then update PYDYF_VERSION"
    )
    assert pdf.fast_page_references()  # a second call does not cache the cache
    assert not hasattr(pydyf.PDF.page_references.fget.pydyf_own, "pydyf_own")
    document = pydyf.PDF()
    for count in (1, 2, 3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        pydyf_own = pydyf.PDF.page_references.fget.pydyf_own(document)
        assert document.page_references == pydyf_own and len(pydyf_own) == count


def test_marker_leaves_an_empty_placeholder_until_the_pdfs_exist() -> None:
    html = expand("Intro\n\n<!-- pdf-downloads -->\n\nMore\n", "en", "en/index.md")
    assert pdf.PLACEHOLDER_RE.search(html)
    assert "<a" not in html and "MB" not in html


# --- The built files -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_opens_with_a_sane_page_count_and_size(pdfs: dict, lang: str) -> None:
    reader = pdfs[lang]["reader"]
    assert 30 <= len(reader.pages) <= 400
    assert pdfs[lang]["path"].stat().st_size <= 15 * 1024 * 1024
    assert reader.metadata.title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_starts_at_its_bookmark_in_book_order(pdfs: dict, lang: str) -> None:
    """The top-level bookmarks are the contents page and the chapters, in book order; each
    chapter's title is on the page its bookmark points to."""
    chapters = pdfs[lang]["chapters"]
    outline = top_level_outline(pdfs[lang]["reader"])[1:]  # after "Contents"
    assert [title for title, _ in outline] == [chapter.label for chapter in chapters]
    pages = [page for _, page in outline]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    for chapter, page in zip(chapters, pages, strict=True):
        assert squeeze(chapter.title) in pdfs[lang]["texts"][page], chapter.src


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outline_has_every_survey_section_and_its_h2s(pdfs: dict, lang: str) -> None:
    reader = pdfs[lang]["reader"]
    survey = [c for c in pdfs[lang]["chapters"] if c.kind == "survey"]
    assert len(survey) >= 10
    outline = reader.outline
    for chapter in survey:
        index = next(
            i for i, item in enumerate(outline) if getattr(item, "title", None) == chapter.label
        )
        children = outline[index + 1] if isinstance(outline[index + 1], list) else []
        assert [item.title for item in children] == [text for _, text in chapter.headings]


def test_chinese_text_extracts_as_chinese(pdfs: dict) -> None:
    """A sample, for speed: the first page of every chapter (about 11,000 Han characters; the
    whole book has over 20,000). The glyph faults this guards against (look-alike radicals,
    replacement characters) show on any page with Chinese text."""
    texts = pdfs["zh"]["texts"]
    text = "".join(texts[page] for page in chapter_pages(pdfs["zh"]["reader"]))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert han > 5000
    assert "深度学习" in text and "迁移学习" in text
    # No tofu or replacement characters, no Kangxi radicals standing in for ideographs.
    assert not re.search(r"[\ufffd\u2e80-\u2fdf]", text)


def embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawn by the PDF itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_and_subsetted(pdfs: dict, lang: str) -> None:
    fonts = {}
    for page in pdfs[lang]["reader"].pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font.get("/BaseFont"))] = font
    assert any("Noto" in name for name in fonts)
    for name, font in fonts.items():
        assert embedded(font), f"{name} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"


def link_target_page(reader: PdfReader, annotation) -> int | None:
    dest = annotation.get("/Dest")
    if dest is None and annotation.get("/A", {}).get("/S") == "/GoTo":
        dest = annotation["/A"]["/D"]
    if isinstance(dest, (NameObject, TextStringObject, str)):
        dest = reader.named_destinations.get(str(dest))
        return None if dest is None else reader.get_destination_page_number(dest)
    if isinstance(dest, ArrayObject) and isinstance(dest[0], IndirectObject):
        return reader.get_page_number(dest[0].get_object())
    return None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_internal_links_land_inside_the_document(pdfs: dict, lang: str) -> None:
    """Citations in a survey chapter link to the References chapter of the same PDF."""
    reader = pdfs[lang]["reader"]
    outline = dict(top_level_outline(reader))
    labels = {c.src: c.label for c in pdfs[lang]["chapters"]}
    references_start = outline[labels["references.md"]]
    targets = []
    for page in reader.pages[outline[labels["introduction.md"]] : references_start]:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                targets.append(link_target_page(reader, annotation))
    inside = [t for t in targets if t is not None]
    assert inside, "no internal link annotations"
    assert any(t >= references_start for t in inside), "no citation lands in References"


def test_web_addresses_are_printed_for_paper_readers(pdfs: dict) -> None:
    texts = pdfs["en"]["texts"]
    assert any("<https://" in texts[page] for page in range(len(texts)))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("src", pdf.DOWNLOAD_PAGES)
def test_home_and_about_pages_link_the_pdfs_with_their_sizes(
    pdfs: dict, pdf_site: Path, lang: str, src: str
) -> None:
    page = pdf_site / site_paths.site_path(lang, src).lstrip("/") / "index.html"
    links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
        ".pdf-downloads a[href$='.pdf']"
    )
    assert [a["hreflang"][:2] for a in links][0] == lang  # its own language first
    for link in links:
        target = (page.parent / link["href"]).resolve()
        assert target.is_file(), link["href"]
        assert pdf.human_size(target.stat().st_size) in link.get_text()


def test_a_page_missing_from_the_site_asks_for_a_build(tmp_path: Path) -> None:
    with pytest.raises(
        SystemExit, match=r"introduction/index\.html: no such page; run `make build`"
    ):
        pdf.read_article(tmp_path, "en", "introduction.md")

"""Build time and size of the PDF of each language (scripts/build/pdf.py, WeasyPrint).

Builds the site into a temporary folder, then each PDF, and prints per language: wall time,
CPU time of this process (WeasyPrint runs in it, single-threaded), size, pages, and the load
average before and after, since a busy machine stretches wall time. Goal: <= 60 s per language
on a 2-core machine, <= 15 MB per file.

--chromium also prints the same combined document through Chromium (one pass, no page numbers
in the contents, fonts as Chromium embeds them), the alternative README.md compares.

Usage: python benchmarks/pdf.py [--chromium]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build import pdf  # noqa: E402
from scripts.data.site_paths import build_site  # noqa: E402
from scripts.links.local_site import find_chromium  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def font_types(path: Path) -> str:
    from pypdf import PdfReader

    types = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            types.add(str(font.get_object().get("/Subtype")).lstrip("/"))
    return ", ".join(sorted(types))


def chromium(site_dir: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    book = pdf.load_book_config()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=find_chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        for lang in pdf.LANGUAGES:
            html = pdf.render_document(pdf.document_context(site_dir, lang, book))
            start = time.perf_counter()
            tab = browser.new_page()
            tab.set_content(html, wait_until="load")
            target = out / f"chromium-{lang}.pdf"
            tab.pdf(path=target, prefer_css_page_size=True, print_background=True, outline=True,
                    tagged=True)  # fmt: skip
            tab.close()
            print(
                f"chromium {lang}: {time.perf_counter() - start:6.1f} s wall, "
                f"{target.stat().st_size / 1e6:5.1f} MB, {len(PdfReader(target).pages)} pages, "
                f"fonts: {font_types(target)}"
            )
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chromium", action="store_true", help="also time Chromium's print")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, load average (1/5/15 min) before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        start = time.perf_counter()
        build_site(site_dir, "https://example.org/")
        print(f"site build: {time.perf_counter() - start:6.1f} s wall")
        for lang in pdf.LANGUAGES:
            cpu = cpu_seconds()
            result = pdf.build(site_dir, (lang,))[lang]
            print(
                f"weasyprint {lang}: {result['seconds']:6.1f} s wall, "
                f"{cpu_seconds() - cpu:6.1f} s CPU, {result['bytes'] / 1e6:5.1f} MB, "
                f"{result['pages']} pages, fonts: {font_types(result['path'])}"
                f"  (goal <= 60 s, <= 15 MB)"
            )
        if args.chromium:
            chromium(site_dir, Path(tmp))
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

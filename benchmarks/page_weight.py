"""Page weight of a first view, per page type and language, and the size of each search index.

Builds the site, serves it gzipped like a static host (tests.helpers.serve with compress=True:
GitHub Pages gzips text too) and opens each page in a fresh browser context (empty cache) with
the system Chromium. For every file the page loads, it prints the raw and gzipped bytes by kind
(HTML, CSS, JS, fonts, images, data such as sitemap.xml), and the bytes that actually crossed the
wire (body as sent plus response headers). Goal: first view <= 90 KB transferred.

Usage: python benchmarks/page_weight.py
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from served import served_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import find_chromium  # noqa: E402
from tests.quality_pages import page_types  # noqa: E402

GOAL_KB = 90
KINDS = ("html", "css", "js", "fonts", "images", "data")
EXTENSIONS = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
    ".svg": "images",
    ".png": "images",
    ".jpg": "images",
    ".jpeg": "images",
    ".gif": "images",
    ".webp": "images",
    ".avif": "images",
    ".ico": "images",
}


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def local_file(url: str, base: str, site_dir: Path, status: int) -> Path:
    """The built file a URL was answered from (the 404 page for a missing one)."""
    if status == 404:
        return site_dir / "404.html"
    path = urlsplit(url).path[len(urlsplit(base).path) :]
    target = site_dir / path
    return target / "index.html" if path.endswith("/") or not path else target


def first_view(browser, base: str, site_dir: Path, path: str) -> dict:
    """Raw and gzipped bytes by kind, request count and bytes transferred, for one page."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    transferred = 0
    for response in responses:
        if not response.url.startswith(base):  # data: URIs and anything off the site
            continue
        file = local_file(response.url, base, site_dir, response.status)
        data = file.read_bytes() if file.is_file() else b""
        kind = EXTENSIONS.get(file.suffix, "data")
        totals[kind][0] += len(data)
        totals[kind][1] += gz_size(data)
        # Chromium reports no body size for a worker's script: count what the server sent.
        sizes = response.request.sizes()
        sent = gz_size(data) if response.headers.get("content-encoding") == "gzip" else len(data)
        transferred += (sizes["responseBodySize"] or sent) + sizes["responseHeadersSize"]
    context.close()
    return {"kinds": totals, "requests": len(responses), "transferred": transferred}


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args(argv)
    from playwright.sync_api import sync_playwright

    misses = []
    with served_site() as (base, site_dir), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        print("First view, KB raw/gzip by kind; 'sent' = bytes on the wire (gzip + headers)")
        header = f"{'page':<24}{'req':>4}" + "".join(f"{k:>14}" for k in KINDS)
        print(header + f"{'total':>14}{'sent':>8}")
        for lang, kind, path in page_types():
            view = first_view(browser, base, site_dir, path)
            cells = "".join(
                f"{kb(view['kinds'][k][0]) + '/' + kb(view['kinds'][k][1]):>14}" for k in KINDS
            )
            raw = sum(v[0] for v in view["kinds"].values())
            packed = sum(v[1] for v in view["kinds"].values())
            name = f"{lang} {kind}"
            total = f"{kb(raw)}/{kb(packed)}"
            print(f"{name:<24}{view['requests']:>4}{cells}{total:>14}{kb(view['transferred']):>8}")
            if view["transferred"] > GOAL_KB * 1024:
                misses.append(f"{name} ({kb(view['transferred'])} KB)")
        browser.close()
        print("\nSearch index (downloaded when the reader opens search), KB raw/gzip")
        for lang in ("en", "zh"):
            index = site_dir / ("" if lang == "en" else lang) / "search" / "search_index.json"
            data = index.read_bytes()
            print(f"{lang}: {kb(len(data))}/{kb(gz_size(data))}")
    print(
        f"\nfirst view <= {GOAL_KB} KB sent: "
        + ("yes" if not misses else "NO: " + ", ".join(misses))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

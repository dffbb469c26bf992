"""Shared test helpers. Building and serving the site comes from scripts/links/local_site.py, which
the internal link check uses too."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from scripts.data.resources import Resource, Text
from scripts.data.site_paths import build_site
from scripts.links.local_site import PREFIX, ROOT, find_chromium, free_port, serve
from scripts.render import page as page_markers

__all__ = ["PREFIX", "ROOT", "build_site", "copy_project", "find_chromium", "free_port", "serve"]


def expand(markdown: str, lang: str, src_uri: str, edit: str = "", **data: object) -> str:
    """The markers of ``markdown`` expanded with only the data a test gives (``catalogue=…``)."""
    parts = SimpleNamespace(**data)
    page = page_markers.Page(lang, parts, src_uri, src_uri.split("/", 1)[-1], edit, markdown)  # type: ignore[arg-type]
    return page_markers.expand_markers(markdown, page)


def copy_project(target: Path) -> Path:
    """A throwaway copy of the project (docs, data, scripts, theme) to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "scripts", "overrides", "templates"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    return target


def make_resource(id: str = "example", **changes: object) -> Resource:  # noqa: A002
    """A valid catalogue entry for unit tests; ``changes`` override any field."""
    values: dict[str, object] = {
        "id": id,
        "name": "Example",
        "url": f"https://example.org/{id}",
        "description": Text(en="An example resource.", zh="一个示例资源。"),
        "data": ("images",),
        "level": "beginner",
        "kind": "library",
        "status": "active",
        "category": "models",
        "source": "data/resources/models.yaml",
        "line": 3,
    }
    values.update(changes)
    return Resource(**values)  # type: ignore[arg-type]


@contextmanager
def handler_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served on a free 127.0.0.1 port for the ``with`` block; yields its origin."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

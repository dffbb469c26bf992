"""Shared test helpers. Building and serving the site comes from scripts/links/local_site.py, which
the internal link check uses too."""

from __future__ import annotations

import http.server
import json
import re
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
from scripts.render import translations

__all__ = ["PREFIX", "ROOT", "build_site", "copy_project", "find_chromium", "free_port", "serve"]

# The variant project: one copy of the project changed three ways, built once per test run
# (conftest's ``variant`` fixture) for the tests that need a build of changed sources.
# - HOSTILE is the description of the about page in both languages: everything a description can
#   carry that would break an attribute or be mangled on the way (tests/test_html_valid.py);
# - the English about page gains a sentence after every translation was marked current, so its
#   Chinese twin is outdated (tests/test_translations.py);
# - DRAFT is an English page without a Chinese twin (tests/test_untranslated.py), which is not in
#   the nav, so the variant is built without --strict; it has markup in its title and a citation.
HOSTILE = 'Say "hi" to <b>bold</b> & co, &amp; a full stop. 中文“引号”与‘单引号’, it\'s > all.'
OUTDATED = "about.md"
DRAFT = "draft.md"
DRAFT_TEXT = "This text has no translation yet."
DRAFT_TITLE = 'A <b>draft</b> & "co"'  # its title, which the page shows as text
DRAFT_CITED = "Where to start [@raghu2020survey]."


def set_description(page: Path, value: str) -> None:
    text = page.read_text(encoding="utf-8")
    # A JSON string is a valid YAML double-quoted scalar.
    new, n = re.subn(
        r"^description: .*$",
        lambda m: "description: " + json.dumps(value, ensure_ascii=False),
        text,
        count=1,
        flags=re.M,
    )
    assert n == 1, f"{page}: no description line in the front matter"
    page.write_text(new, encoding="utf-8")


def variant_project(target: Path) -> Path:
    project = copy_project(target)
    docs = project / "docs"
    for lang in ("en", "zh"):
        set_description(docs / lang / OUTDATED, HOSTILE)
    translations.update(docs, every=True)
    english = docs / "en" / OUTDATED
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    (docs / "en" / DRAFT).write_text(
        f"---\ntitle: '{DRAFT_TITLE}'\ndescription: A page written in English only.\n---\n\n"
        f"## Only in English {{ #only-in-english }}\n\n{DRAFT_TEXT} {DRAFT_CITED}\n",
        encoding="utf-8",
    )
    return project


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

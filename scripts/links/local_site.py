"""Serve a built site on 127.0.0.1 like a static host (``site_paths.build_site`` builds it).

Shared by the internal link check (scripts/links/internal.py), the tests and the benchmarks:
the site lives under /dl4sci/ (a sub-path, like a GitHub Pages project site), unknown paths get
the site's 404 page, text can go out gzipped, and ``serve`` only yields once the server answers
(unless told not to wait, for a site built after the server starts).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "dl4sci"
GZIP_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


def find_chromium() -> str | None:
    """CHROMIUM, else Debian's /usr/bin/chromium; None means 'try Playwright's own browser'."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; the site's 404 page for unknown paths; gzip when ``compress``.

    To LinkChecker (known by its user agent) it answers with a ``LinkChecker`` header, which
    lifts its limit of 10 requests per second per host (``maxrequestspersecond`` in
    linkcheckerrc); without it each request waits 0.1-0.6 s. Browsers and benchmarks do not get
    the header, so measured page weights stay those of a plain static host.
    """

    compress = False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        if "LinkChecker" in self.headers.get("User-Agent", ""):
            self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def _gzip_ok(self, path: str) -> bool:
        return (
            self.compress
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and path.endswith(GZIP_TYPES)
        )

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (self._gzip_ok(path) and os.path.isfile(path)):
            return super().send_head()
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / PREFIX / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self._gzip_ok(str(page)):
            body = _gzipped(str(page), page.stat().st_mtime_ns)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class GzipSiteHandler(SiteHandler):
    """Like a static host (GitHub Pages gzips text): text goes out gzipped when asked."""

    compress = True


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on before a response is sent closes its connection: not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(root: Path, port: int, compress: bool = False, wait: bool = True) -> Iterator[str]:
    """Serve ``root`` (which holds the site in ``PREFIX/``) on 127.0.0.1:port; yields the
    site's base URL once the server answers there (at once with ``wait=False``, for a site
    that is built after the server starts)."""
    handler = functools.partial(GzipSiteHandler if compress else SiteHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}/{PREFIX}/"
    try:
        if wait:
            with urllib.request.urlopen(base, timeout=10) as response:
                if response.status != 200:
                    raise RuntimeError(f"local server on port {port} answered {response.status}")
        yield base
    finally:
        server.shutdown()
        server.server_close()

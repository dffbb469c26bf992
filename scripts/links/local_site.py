"""Serve a built site on 127.0.0.1 like a static host (GitHub Pages) under /dl4sci/: its 404 page
for unknown paths, text gzipped if asked. For the internal link check, tests and benchmarks."""

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
    """CHROMIUM, else Debian's headless shell, else its full Chromium; None means 'try
    Playwright's own browser' (which is the headless shell too). The shell runs the browser
    tests in about three quarters of the full browser's time."""
    shell, full = shutil.which("chromium-headless-shell"), shutil.which("chromium")
    for candidate in (os.environ.get("CHROMIUM"), shell, full):
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
    """Static files, quietly, gzipped when ``compress``. Only LinkChecker gets the ``LinkChecker``
    header that lifts its 10 requests per second (page weights stay a static host's)."""

    compress = False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        if "LinkChecker" in self.headers.get("User-Agent", ""):
            self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def _gzip_ok(self, path: str) -> bool:
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        return self.compress and accepted and path.endswith(GZIP_TYPES)

    def _send_whole(self, code: int, path: str, content_type: str) -> bytes:
        gzipped = self._gzip_ok(path)
        body = _gzipped(path, os.stat(path).st_mtime_ns) if gzipped else Path(path).read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return body

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (self._gzip_ok(path) and os.path.isfile(path)):
            return super().send_head()
        return io.BytesIO(self._send_whole(200, path, self.guess_type(path)))

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without index.html is not found, as on a static host: no listing, which would
        let the link check pass a link to a folder that has no page."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / PREFIX / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = self._send_whole(404, str(page), "text/html; charset=utf-8")
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on before a response is sent closes its connection: not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(root: Path, port: int, compress: bool = False, wait: bool = True) -> Iterator[str]:
    """Serve ``root`` (the site in ``PREFIX/``) on 127.0.0.1:port; yield the base URL once the
    server answers (at once with ``wait=False``: a site built after the server starts)."""
    handler_class = type("Handler", (SiteHandler,), {"compress": compress})
    handler = functools.partial(handler_class, directory=str(root))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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

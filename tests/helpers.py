"""Shared test helpers: build the site into a folder and serve it on a free loopback port."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "dl4sci"  # served under a sub-path, like a GitHub Pages project site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(
    site_dir: Path, site_url: str, project: Path = ROOT, check: bool = True, strict: bool = True
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` (strict unless told otherwise) of ``project`` into ``site_dir``."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    mode = ["--strict"] if strict else ["--no-strict"]  # mkdocs.yml itself says strict: true
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *mode, "-q", "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def copy_project(target: Path) -> Path:
    """A throwaway copy of the project (docs, data, scripts, theme) to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "scripts", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    return target


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quietly; unknown paths get the site's 404 page like a static host."""

    compress = False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / PREFIX / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if self.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = _gzipped(str(page), page.stat().st_mtime_ns)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


GZIP_TYPES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(_Handler):
    """Like a static host (GitHub Pages gzips text): text files go out gzipped when asked."""

    compress = True

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(GZIP_TYPES) and os.path.isfile(path)):
            return super().send_head()
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, port: int, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1:port; yields the origin once the server answers.

    ``compress`` gzips text responses as static hosts do (for page-weight figures).
    """
    handler = functools.partial(_GzipHandler if compress else _Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(f"{origin}/{PREFIX}/", timeout=10) as response:
            if response.status != 200:
                raise RuntimeError(f"test server on port {port} answered {response.status}")
        yield origin
    finally:
        server.shutdown()
        server.server_close()


def find_chromium() -> str | None:
    """CHROMIUM, else Debian's /usr/bin/chromium; None means 'try Playwright's own browser'."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None

"""The built site served like a static host (gzip for text), for the page-weight benchmarks."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.data.site_paths import build_site  # noqa: E402
from scripts.links.local_site import PREFIX, free_port, serve  # noqa: E402


@contextmanager
def served_site() -> Iterator[tuple[str, Path]]:
    """Build the site for a free loopback port and serve it gzipped; yields (base URL, site dir)."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}/{PREFIX}/"
        site_dir = Path(tmp) / PREFIX
        build_site(site_dir, base)
        with serve(Path(tmp), port, compress=True):
            yield base, site_dir

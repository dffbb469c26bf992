"""scripts/links/local_site.py: the local server answers like the static host it stands in for."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.links.local_site import PREFIX, free_port, serve


def test_a_folder_without_a_page_is_not_found(tmp_path: Path) -> None:
    """GitHub Pages answers 404 for a folder without index.html; a listing (200) would let the
    internal link check pass a link to it (a review found exactly that)."""
    site = tmp_path / PREFIX
    (site / "files").mkdir(parents=True)
    (site / "files" / "data.csv").write_text("a,b\n", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    with serve(tmp_path, free_port()) as base:
        with urllib.request.urlopen(base + "files/data.csv") as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(base + "files/")
    assert gone.value.code == 404
    assert gone.value.read() == b"<p>not here</p>"

"""Shared test helpers. Building and serving the site comes from scripts/local_site.py, which
the internal link check uses too."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from scripts.local_site import PREFIX, ROOT, build_site, free_port, serve

__all__ = ["PREFIX", "ROOT", "build_site", "copy_project", "find_chromium", "free_port", "serve"]


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


def find_chromium() -> str | None:
    """CHROMIUM, else Debian's /usr/bin/chromium; None means 'try Playwright's own browser'."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None

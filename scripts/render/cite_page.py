""" "Cite this page": the plain-text and BibTeX citation of one built page.

The authors are the site's contributors (``cite.authors`` in data/ui.yaml; a test keeps it equal
to mkdocs.yml's ``site_author`` and CITATION.cff's); then the title, the site name in the page's
language, its URL, the build date (``SOURCE_DATE_EPOCH`` fixes it) and the commit, left out
outside git, never guessed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scripts.data import ui
from scripts.data.site_paths import ROOT


@dataclass(frozen=True)
class BuildInfo:
    date: dt.date
    commit: str  # full hash, "" outside git


def git(*args: str, cwd: Path = ROOT) -> str | None:
    """Output of a git command, or None when git or the repository is missing."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    epoch = (environ if environ is not None else os.environ).get("SOURCE_DATE_EPOCH", "")
    if epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


@lru_cache(maxsize=4)
def build_info(root: Path = ROOT) -> BuildInfo:
    commit = (git("rev-parse", "--verify", "-q", "HEAD", cwd=root) or "").strip()
    return BuildInfo(build_date(), commit if re.fullmatch(r"[0-9a-f]{40}", commit) else "")


def _bibtex_escape(text: str) -> str:
    """Braces and the characters BibTeX treats specially, so titles survive a round trip."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def for_page(page: Any, config: Any) -> dict[str, str]:
    """``page_citation`` of a MkDocs page being rendered (title from front matter or nav)."""
    title = page.meta.get("title") or page.title or config.site_name
    return page_citation(
        title, page.url, page.canonical_url or "", config.site_name, config.theme["language"]
    )


def page_citation(
    title: str, page_url: str, url: str, site_name: str, lang: str, info: BuildInfo | None = None
) -> dict[str, str]:
    """The texts the cite block shows: ``plain`` and ``bibtex`` in the page's language;
    ``page_url`` is the page's URL inside the site (``zh/about/``), ``url`` its address."""
    info = info or build_info()
    authors = ui.text("cite.authors", lang)
    date = info.date.isoformat()
    built = ui.text("cite.built", lang).format(date=date)
    if info.commit:
        built += ui.text("cite.from_commit", lang).format(commit=info.commit[:7])
    plain = ui.text("cite.plain", lang).format(
        authors=authors, title=title, site=site_name, built=built, url=url
    )
    fields = [
        ("author", "{" + _bibtex_escape(authors) + "}"),
        ("title", "{" + _bibtex_escape(title) + "}"),
        ("howpublished", _bibtex_escape(site_name)),
        ("year", str(info.date.year)),
        ("url", url),
        ("urldate", date),
        ("note", _bibtex_escape(built)),
    ]
    if lang != "en":
        fields.append(("language", lang))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    # dl4sci-models-and-tasks-2026 for models-and-tasks/, dl4sci-zh-about-2026 for zh/about/
    slug = re.sub(r"[^a-z0-9]+", "-", page_url.lower()).strip("-") or "home"
    key = f"dl4sci-{slug}-{info.date.year}"
    return {"plain": plain, "bibtex": f"@misc{{{key},\n{body}\n}}", "key": key}

"""The bibliography's entries as the exports (scripts/exports/works.py) and COinS
(scripts/render/coins.py) read them: scripts/data/references.py's ``Reference``, read once per
version of the file (the build stops on a bad bibliography before anything reads this)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from scripts.data.references import DEFAULT_BIB, load_bibliography
from scripts.data.references import Reference as Work

__all__ = ["Work", "load_works", "name_parts", "real_authors"]


def load_works(path: Path = DEFAULT_BIB) -> dict[str, Work]:
    """Every parseable entry of a .bib file by key, in file order."""
    return dict(_load(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _load(path: str, _mtime_ns: int) -> tuple[tuple[str, Work], ...]:
    return tuple(load_bibliography(Path(path)).references.items())


def name_parts(author: str) -> tuple[str, str]:
    """(family, given) from "Last, First"; an institution (no comma) is all family."""
    if "," in author:
        family, given = (part.strip() for part in author.split(",", 1))
        return family, given
    return author.strip(), ""


def real_authors(work: Work) -> list[str]:
    return [a for a in work.authors if a.lower() != "others"]

"""COinS, as Zotero reads it (zotero/translators COinS.js, "lastUpdated" 2021-06-01, at
2814370161d0; Zotero.Utilities.parseContextObject, zotero/utilities openurl.js at 4051881d59c6):
it takes every ``span.Z3988[title]``, splits the title on ``&`` and decodes each value with
decodeURIComponent after ``+`` and ``%2B`` became spaces. A span counts only if ``rft_val_fmt``
gives an item type: ``mtx:journal`` (article), ``mtx:book`` with ``rft.genre=proceeding``
(conference paper) or ``bookitem`` (book section), ``mtx:dc`` with ``rft.type=preprint``. With
two or more the connector offers a list. A span with a title and an ``rft.au`` is imported as
it is; without a creator Zotero looks the item up online, so the authors are always named.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from scripts.data.references import DEFAULT_BIB, Work, load_works, real_authors

# Left as they are in values: Zotero splits on "&" and decodes each value with
# decodeURIComponent, which passes these, spaces and any non-ASCII letter through unchanged.
# So titles and names stay as the page shows them, which gzip then finds twice: the References
# page's spans cost a third less than fully encoded ones. Zotero reads "+" (and "%2B") as a
# space, so a literal "+" cannot survive and is written as one.
KEV_SAFE = " ,:/()'.-_~!*;@$"


def _kev(name: str, value: str) -> str:
    """One key=value pair, as short as Zotero reads it (one per work on the References page,
    so every byte counts on its first view)."""
    text = quote(value.replace("+", " "), safe=KEV_SAFE)
    return f"{name}={re.sub(r'(%[0-9A-F]{2})+', _unicode, text)}"


def _unicode(match: re.Match[str]) -> str:
    """Percent-encoded UTF-8 of letters back to the letters (decodeURIComponent is a no-op on
    them); ASCII escapes such as %26 for "&" stay."""
    raw = bytes.fromhex(match.group(0).replace("%", ""))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)
    return "".join(quote(c, safe=KEV_SAFE) if ord(c) < 128 else c for c in text)


def context_object(work: Work) -> str:
    """The COinS title of one work (OpenURL 1.0 KEV ContextObject; see the module docstring)."""
    parts = ["ctx_ver=Z39.88-2004"]
    if work.entry_type == "inproceedings":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=proceeding"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.btitle", work.booktitle)]
    elif work.entry_type == "incollection":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=bookitem"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.btitle", work.booktitle)]
    elif work.entry_type == "book":
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", "rft.genre=book"]
        parts += [_kev("rft.btitle", work.title)]
    elif work.preprint:
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:dc", "rft.type=preprint"]
        parts += [_kev("rft.title", work.title), _kev("rft.source", "arXiv")]
    else:
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:journal", "rft.genre=article"]
        parts += [_kev("rft.atitle", work.title), _kev("rft.jtitle", work.journal)]
    for author in real_authors(work):  # "Last, First" is split at the comma; else an institution
        parts.append(_kev("rft.au" if "," in author else "rft.aucorp", author))
    # With a DOI, Zotero's link to the work is https://doi.org/<doi> anyway.
    link = f"info:doi/{work.doi}" if work.doi else work.link
    parts.append(_kev("rft.date", work.year))
    optional = (
        ("rft.volume", work.volume),
        ("rft.issue", work.number),
        ("rft.pages", work.page_text if work.pages else ""),
        ("rft.pub", work.publisher),
        ("rft_id", link),
    )
    return "&".join(parts + [_kev(name, value) for name, value in optional if value])


def context_objects(path: Path = DEFAULT_BIB) -> dict[str, str]:
    """COinS titles by key (empty when the file cannot be read: the page lists stay usable).
    Made once per version of the file: every page's citation list asks for them."""
    try:
        return _context_objects(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=4)
def _context_objects(path: str, _mtime_ns: int) -> dict[str, str]:
    return {key: context_object(work) for key, work in load_works(Path(path)).items()}

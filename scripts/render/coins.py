"""COinS, as Zotero reads it (read in zotero/translators COinS.js, "lastUpdated" 2021-06-01, at
commit 2814370161d0, and Zotero.Utilities.parseContextObject in zotero/utilities openurl.js at
4051881d59c6): the translator takes every ``span.Z3988[title]``; the title is split on ``&``
and each value decoded with decodeURIComponent after ``+`` and ``%2B`` became spaces. A span
counts only if ``rft_val_fmt`` gives an item type: ``mtx:journal`` is a journal article,
``mtx:book`` with the exact part ``rft.genre=proceeding`` a conference paper (``bookitem`` a
book section), ``mtx:dc`` with ``rft.type=preprint`` a preprint. Two or more typed spans make
the connector offer a list to pick from ("multiple"). A span with a title and at least one
``rft.au`` is imported as it is; without a creator Zotero looks the item up online, which we
avoid by always naming the authors.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from scripts.data.references import DEFAULT_BIB
from scripts.data.works import Work, load_works, real_authors

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
    parts.append(_kev("rft.date", work.year))
    for name, value in (("rft.volume", work.volume), ("rft.issue", work.number)):
        if value:
            parts.append(_kev(name, value))
    if work.pages:
        parts.append(_kev("rft.pages", work.page_text))
    if work.publisher:
        parts.append(_kev("rft.pub", work.publisher))
    if work.doi:  # with a DOI, Zotero's link to the work is https://doi.org/<doi> anyway
        parts.append(_kev("rft_id", f"info:doi/{work.doi}"))
    elif work.link:
        parts.append(_kev("rft_id", work.link))
    return "&".join(parts)


def context_objects(path: Path = DEFAULT_BIB) -> dict[str, str]:
    """COinS titles by key (empty when the file cannot be read: the page lists stay usable)."""
    try:
        return {key: context_object(work) for key, work in load_works(path).items()}
    except OSError:
        return {}

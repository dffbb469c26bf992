"""Citations at build time: ``[@key]`` becomes a short author-year link to the References
page, ``<!-- cited-works -->`` the list of works the page cites, and ``<!-- bibliography -->``
(on the References page) the whole bibliography (data in scripts/data/references.py).

Each listed work carries a COinS span, as Zotero reads it (zotero/translators COinS.js,
"lastUpdated" 2021-06-01, at 2814370161d0; Zotero.Utilities.parseContextObject,
zotero/utilities openurl.js at 4051881d59c6): it takes every ``span.Z3988[title]``, splits the
title on ``&`` and decodes each value with decodeURIComponent after ``+`` and ``%2B`` became
spaces. A span counts only if ``rft_val_fmt`` gives an item type: ``mtx:journal`` (article),
``mtx:book`` with ``rft.genre=proceeding`` (conference paper) or ``bookitem`` (book section),
``mtx:dc`` with ``rft.type=preprint``. With two or more the connector offers a list. A span
with a title and an ``rft.au`` is imported as it is; without a creator Zotero looks the item up
online, so the authors are always named.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from scripts.data import markdown_reader, references, ui
from scripts.data.references import CITATION_RE, Bibliography, Reference, citation_keys, short_label
from scripts.data.site_paths import REFERENCES_PAGE, relative_link, relative_url
from scripts.render.templates import render_template

ZH_CITATION_RE = re.compile(r"[ \t]*" + CITATION_RE.pattern)


def render_citations(
    markdown: str,
    lang: str,
    bib: Bibliography,
    page_src_uri: str,
    shown: str = "",
    first_line: int = 1,
) -> str:
    """Replace ``[@key]`` citations; an unknown key or a malformed citation raises KeyError as
    ``<shown>:<line>: citation: …`` (``shown``: the page's path for messages, ``page_src_uri``
    if not given; ``first_line``: the line of the file ``markdown`` starts at)."""
    link = relative_link(page_src_uri, REFERENCES_PAGE)
    # Chinese citations use full-width brackets, which take no space before them.
    pattern = ZH_CITATION_RE if lang == "zh" else CITATION_RE

    def replace(part: str) -> str:
        return pattern.sub(lambda m: _cite(m.group(1), lang, bib, link), part)

    out: list[str] = []
    lines = markdown_reader.fenced(markdown.split("\n"))
    for number, (line, code) in enumerate(lines, start=first_line):
        where = f"{shown or page_src_uri}:{number}: citation"
        if not code and (message := references.malformed_citation(line)):
            raise KeyError(f"{where}: {message}")
        try:
            out.append(line if code else markdown_reader.outside_code_spans(line, replace))
        except KeyError as exc:
            raise KeyError(f"{where}: {exc.args[0]}") from None
    return "\n".join(out)


def render_marker(name: str, markdown: str, lang: str, bib: Bibliography, page_src_uri: str) -> str:
    """``<!-- cited-works -->`` (the works ``markdown`` cites) or ``<!-- bibliography -->``."""
    if name == "cited-works":
        refs = [_lookup(bib, k) for k in citation_keys(markdown)]
        return render_list(refs, lang, relative_url(page_src_uri, REFERENCES_PAGE))
    refs = sorted(bib.references.values(), key=lambda r: (_sort_name(r), r.year, r.key))
    return render_list(refs, lang, "", anchors=True)


def _sort_name(ref: Reference) -> str:
    """The first surname as the References page orders it, whatever its case and accents:
    "de Vries" among the Ds, "Ćiprijanović" among the Cs (not after "Zhou")."""
    decomposed = unicodedata.normalize("NFKD", ref.surnames[0] if ref.surnames else "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _lookup(bib: Bibliography, key: str) -> Reference:
    if key not in bib.references:
        raise KeyError(f"'{key}' is not in {bib.path.name}")
    return bib.references[key]


def _cite(group: str, lang: str, bib: Bibliography, link: str) -> str:
    keys = [p.strip().lstrip("@") for p in group.split(";")]
    parts = [_cite_one(_lookup(bib, k), lang, link) for k in keys]
    opening, closing = ui.text("references.cite_open", lang), ui.text("references.cite_close", lang)
    return opening + ui.text("common.semicolon", lang).join(parts) + closing


def _cite_one(ref: Reference, lang: str, link: str) -> str:
    text = f"[{short_label(ref, lang)}]({link}#{ref.key})"
    # A work that came out after the survey is marked the same way wherever it is cited
    # (site.css draws the badge).
    if ref.after_survey:
        text += f'{{ .cite-after title="{ui.text("references.after_survey", lang)}" }}'
    return text


def render_list(refs: list[Reference], lang: str, link: str, anchors: bool = False) -> str:
    """HTML list of references from the Jinja template."""
    coins = context_objects()
    return render_template(
        "references/list.html", refs=refs, lang=lang, link=link, anchors=anchors, coins=coins
    )


# --- COinS for Zotero's browser connector (see the module docstring) ---------------------------

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


def context_object(work: references.Work) -> str:
    """The COinS title of one work (OpenURL 1.0 KEV ContextObject; see the module docstring)."""
    parts = ["ctx_ver=Z39.88-2004"]
    if work.entry_type in ("inproceedings", "incollection"):
        genre = "proceeding" if work.entry_type == "inproceedings" else "bookitem"
        parts += ["rft_val_fmt=info:ofi/fmt:kev:mtx:book", f"rft.genre={genre}"]
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
    # "Last, First" is split at the comma; else an institution
    for author in references.real_authors(work):
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


def context_objects(path: Path = references.DEFAULT_BIB) -> dict[str, str]:
    """COinS titles by key (empty when the file cannot be read: the page lists stay usable).
    Made once per version of the file: every page's citation list asks for them."""
    try:
        return _context_objects(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=4)
def _context_objects(path: str, _mtime_ns: int) -> dict[str, str]:
    return {key: context_object(work) for key, work in references.load_works(Path(path)).items()}

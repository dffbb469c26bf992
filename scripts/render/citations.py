"""Citations at build time: ``[@key]`` becomes a short author-year link to the References
page, ``<!-- cited-works -->`` the list of works the page cites, and ``<!-- bibliography -->``
(on the References page) the whole bibliography (data in scripts/data/references.py)."""

from __future__ import annotations

import re

from scripts.data import markdown_reader, ui
from scripts.data.references import CITATION_RE, Bibliography, Reference, citation_keys, short_label
from scripts.data.site_paths import REFERENCES_PAGE, relative_link, relative_url
from scripts.render.coins import context_objects  # COinS for Zotero's browser connector
from scripts.render.templates import render_template

LEFTOVER_RE = re.compile(r"\[@")  # a citation the patterns did not take: split or misspelt
ZH_CITATION_RE = re.compile(r"[ \t]*" + CITATION_RE.pattern)


def render_citations(markdown: str, lang: str, bib: Bibliography, page_src_uri: str) -> str:
    """Replace ``[@key]`` citations; unknown keys raise KeyError."""
    link = relative_link(page_src_uri, REFERENCES_PAGE)
    # Chinese citations use full-width brackets, which take no space before them.
    pattern = ZH_CITATION_RE if lang == "zh" else CITATION_RE

    def replace(part: str) -> str:
        return pattern.sub(lambda m: _cite(m.group(1), lang, bib, link), part)

    out: list[str] = []
    for line, code in markdown_reader.fenced(markdown.split("\n")):
        out.append(line if code else markdown_reader.outside_code_spans(line, replace))
        if not code and LEFTOVER_RE.search(markdown_reader.CODE_SPAN_RE.sub("", out[-1])):
            raise KeyError(
                f"malformed citation in '{line.strip()[:60]}': write [@key] or [@key1; @key2]"
                " on one line"
            )
    return "\n".join(out)


def render_marker(name: str, markdown: str, lang: str, bib: Bibliography, page_src_uri: str) -> str:
    """``<!-- cited-works -->`` (the works ``markdown`` cites) or ``<!-- bibliography -->``."""
    if name == "cited-works":
        refs = [_lookup(bib, k) for k in citation_keys(markdown)]
        return render_list(refs, lang, relative_url(page_src_uri, REFERENCES_PAGE))
    refs = sorted(bib.references.values(), key=lambda r: (r.surnames[:1], r.year, r.key))
    return render_list(refs, lang, "", anchors=True)


def _lookup(bib: Bibliography, key: str) -> Reference:
    if key not in bib.references:
        raise KeyError(f"citation key '{key}' is not in {bib.path.name}")
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
    """HTML list of references from the Jinja template (blank lines keep Markdown out of it)."""
    html = render_template(
        "references/list.html",
        refs=refs,
        lang=lang,
        link=link,
        anchors=anchors,
        coins=context_objects(),
    )
    return "\n\n" + html.strip() + "\n\n"

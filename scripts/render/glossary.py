"""Glossary at build time: the table (``<!-- glossary -->``) and English terms on first use.

On Chinese pages but the glossary, the first prose use of each term gets its English after it,
generated, never typed: ``迁移学习（transfer learning）``, linking to the glossary's row
(templates/glossary/first-use.html). Visible text, not a tooltip (touch screens, screen
readers). Headings, admonition titles, link texts, code, HTML and citations are left alone. A
use followed by a parenthesis with Latin letters (``基序（motif）``) counts as glossed; one
followed by, or inside, a Chinese parenthesis is skipped (no ``（…）（…）``); one followed by a
citation is glossed before it. Terms whose Chinese is the English, of one character, or marked
``gloss: false`` (模型) are not glossed; the longest term wins (卷积神经网络 before 神经网络).
"""

from __future__ import annotations

import re

from scripts.data import markdown_reader
from scripts.data.glossary import CJK_ONLY_RE, Glossary, Term, see_label
from scripts.data.site_paths import relative_url
from scripts.render.templates import render_template

# --- English terms on first use ----------------------------------------------------------------

GLOSS_SKIP_LINE_RE = re.compile(r"^\s*(?:#|<|!!!|\?\?\?|\[\^?[^\]]*\]:|\*\[)")
# Inline Markdown that is not prose to gloss: code, links and images (text and target),
# citations, HTML tags, attribute lists, URLs, footnote references.
GLOSS_PROTECTED_RE = re.compile(
    r"(`+).+?\1|!?\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\[[^\]]*\]|\[@[^\]]*\]|\[\^[^\]]*\]"
    r"|<[^>]+>|\{[^}]*\}|https?://\S+"
)
LATIN_RE = re.compile(r"[A-Za-z]")


def _gloss_candidates(glossary: Glossary) -> list[Term]:
    """Every Chinese-only term, longest first: all of them claim their text (so 神经网络 is not
    found inside 卷积神经网络), only ``glossable`` ones get the English."""
    terms = [t for t in glossary.terms if CJK_ONLY_RE.match(t.zh)]
    return sorted(terms, key=lambda t: -len(t.zh))


def glossable(term: Term) -> bool:
    return term.gloss and len(term.zh) >= 2 and term.zh != term.en


def _already_glossed(rest: str) -> bool | None:
    """What follows a term: True if a parenthesis with Latin letters (English already there),
    None if another parenthesis (skip this use: a gloss would make two brackets in a row), False
    otherwise (gloss it). A citation ``[@key]`` does not stop the gloss, which goes between the
    term and the citation: the reader needs the English term most where the work is cited."""
    rest = rest.lstrip("*_ ")  # emphasis or a space before the parenthesis: as right after it
    if rest[:1] in ("（", "("):
        closing = "）" if rest[0] == "（" else ")"
        inside = rest[1 : rest.find(closing)] if closing in rest else rest[1:]
        return True if LATIN_RE.search(inside) else None
    return False


def _inside_brackets(before: str) -> bool:
    """Whether a use sits inside a parenthesis already (no nested （…（…）…）)."""
    before = re.sub(r"\]\([^)]*\)", "]", before)
    opened = before.count("（") + before.count("(")
    return opened > before.count("）") + before.count(")")


def gloss_first_uses(markdown: str, glossary: Glossary, page_src_uri: str) -> str:
    """Add the English term after the first prose use of each glossary term (Chinese pages)."""
    terms = _gloss_candidates(glossary)
    glossary_url = relative_url(page_src_uri, "glossary.md")
    done: set[str] = {t.zh for t in terms if not glossable(t)}
    out: list[str] = []
    for line, code in markdown_reader.fenced(markdown.splitlines(keepends=True)):
        if code or GLOSS_SKIP_LINE_RE.match(line) or len(done) == len(terms):
            out.append(line)
            continue
        taken = [m.span() for m in GLOSS_PROTECTED_RE.finditer(line)]
        uses: list[tuple[int, int, Term]] = []
        for term in terms:
            if term.zh not in line:  # most lines hold few terms: skip the regex for the others
                continue
            for match in re.finditer(re.escape(term.zh), line):
                start, end = match.span()
                if not any(start < e and s < end for s, e in taken):
                    taken.append((start, end))
                    uses.append((start, end, term))
        glossed: list[str] = []
        position = 0  # how much of the line is in glossed
        for start, end, term in sorted(uses, key=lambda use: use[0]):
            if term.zh in done or _inside_brackets(line[:start]):
                continue
            state = _already_glossed(line[end:])
            if state is None:
                continue
            done.add(term.zh)
            if not state:
                href = f"{glossary_url}#{term.anchor}"
                html = render_template("glossary/first-use.html", en=term.en, href=href).strip()
                glossed += [line[position:end], html]
                # A space after the term (before Latin text) would follow the full-width bracket.
                tail = line[end:]
                position = end + 1 if tail.startswith(" ") and not tail.startswith("  ") else end
        out.append("".join(glossed) + line[position:])
    return "".join(out)


# --- Rendering ----------------------------------------------------------------------------------


def render_table(glossary: Glossary, lang: str, page_src_uri: str, edit_url: str) -> str:
    return render_template(
        "glossary/table.html",
        lang=lang,
        terms=glossary.terms,
        page=page_src_uri,
        see_label=see_label,
        source=glossary.source,
        edit_url=edit_url,
    )

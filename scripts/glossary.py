"""Glossary: the terms every translator follows (data/glossary.yaml), and the lints built on it.

The glossary page shows the table through the marker ``<!-- glossary -->``; the search
dictionary ``data/search/jieba-user-dict.txt`` is generated from it, so that Chinese terms such as
卷积神经网络 stay whole words in the search index.

Wrong renderings (``avoid:``) are looked for in every Chinese text the reader sees: docs/zh/,
the ``zh`` fields of data/ (the glossary itself excepted; the UI strings of data/ui.yaml included)
and any Chinese text left in overrides/ and scripts/ (scripts/chinese_text.py finds it). An
``avoid`` entry is either a string (always wrong) or ``{text, unless, use}``: ``text`` is wrong
except where it sits inside one of the ``unless`` contexts, so 精度 is flagged for accuracy but not
in 混合精度; ``use`` says what to write when it is not the term itself (微调一点 -> 调整一小步).
Where two wrong renderings overlap, only the longer one is reported (遮盖语言模型, not also 遮盖).

English terms on first use (issue 14 §5): on every Chinese page but the glossary, the build adds
the English term after the first use of each glossary term in the prose, generated from the
glossary, never typed: ``迁移学习（transfer learning）``, with the English a link to the term's
row in the glossary (overrides/partials/glossary/first-use.html). It is visible text, not a
tooltip, so it works on touch screens and is read by screen readers (marked ``lang="en"``); it
is small and muted, and left out of the search index. Headings, admonition titles, link texts,
code, HTML, citations and fenced code are left alone. An occurrence already followed by a
parenthesis with Latin letters in it (``基序（motif）``) counts as glossed; one followed by a
Chinese parenthesis, or inside one, is skipped (no ``（…）（…）``, no nested brackets). Terms
whose Chinese is the English (PyTorch), a single character, or marked ``gloss: false`` (words
too common to gloss: 模型, 预测) are not glossed. The longest term wins where terms overlap
(卷积神经网络 before 神经网络).

CLI:
    python scripts/glossary.py check     validate the glossary, then lint the text:
                                         - fails on an ``avoid:`` rendering
                                           (``path:line: term: found 'X', use 'Y'``);
                                         - reports English terms whose Chinese twin page does not
                                           use the glossary's Chinese term (fails with --strict)
    python scripts/glossary.py check --report
                                         the same findings and a count per file; exits 0 unless
                                         the glossary itself is invalid
    python scripts/glossary.py dict      rewrite data/search/jieba-user-dict.txt
    python scripts/glossary.py dict --check   fail if that file is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import chinese_text, datafile, markers, ui  # noqa: E402
from scripts.chinese_text import Line  # noqa: E402
from scripts.references import relative_url  # noqa: E402
from scripts.templates import render_template  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOSSARY = ROOT / "data" / "glossary.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "glossary.schema.json"
DEFAULT_DOCS = ROOT / "docs"
DICT_PATH = ROOT / "data" / "search" / "jieba-user-dict.txt"
MARKER = "<!-- glossary -->"
MARKER_RE = re.compile(r"^\s*<!-- glossary -->\s*$")
CJK_ONLY_RE = re.compile(r"^[\u3400-\u9fff]{2,}$")
# Link targets, attribute lists, comments, citations and quoted titles are not the page's prose.
NOT_PROSE_RE = re.compile(
    r"\]\([^)]*\)|\{[^}]*\}|<!--.*?-->|\[@[^\]]*\]|<[^>]+>|https?://\S+|\"[^\"]*\"|“[^”]*”"
)


@dataclass(frozen=True)
class Avoid:
    """A wrong rendering: ``text`` anywhere except inside one of the ``unless`` contexts."""

    text: str
    unless: tuple[str, ...] = ()
    use: str | None = None

    def spans(self, line: str) -> list[tuple[int, int]]:
        allowed: set[int] = set()
        for context in self.unless:
            inner = [i for i in range(len(context)) if context.startswith(self.text, i)]
            for match in re.finditer(re.escape(context), line):
                allowed.update(match.start() + i for i in inner)
        return [
            (m.start(), m.end())
            for m in re.finditer(re.escape(self.text), line)
            if m.start() not in allowed
        ]

    def label(self) -> str:
        """As the glossary page shows it: 精度（混合精度等除外）, 微调一点 → 调整一小步."""
        text = self.text
        if self.unless:  # Chinese words, written the Chinese way on both languages' pages
            contexts = ui.text("common.list_separator", "zh").join(self.unless[:3])
            more = ui.text("glossary.avoid_more", "zh") if len(self.unless) > 3 else ""
            text = ui.text("glossary.avoid_except", "zh").format(
                text=text, contexts=contexts + more
            )
        return f"{text} → {self.use}" if self.use else text


def _avoid(item: Any) -> Avoid:
    if isinstance(item, str):
        return Avoid(item)
    return Avoid(item["text"], tuple(item.get("unless", ())), item.get("use"))


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    sections: tuple[str, ...]
    line: int
    after_survey: int | None = None  # the survey does not discuss the term; year the idea took hold
    see: str | None = None
    notes: dict[str, str] | None = None
    avoid: tuple[Avoid, ...] = ()
    en_match: tuple[str, ...] | None = None
    zh_accept: tuple[str, ...] = ()
    gloss: bool = True

    @property
    def anchor(self) -> str:
        return "term-" + slug(self.en)

    @property
    def en_phrases(self) -> tuple[str, ...]:
        return self.en_match if self.en_match is not None else (self.en,)

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return (self.zh, *self.zh_accept)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    problems: tuple[str, ...]
    source: str = "data/glossary.yaml"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def headings(page: Path) -> dict[str, str]:
    """Heading id -> heading text of one page (headings with an explicit ``{ #id }``)."""
    found: dict[str, str] = {}
    for heading in markers.headings(markers.split_page(page.read_text(encoding="utf-8"))[1]):
        if heading.id:
            found.setdefault(heading.id, heading.text)
    return found


def heading_ids(page: Path) -> set[str]:
    return set(headings(page))


@lru_cache(maxsize=64)
def _headings_cached(page: Path, mtime: int) -> dict[str, str]:
    return headings(page)


def see_label(see: str, lang: str, docs_dir: Path = DEFAULT_DOCS) -> str:
    """The heading a ``see:`` link points to, in the page's language when the twin exists."""
    page, anchor = see.split("#", 1)
    for folder in (lang, "en"):
        path = docs_dir / folder / page
        if path.is_file():
            text = _headings_cached(path, path.stat().st_mtime_ns).get(anchor)
            if text:
                return text
    return see


def load_glossary(path: Path = DEFAULT_GLOSSARY, docs_dir: Path = DEFAULT_DOCS) -> Glossary:
    """Parse and validate; ``see:`` targets must be existing headings of English pages."""
    where = datafile.shown(path)
    data, unreadable = datafile.load_yaml(path)
    if data is None:
        return Glossary((), tuple(str(p) for p in unreadable), where)
    structural = datafile.validate(data, SCHEMA_PATH)
    problems = [str(p) for p in sorted({datafile.problem_at(where, data, *e) for e in structural})]
    bad = {at[0] for at, _ in structural if at and isinstance(at[0], int)}
    if not isinstance(data, list):
        return Glossary((), tuple(problems), where)
    terms: list[Term] = []
    seen_en: dict[str, int] = {}
    seen_zh: dict[str, int] = {}
    id_cache: dict[Path, set[str]] = {}
    for index, item in enumerate(data):
        if index in bad:
            continue
        line = datafile.line_of(data, [index])
        term = Term(
            en=item["en"],
            zh=item["zh"],
            sections=tuple(item.get("sections", ())),
            line=line,
            after_survey=item.get("after_survey"),
            see=item.get("see"),
            notes=dict(item["notes"]) if "notes" in item else None,
            avoid=tuple(_avoid(a) for a in item.get("avoid", ())),
            en_match=tuple(item["en_match"]) if "en_match" in item else None,
            zh_accept=tuple(item.get("zh_accept", ())),
            gloss=bool(item.get("gloss", True)),
        )
        for value, seen, field in ((term.en.lower(), seen_en, "en"), (term.zh, seen_zh, "zh")):
            if value in seen:
                problems.append(
                    f"{where}:{line}: {field}: {value!r} is already a term (line {seen[value]})"
                )
            seen[value] = line
        for variant in term.avoid:
            if any(variant.spans(form) for form in term.zh_forms):
                problems.append(
                    f"{where}:{line}: avoid: {variant.text!r} is part of the accepted term "
                    f"{term.zh!r}"
                )
            for context in variant.unless:
                if variant.text not in context:
                    problems.append(
                        f"{where}:{line}: avoid: context {context!r} does not contain "
                        f"{variant.text!r}"
                    )
        if term.see:
            page, anchor = term.see.split("#", 1)
            target = docs_dir / "en" / page
            if not target.is_file():
                problem = f"no page docs/en/{page}"
            else:
                if target not in id_cache:
                    id_cache[target] = heading_ids(target)
                problem = (
                    ""
                    if anchor in id_cache[target]
                    else (f"docs/en/{page} has no heading with id '{anchor}'")
                )
            if problem:
                problems.append(str(datafile.problem_at(where, data, [index, "see"], problem)))
        terms.append(term)
    return Glossary(tuple(terms), tuple(problems), where)


# --- Lints --------------------------------------------------------------------------------------


def text_lines(docs_dir: Path = DEFAULT_DOCS, data_dir: Path | None = None) -> list[Line]:
    """The Chinese text to lint: pages, data ``zh`` fields (not the glossary), UI strings.

    The UI strings are read from the project next to ``docs_dir``, so a test tree has its own.
    """
    root = docs_dir.resolve().parent
    lines = [
        line
        for page in chinese_text.zh_pages(docs_dir)
        for line in chinese_text.markdown_lines(page, root)
    ]
    if data_dir is not None:
        lines.extend(chinese_text.data_lines(data_dir, root, skip=("glossary.yaml",)))
    lines.extend(chinese_text.ui_lines(root))
    return lines


def find_avoided(glossary: Glossary, text: str) -> list[tuple[Term, Avoid, str]]:
    """The wrong renderings in one line of text, longest first where two overlap."""
    hits = [
        (start, end, term, variant)
        for term in glossary.terms
        for variant in term.avoid
        for start, end in variant.spans(text)
    ]
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    found = []
    for start, end, term, variant in hits:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        found.append((start, term, variant, text[start:end]))
    return [(term, variant, word) for _, term, variant, word in sorted(found, key=lambda f: f[0])]


def avoid_problems(
    glossary: Glossary, docs_dir: Path = DEFAULT_DOCS, data_dir: Path | None = None
) -> list[str]:
    """Every wrong rendering in the Chinese text (``path:line: term: found X, use Y``)."""
    found = []
    for line in text_lines(docs_dir, data_dir):
        text = markers.without_code_spans(line.text)
        for term, variant, word in find_avoided(glossary, text):
            use = variant.use or term.zh
            found.append(f"{line.path}:{line.number}: {term.en}: found {word!r}, use {use!r}")
    return found


@lru_cache(maxsize=512)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase)]
    body = r"[\s-]+".join(words)
    flags = 0 if phrase != phrase.lower() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags)


def twin_problems(glossary: Glossary, docs_dir: Path = DEFAULT_DOCS) -> list[str]:
    """English terms on an English page whose Chinese twin never uses the Chinese term."""
    found = []
    for page in sorted((docs_dir / "en").rglob("*.md")):
        twin = docs_dir / "zh" / page.relative_to(docs_dir / "en")
        if not twin.is_file():
            continue  # missing translations are scripts/translations.py's business
        zh_text = "\n".join(
            markers.without_code_spans(line.text) for line in chinese_text.markdown_lines(twin)
        )
        en_lines = [
            (line, NOT_PROSE_RE.sub(" ", markers.without_code_spans(line.text)))
            for line in chinese_text.markdown_lines(page)
        ]
        for term in glossary.terms:
            if any(form in zh_text for form in term.zh_forms):
                continue
            for line, text in en_lines:
                if any(_phrase_re(p).search(text) for p in term.en_phrases):
                    found.append(
                        f"{line.path}:{line.number}: {term.en}: used here, but "
                        f"{chinese_text.shown(twin)} never writes '{term.zh}'"
                    )
                    break
    return found


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
    None if another parenthesis or a citation, which renders as one (skip this use: a gloss
    would make two brackets in a row), False otherwise (gloss it)."""
    rest = rest.lstrip("*_")
    if rest.lstrip().startswith("[@"):
        return None
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
    for line, code in markers.fenced(markdown.splitlines(keepends=True)):
        if code or GLOSS_SKIP_LINE_RE.match(line) or len(done) == len(terms):
            out.append(line)
            continue
        taken = [m.span() for m in GLOSS_PROTECTED_RE.finditer(line)]
        uses: list[tuple[int, int, Term]] = []
        for term in terms:
            for match in re.finditer(re.escape(term.zh), line):
                start, end = match.span()
                if not any(start < e and s < end for s, e in taken):
                    taken.append((start, end))
                    uses.append((start, end, term))
        inserts: list[tuple[int, Term]] = []
        for start, end, term in sorted(uses, key=lambda use: use[0]):
            if term.zh in done or _inside_brackets(line[:start]):
                continue
            state = _already_glossed(line[end:])
            if state is None:
                continue
            done.add(term.zh)
            if not state:
                inserts.append((end, term))
        for end, term in sorted(inserts, key=lambda i: -i[0]):
            html = render_template(
                "glossary/first-use.html", en=term.en, href=f"{glossary_url}#{term.anchor}"
            ).strip()
            # A space after the term (before Latin text) would follow the full-width bracket.
            tail = line[end:]
            if tail.startswith(" ") and not tail.startswith("  "):
                tail = tail[1:]
            line = line[:end] + html + tail
        out.append(line)
    return "".join(out)


# --- Search dictionary --------------------------------------------------------------------------


def jieba_dict(glossary: Glossary) -> str:
    """jieba user dictionary: the Chinese terms that jieba would otherwise cut apart.

    The theme's search matches a query word against the beginning of indexed words, so a term
    kept whole is found by its own beginning (自监督学习 by 自监督) but not by its end. Hence a
    term that is another term plus a prefix of two or more characters is left split there
    (卷积神经网络 -> 卷积 + 神经网络, 预训练模型 -> 预训练 + 模型), so that 神经网络 and 模型 still
    find it, and the prefix becomes the dictionary word; every other term stays whole (自监督学习,
    迁移学习, 大语言模型). Words jieba already keeps whole are left out: listing them changes
    nothing. Entries carry no frequency, so jieba computes one that keeps each word whole.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    terms = {form for term in glossary.terms for form in term.zh_forms if CJK_ONLY_RE.match(form)}
    words: set[str] = set()
    for term in terms:
        heads = [t for t in terms if t != term and term.endswith(t)]
        head = max(heads, key=len, default="")
        prefix = term[: len(term) - len(head)]
        words.add(prefix if head and len(prefix) >= 2 else term)
    needed = [word for word in words if jieba.lcut(word) != [word]]
    return "".join(f"{word} n\n" for word in sorted(needed, key=lambda w: (-len(w), w)))


# --- Rendering ----------------------------------------------------------------------------------


def row_view(term: Term, lang: str, page_src_uri: str) -> dict[str, Any]:
    see_url = None
    if term.see:
        page, anchor = term.see.split("#", 1)
        see_url = f"{relative_url(page_src_uri, page)}#{anchor}"
    return {
        "id": term.anchor,
        "en": term.en,
        "zh": term.zh,
        "notes": term.notes[lang] if term.notes else "",
        "sections": term.sections,
        "after_survey": term.after_survey,
        # Terms the survey does not discuss sort at its end, with its last section (10).
        "sort_section": int(term.sections[0]) if term.sections else 10,
        "see": see_label(term.see, lang) if term.see else "",
        "see_url": see_url,
        "avoid": [variant.label() for variant in term.avoid],
    }


def render_table(glossary: Glossary, lang: str, page_src_uri: str, edit_url: str) -> str:
    html = render_template(
        "glossary/table.html",
        lang=lang,
        rows=[row_view(term, lang, page_src_uri) for term in glossary.terms],
        source=glossary.source,
        edit_url=edit_url,
    )
    # Raw HTML must not contain blank lines, or Markdown would end the block there.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_marker(
    markdown: str, glossary: Glossary, lang: str, page_src_uri: str, edit_base: str
) -> str:
    if MARKER not in markdown:
        return markdown
    table = render_table(glossary, lang, page_src_uri, edit_base + "data/glossary.yaml")
    # Only a marker line outside fenced code: a page may show the marker as an example.
    return markers.replace_marker_lines(markdown, MARKER_RE, lambda _match: table)


# --- CLI ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="glossary.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the glossary and lint the pages")
    check.add_argument("--strict", action="store_true", help="also fail on twin-page findings")
    check.add_argument(
        "--report",
        action="store_true",
        help="print the findings and a count per file; fail only on an invalid glossary",
    )
    check.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    check.add_argument("--data", type=Path, default=ROOT / "data")
    check.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY)
    dictionary = commands.add_parser("dict", help=f"write {chinese_text.shown(DICT_PATH)}")
    dictionary.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)

    if args.command == "dict":
        glossary = load_glossary()
        if not glossary.terms:
            print("\n".join(glossary.problems))
            return 1
        text = jieba_dict(glossary)
        current = DICT_PATH.read_text(encoding="utf-8") if DICT_PATH.is_file() else ""
        if args.check:
            if current != text:
                print(
                    f"{chinese_text.shown(DICT_PATH)}:1: file: out of date with "
                    "data/glossary.yaml; "
                    "run 'python scripts/glossary.py dict'"
                )
                return 1
            return 0
        DICT_PATH.parent.mkdir(parents=True, exist_ok=True)
        DICT_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {chinese_text.shown(DICT_PATH)} ({len(text.splitlines())} words)")
        return 0

    glossary = load_glossary(args.glossary, args.docs)
    errors = [*glossary.problems, *avoid_problems(glossary, args.docs, args.data)]
    warnings = twin_problems(glossary, args.docs)
    for message in errors + warnings:
        print(message)
    if args.report:
        print(chinese_text.count_report(errors + warnings))
        return 1 if glossary.problems or not glossary.terms else 0
    failed = bool(errors) or (args.strict and bool(warnings))
    print(
        f"{len(glossary.terms)} terms; {len(errors)} error(s), "
        f"{len(warnings)} twin-page finding(s)",
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

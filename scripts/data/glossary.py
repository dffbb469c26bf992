"""Glossary: the terms every translator follows (data/glossary.yaml).

The glossary page shows the table through the marker ``<!-- glossary -->``
(scripts/render/glossary.py, which also glosses English terms on first use); the term lint is
scripts/lint/terms.py. The search dictionary ``data/search/jieba-user-dict.txt`` is generated
from the glossary (``jieba_dict`` below), so that Chinese terms such as 卷积神经网络 stay whole
words in the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import datafile, markdown_reader, ui
from scripts.data.languages import HAN

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GLOSSARY = ROOT / "data" / "glossary.yaml"
SCHEMA_PATH = ROOT / "data" / "schema" / "glossary.schema.json"
DEFAULT_DOCS = ROOT / "docs"
DICT_PATH = ROOT / "data" / "search" / "jieba-user-dict.txt"
DEFAULT_NAMES = ROOT / "data" / "names.yaml"
NAMES_SCHEMA_PATH = ROOT / "data" / "schema" / "names.schema.json"
CJK_ONLY_RE = re.compile(f"^[{HAN}]{{2,}}$")


@dataclass(frozen=True)
class Avoid:
    """A wrong rendering: ``text`` anywhere except inside one of the ``unless`` contexts."""

    text: str
    unless: tuple[str, ...] = ()
    use: str | None = None

    def spans(self, line: str) -> list[tuple[int, int]]:
        """Where ``text`` stands in ``line`` outside every ``unless`` context."""
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
    return Avoid(item) if isinstance(item, str) else datafile.build(Avoid, item)


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    line: int
    sections: tuple[str, ...] = ()
    after_survey: int | None = None  # a later idea the survey could not discuss: year it took hold
    site_only: bool = False  # an older idea the survey does not discuss: the site adds it
    related: tuple[str, ...] = ()  # a field term: sections its methods go with (site's reading)
    see: str | None = None
    notes: dict[str, str] | None = None
    avoid: tuple[Avoid, ...] = ()
    en_match: tuple[str, ...] | None = None
    zh_accept: tuple[str, ...] = ()
    gloss: bool = True
    zh_shared_with: tuple[str, ...] = ()  # terms that may share a Chinese form (see notes)

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


def see_label(see: str, lang: str, docs_dir: Path = DEFAULT_DOCS) -> str:
    """The heading a ``see:`` link points to, in the page's language when the twin exists."""
    page, anchor = see.split("#", 1)
    for folder in (lang, "en"):
        index = markdown_reader.page_index(docs_dir / folder / page)
        if index and index[1].get(anchor):
            return index[1][anchor]
    return see


def _duplicate_problems(
    term: Term, item: Any, where: str, seen_en: dict[str, Term], seen_zh: dict[str, Term]
) -> list[str]:
    """One entry per idea: no two terms with the same English (same anchor: 'flow matching',
    'Flow-matching'), and no Chinese form (``zh`` or ``zh_accept``) claimed by two terms unless
    one names the other in ``zh_shared_with`` (with notes saying why). At the line of the field
    in the term's entry ``item`` (as loaded)."""
    problems = []
    other = seen_en.setdefault(slug(term.en), term)
    if other is not term:
        problems.append(
            f"{where}:{datafile.line_of(item, ['en'])}: en: {term.en!r} is already a term "
            f"({other.en!r}, line {other.line}); one entry per term"
        )
    forms: list[tuple[datafile.Where, str]] = [(["zh"], term.zh)]
    forms += [(["zh_accept", i], form) for i, form in enumerate(term.zh_accept)]
    for at, form in forms:
        other = seen_zh.setdefault(form, term)
        if other is term or other.en in term.zh_shared_with or term.en in other.zh_shared_with:
            continue
        problems.append(
            f"{where}:{datafile.line_of(item, at)}: {at[0]}: {form!r} is already the Chinese of "
            f"{other.en!r} (line {other.line}); one Chinese word per idea: drop it, or name that "
            "term in zh_shared_with and say why in notes"
        )
    return problems


def _avoid_problems(term: Term, item: Any, where: str, clash: str) -> list[str]:
    """A rendering to avoid must not flag the term's own forms (``clash`` says why not), and
    each of its ``unless`` contexts must contain it. At the line of the rendering or context in
    the term's entry ``item`` (as loaded)."""
    problems = [
        f"{where}:{datafile.line_of(item, ['avoid', i])}: avoid: {variant.text!r} {clash}"
        for i, variant in enumerate(term.avoid)
        if any(variant.spans(form) for form in term.zh_forms)
    ]
    return problems + [
        f"{where}:{datafile.line_of(item, ['avoid', i, 'unless', k])}: avoid: context "
        f"{context!r} does not contain {variant.text!r}"
        for i, variant in enumerate(term.avoid)
        for k, context in enumerate(variant.unless)
        if variant.text not in context
    ]


def load_glossary(path: Path = DEFAULT_GLOSSARY, docs_dir: Path = DEFAULT_DOCS) -> Glossary:
    """Parse and validate; ``see:`` targets must be existing headings of English pages."""
    where = datafile.shown(path)
    data, found, bad = datafile.load_checked(path, SCHEMA_PATH)
    problems = [str(p) for p in found]
    terms: list[Term] = []
    seen_en: dict[str, Term] = {}
    seen_zh: dict[str, Term] = {}
    for index, item in enumerate(datafile.listed(data)):
        if index in bad:
            continue
        line = datafile.line_of(data, [index])
        avoid = tuple(_avoid(a) for a in item.get("avoid", ()))
        term = datafile.build(Term, item, line=line, avoid=avoid)
        problems += _duplicate_problems(term, item, where, seen_en, seen_zh)
        problems += _avoid_problems(term, item, where, f"is part of the accepted term {term.zh!r}")
        if term.see and (problem := markdown_reader.link_problem(term.see, docs_dir)):
            problems.append(str(datafile.problem_at(where, data, [index, "see"], problem)))
        terms.append(term)
    return Glossary(tuple(terms), tuple(problems), where)


def load_names(path: Path = DEFAULT_NAMES) -> Glossary:
    """data/names.yaml: organisation and product names kept as they are, with the literal
    translations to flag, as glossary terms whose Chinese is the name (so the term lint checks
    their ``avoid`` lists like the glossary's); ``allowed`` nicknames count as accepted forms."""
    where = datafile.shown(path)
    data, found, _ = datafile.load_checked(path, NAMES_SCHEMA_PATH)
    problems = [str(p) for p in found]
    names = []
    for index, item in enumerate(data if isinstance(data, list) and not found else []):
        line, text = datafile.line_of(data, [index]), str(item["name"])
        avoid = tuple(_avoid(a) for a in item["avoid"])
        given = {"en": text, "zh": text, "line": line, "avoid": avoid, "gloss": False}
        name = datafile.build(Term, item, zh_accept=tuple(item.get("allowed", ())), **given)
        problems += _avoid_problems(name, item, where, "would flag the name or an allowed nickname")
        names.append(name)
    return Glossary(tuple(names), tuple(problems), where)


# --- Search dictionary --------------------------------------------------------------------------


def lunr_stop_words() -> frozenset[str]:
    """The Chinese stop words of the theme's search (lunr-languages' lunr.zh, as Material ships
    it): the browser drops these characters from the index and from queries."""
    import material  # type: ignore[import-untyped]

    script = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min/lunr.zh.min.js"
    match = re.search(r'generateStopWordFilter\("([^"]*)"', script.read_text(encoding="utf-8"))
    return frozenset(match.group(1).split()) if match else frozenset()


def jieba_dict(glossary: Glossary) -> str:
    """jieba user dictionary: the Chinese terms that jieba would otherwise cut apart.

    The theme's search matches a query word against the beginning of indexed words, so a term
    that is another term plus a prefix of two or more characters is left split there (卷积神经网络
    -> 卷积 + 神经网络, so 神经网络 finds it) and the prefix becomes the word; every other term
    stays whole (its later parts are found through the index's hidden ``parts`` field,
    scripts/build/theme.py). A term jieba would start with a lone stop-word character
    (自|监督|学习: the browser drops 自) also gives that character with the next word (自监督).
    Words jieba already keeps whole are left out; entries carry no frequency.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    terms = {form for term in glossary.terms for form in term.zh_forms if CJK_ONLY_RE.match(form)}
    stop = lunr_stop_words()
    words: set[str] = set()
    for term in terms:
        heads = [t for t in terms if t != term and term.endswith(t)]
        head = max(heads, key=len, default="")
        prefix = term[: len(term) - len(head)]
        words.add(prefix if head and len(prefix) >= 2 else term)
        pieces = jieba.lcut(term, HMM=False)
        if len(pieces) > 2 and len(pieces[0]) == 1 and pieces[0] in stop:
            words.add(pieces[0] + pieces[1])
    needed = [word for word in words if jieba.lcut(word) != [word]]
    return "".join(f"{word} n\n" for word in sorted(needed, key=lambda w: (-len(w), w)))

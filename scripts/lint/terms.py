"""``python -m scripts glossary``: the glossary's Chinese terms in every Chinese text readers see.

``check`` validates the glossary, then fails on a wrong rendering (``avoid:`` in
data/glossary.yaml and data/names.yaml; its forms: data/schema/glossary.schema.json) in docs/zh/,
the ``zh`` fields of data/ and Chinese text left in overrides/ and scripts/; of two overlapping
ones only the longer is reported. It also lists English terms whose Chinese twin page never uses
the Chinese term (they fail with --strict). ``dict`` writes data/search/jieba-user-dict.txt.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from scripts.data import datafile, markdown_reader
from scripts.data import glossary as data
from scripts.data.languages import LANGUAGES
from scripts.lint import chinese_text

# Link targets, attribute lists, comments, citations and quoted titles are not the page's prose.
NOT_PROSE_RE = re.compile(
    r"\]\([^)]*\)|\{[^}]*\}|<!--.*?-->|\[@[^\]]*\]|<[^>]+>|https?://\S+|\"[^\"]*\"|“[^”]*”"
)


def find_avoided(glossary: data.Glossary, text: str) -> list[tuple[data.Term, data.Avoid, str]]:
    """The wrong renderings in one line of text, longest first where two overlap."""
    hits = [
        (start, end, term, variant)
        for term in glossary.terms
        for variant in term.avoid
        for start, end in variant.spans(text)
    ]
    taken: list[tuple[int, int, data.Term, data.Avoid]] = []
    for start, end, term, variant in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):  # longest
        if not any(
            start < other_end and other_start < end for other_start, other_end, _, _ in taken
        ):
            taken.append((start, end, term, variant))
    taken.sort(key=lambda hit: hit[0])
    return [(term, variant, text[start:end]) for start, end, term, variant in taken]


def avoid_problems(glossary: data.Glossary, docs_dir: Path, data_dir: Path) -> list[str]:
    """Every wrong rendering (``path:line: term: found X, use Y``) in the Chinese pages, the data
    ``zh`` fields (not the glossary's or names.yaml's, which list wrong renderings on purpose)
    and the UI strings of the project around ``docs_dir``."""
    root = docs_dir.resolve().parent
    lines = chinese_text.text_lines(
        [docs_dir / "zh", data_dir], root, ("glossary.yaml", "names.yaml")
    )
    return [
        f"{line.path}:{line.number}: {term.en}: found {word!r}, use {variant.use or term.zh!r}"
        for line in lines + chinese_text.ui_lines(root)
        for term, variant, word in find_avoided(
            glossary, markdown_reader.without_code_spans(line.text)
        )
    ]


@lru_cache(maxsize=512)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))
    flags = 0 if phrase != phrase.lower() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags)


def twin_problems(glossary: data.Glossary, docs_dir: Path = data.DEFAULT_DOCS) -> list[str]:
    """English terms on an English page whose Chinese twin never uses the Chinese term."""
    found = []
    for page in sorted((docs_dir / "en").rglob("*.md")):
        twin = docs_dir / "zh" / page.relative_to(docs_dir / "en")
        if not twin.is_file() or datafile.read_text(twin)[1]:
            continue  # missing: translations' business; not UTF-8: reported once (unreadable)
        zh_text = "\n".join(
            markdown_reader.without_code_spans(line.text)
            for line in chinese_text.markdown_lines(twin)
        )
        en_lines = [
            (line, NOT_PROSE_RE.sub(" ", markdown_reader.without_code_spans(line.text)))
            for line in chinese_text.markdown_lines(page)
        ]
        for term in glossary.terms:
            if any(form in zh_text for form in term.zh_forms):
                continue
            for line, text in en_lines:
                if any(_phrase_re(p).search(text) for p in term.en_phrases):
                    found.append(
                        f"{line.path}:{line.number}: {term.en}: used here, but "
                        f"{datafile.shown(twin)} never writes '{term.zh}'"
                    )
                    break
    return found


def write_dict(check: bool) -> int:
    """Write the search's jieba dictionary from the glossary (``check``: fail if it is stale)."""
    glossary, where = data.load_glossary(), datafile.shown(data.DICT_PATH)
    if not glossary.terms:
        print("\n".join(glossary.problems))
        return 1
    text = data.jieba_dict(glossary)
    if check:
        current = data.DICT_PATH.read_text(encoding="utf-8") if data.DICT_PATH.is_file() else ""
        if current != text:
            print(
                f"{where}:1: file: out of date with data/glossary.yaml; "
                "run 'python -m scripts glossary dict'"
            )
        return int(current != text)
    data.DICT_PATH.parent.mkdir(parents=True, exist_ok=True)
    data.DICT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {where} ({len(text.splitlines())} words)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the glossary and lint the pages")
    check.add_argument("--strict", action="store_true", help="also fail on twin-page findings")
    check.add_argument("--report", action="store_true", help="count per file; exit 0")
    check.add_argument("--docs", type=Path, default=data.DEFAULT_DOCS)
    check.add_argument("--data", type=Path, default=data.ROOT / "data")
    check.add_argument("--glossary", type=Path, default=data.DEFAULT_GLOSSARY)
    dictionary = commands.add_parser("dict", help=f"write {datafile.shown(data.DICT_PATH)}")
    dictionary.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args(argv)
    if args.command == "dict":
        return write_dict(args.check)
    glossary = data.load_glossary(args.glossary, args.docs)
    names = data.load_names()
    # Names are linted like terms (their avoid lists), but are not glossary terms (no twin check).
    both = data.Glossary(glossary.terms + names.terms, glossary.problems + names.problems)
    unreadable = chinese_text.unreadable([args.docs / lang for lang in LANGUAGES], args.docs.parent)
    errors = [*both.problems, *unreadable, *avoid_problems(both, args.docs, args.data)]
    warnings = twin_problems(glossary, args.docs)
    summary = (
        f"{len(glossary.terms)} terms; {len(errors)} error(s), {len(warnings)} twin-page finding(s)"
    )
    chinese_text.print_findings(errors + warnings, summary, args.report)
    if args.report:
        return 1 if both.problems or unreadable or not glossary.terms else 0
    return 1 if errors or (args.strict and warnings) else 0

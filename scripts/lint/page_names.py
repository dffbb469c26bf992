"""``python -m scripts page-names check``: one Chinese name per page. The names are the Chinese nav
labels (``nav_translations`` of ``zh`` in mkdocs.yml) without the section number, which says
which page is section N (a section whose first child is a bare ``x/index.md`` names that page), so
the nav and the check cannot disagree; data/page-names.yaml lists wrong or former names to report.

In docs/zh/ it reports (``path:line: page-name: found X, use Y``): a title other than the name or
``name：subtitle`` (not the home page); a link to a page whose text lacks the name (a glossary term
or a generic 本页 names a topic and passes; a link to a section is usually a phrase of the
sentence, so only a known wrong name counts there); a wrong name of four characters or more in the
prose (shorter ones such as 结论 are ordinary words); ``第 N 节（X）`` not naming section N's page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.data import datafile, glossary, markdown_reader, site_paths
from scripts.lint import chinese_text
from scripts.lint.chinese_text import Line

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = site_paths.MKDOCS_YML
ALIASES = ROOT / "data" / "page-names.yaml"
SCHEMA = ROOT / "data" / "schema" / "page-names.schema.json"
SECTION_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)*)\s+")
LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\[\]]+)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
TITLE_RE = re.compile(r"^title:\s*(?P<title>.+?)\s*$")
SECTION_MENTION_RE = re.compile(r"第\s*(?P<n>\d+(?:\.\d+)?)\s*节（(?P<name>[^（）]+)）")
PROSE_ALIAS_MIN = 4
HOME = "index.md"
# not UI: the lint's vocabulary, link texts that point at a page without naming it
GENERIC = ("本页", "这一页", "这页", "该页", "此页", "这里", "此处", "下一页", "上一页", "资源目录")


@dataclass(frozen=True)
class PageNames:
    names: dict[str, str]  # page path inside the language folder -> Chinese name
    sections: dict[str, str]  # survey section number (of the nav label) -> its page
    aliases: dict[str, tuple[str, ...]]
    problems: tuple[str, ...]


def load(mkdocs: Path = MKDOCS, aliases_path: Path = ALIASES) -> PageNames:
    config, where = site_paths.load_config(mkdocs), datafile.shown(mkdocs)
    zh = [lang for lang in site_paths.i18n_languages(config) if lang.locale == "zh"]
    translations: dict[str, str] = dict(zh[0].nav_translations or {}) if zh else {}
    names: dict[str, str] = {}
    sections: dict[str, str] = {}
    problems: list[str] = []
    nav = site_paths.nav_pages(config.nav or [])
    for page, label in nav:
        if label is None:
            line = site_paths.nav_line(page, mkdocs)
            problems.append(f"{where}:{line}: nav: {page} has no label to translate")
        elif label not in translations:
            line = site_paths.nav_line(label, mkdocs)
            problems.append(f"{where}:{line}: nav: {label!r} ({page}) has no Chinese label")
        else:
            names[page] = SECTION_NUMBER_RE.sub("", translations[label]).strip()
            if number := SECTION_NUMBER_RE.match(translations[label]):
                sections.setdefault(number[1], page)
    aliases: dict[str, tuple[str, ...]] = {}
    if aliases_path.is_file():
        data, found, _ = datafile.load_checked(aliases_path, SCHEMA)
        for page in data if not found else ():
            if page in names:
                aliases[page] = tuple(data[page])
            elif page not in dict(nav):  # a page without its name is reported above
                at = datafile.shown(aliases_path)
                found.append(datafile.problem_at(at, data, [page], "not a page of the nav"))
        problems.extend(str(problem) for problem in found)
    return PageNames(names, sections, aliases, tuple(problems))


def _target_page(page: str, target: str) -> tuple[str, str]:
    """The path (inside the language folder) a link points to, and its anchor: a page of the nav
    only if the link is a relative one to a page (``x.md``; never ``https:…`` or ``/x.md``)."""
    path, _, anchor = target.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), anchor


def check_line(names: PageNames, page: str, line: Line, terms: frozenset[str]) -> Iterator[str]:
    text = markdown_reader.without_code_spans(line.text)
    where = f"{line.path}:{line.number}: page-name"
    linked: list[tuple[int, int]] = []
    for match in LINK_RE.finditer(text):
        target, anchor = _target_page(page, match["target"])
        if target not in names.names:
            continue
        linked.append(match.span())
        label, name = re.sub(r"[*_`“”\"]", "", match["text"]).strip(), names.names[target]
        wrong = any(a in label and a not in name for a in names.aliases.get(target, ()))
        names_it = name in label or label in terms or any(g in label for g in GENERIC)
        if wrong or not (anchor or names_it):
            yield f"{where}: found {label!r} for {target}, use {name!r}"
    linked.extend(m.span() for m in SECTION_MENTION_RE.finditer(text))
    outside = "".join(" " if any(s <= i < e for s, e in linked) else c for i, c in enumerate(text))
    for target, aliases in names.aliases.items():
        name = names.names[target]
        for alias in aliases:
            if len(alias) >= PROSE_ALIAS_MIN and alias in outside and alias not in name:
                yield f"{where}: found {alias!r} for {target}, use {name!r}"
    for match in SECTION_MENTION_RE.finditer(text):
        section = names.sections.get(match["n"])
        if section and match["name"] != names.names[section]:
            yield (
                f"{where}: found {match['name']!r} for section {match['n']} ({section}), "
                f"use {names.names[section]!r}"
            )


def problems(names: PageNames, docs_dir: Path, terms: frozenset[str] = frozenset()) -> list[str]:
    root = docs_dir.resolve().parent
    zh_dir = docs_dir / "zh"
    found = list(names.problems)
    for path in sorted(zh_dir.rglob("*.md")):
        page = path.relative_to(zh_dir).as_posix()
        text, unreadable = datafile.read_text(path, root)
        if unreadable:
            found.append(str(unreadable))
            continue
        title = str(markdown_reader.split_page(text)[0].get("title") or "")
        name = names.names.get(page)
        lines = list(chinese_text.markdown_lines(path, root))
        if name and page != HOME and title and title != name and not title.startswith(name + "："):
            at = next((line.number for line in lines if TITLE_RE.match(line.text)), 1)
            found.append(
                f"{datafile.shown(path, root)}:{at}: page-name: found title {title!r}, "
                f"use {name!r} (or {name}：subtitle)"
            )
        for line in lines:
            if line.number > 1 and not TITLE_RE.match(line.text):
                found.extend(check_line(names, page, line, terms))
    return found


def glossary_terms() -> frozenset[str]:
    return frozenset(form for term in glossary.load_glossary().terms for form in term.zh_forms)


def main(argv: Sequence[str] | None = None) -> int:
    what = "report pages named otherwise in docs/zh/"
    parser, check = datafile.check_parser(__doc__, what, docs=ROOT / "docs", mkdocs=MKDOCS)
    check.add_argument("--report", action="store_true", help="count per file; exit 0")
    args = parser.parse_args(argv)
    names = load(args.mkdocs, args.mkdocs.parent / "data" / "page-names.yaml")
    found = problems(names, args.docs, glossary_terms())
    summary = f"{len(names.names)} page names; {len(found)} finding(s)"
    chinese_text.print_findings(found, summary, args.report)
    return 1 if names.problems or (found and not args.report) else 0

"""scripts/ imports one way: data <- render <- build; lint and links use data only; no cycles.

Read from the source with ``ast`` (imports inside functions count too), so a lazy import cannot
hide a cycle.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# package -> the packages its modules may import (besides their own)
ALLOWED = {
    "data": set(),
    "render": {"data"},
    "lint": {"data"},
    "links": {"data"},
    "build": {"data", "render"},
    "exports": {"data", "render"},
}
TOP = {"scripts.hooks", "scripts.__main__"}  # the entry points may use every package


def sources(root: Path = ROOT) -> dict[str, str]:
    """Module name -> source of every module of scripts/."""
    found = {}
    for path in sorted((root / "scripts").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path.read_text(encoding="utf-8")
    return found


def imports(name: str, source: str, modules: set[str]) -> set[str]:
    """The modules of scripts/ that one module imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
    return {module for module in found if module in modules and module != name}


def package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def problems(modules: dict[str, str]) -> list[str]:
    """Imports against the direction, then import cycles, one line each."""
    graph = {name: imports(name, source, set(modules)) for name, source in modules.items()}
    found = []
    for name, targets in sorted(graph.items()):
        if name in TOP or package(name) not in ALLOWED:
            if name not in TOP and name not in ("scripts", *(f"scripts.{p}" for p in ALLOWED)):
                found.append(f"{name}: not in a package of scripts/ ({', '.join(ALLOWED)})")
            continue
        allowed = ALLOWED[package(name)] | {package(name)}
        for target in sorted(targets):
            if target in TOP or package(target) not in allowed:
                found.append(f"{name} imports {target}: {package(name)} may use {sorted(allowed)}")
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name) :] + [name]
            found.append("import cycle: " + " -> ".join(cycle))
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return found


def test_scripts_import_one_way_without_cycles() -> None:
    modules = sources()
    assert "scripts.data.site_paths" in modules and "scripts.render.page" in modules
    assert problems(modules) == []


def test_a_wrong_direction_and_a_cycle_are_reported() -> None:
    bad = {
        "scripts.data.a": "from scripts.render import b\n",  # data must not use render
        "scripts.render.b": "def f():\n    from scripts.render import c\n",  # a lazy import
        "scripts.render.c": "import scripts.render.b\n",  # b -> c -> b
        "scripts.lint.d": "from scripts.links.e import x\n",  # lint may not use links
        "scripts.links.e": "x = 1\n",
        "scripts.f": "",  # a module outside the packages
    }
    assert problems(bad) == [
        "scripts.data.a imports scripts.render.b: data may use ['data']",
        "scripts.f: not in a package of scripts/ (data, render, lint, links, build, exports)",
        "scripts.lint.d imports scripts.links.e: lint may use ['data', 'lint']",
        "import cycle: scripts.render.b -> scripts.render.c -> scripts.render.b",
    ]


def test_the_architecture_documents_module_map_names_every_module() -> None:
    """ARCHITECTURE.md starts with a map of scripts/ (package | module | job): every module of a
    package is in it, under its package, and nothing else is."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text[text.index("## Module map") :]
    section = section[: section.index("\n## ", 1)]
    mapped: set[tuple[str, str]] = set()
    current = ""
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or cells[0].startswith("---"):
            continue
        current = cells[0].strip("`") or current
        mapped |= {(current, name) for name in re.findall(r"`([a-z_]+)\.py`", cells[1])}
    present = {
        (path.parent.name, path.stem)
        for path in (ROOT / "scripts").glob("*/*.py")
        if path.stem != "__init__"
    }
    missing, gone = sorted(present - mapped), sorted(mapped - present)
    assert not missing and not gone, f"not in the map: {missing}; in the map but gone: {gone}"


# A file of scripts/, optionally with a name in it (``scripts/render/glossary.py:render_table``),
# or a dotted module path (``scripts.build.pdf.Chapter``); not inside a URL (``…/main/scripts/``).
SCRIPT_REF_RE = re.compile(
    r"(?<![\w.-])(?<!\w/)(?:(scripts/(?:[a-z_]+/)*[a-z_0-9]+\.py)(?::([A-Za-z_]\w*))?"
    r"|scripts((?:\.[A-Za-z_]\w*)+))"
)
OLD_COMMAND_RE = re.compile(r"\bpython3? scripts/")  # before `python -m scripts <command>`


def top_level_names(path: Path) -> set[str]:
    """What a module defines at its top level: functions, classes, assignments, imports."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def reference_problem(match: re.Match[str], root: Path) -> str | None:
    """Why one mention of scripts/ is stale, or None."""
    if match[1]:  # a file path, maybe with :name
        path, name = root / match[1], match[2]
        shown = match[1]
    else:  # a dotted path: the longest prefix that is a module, then a name in it
        parts = ["scripts", *match[3].strip(".").split(".")]
        for size in range(len(parts), 0, -1):
            module = root.joinpath(*parts[:size])
            path = module.with_suffix(".py") if module.with_suffix(".py").is_file() else module
            if path.suffix == ".py" or (path / "__init__.py").is_file():
                break
        name = parts[size] if size < len(parts) else None
        shown = ".".join(parts[:size])
        if path.suffix != ".py":
            return None if name is None else f"{shown} has no module {name}"
    if not path.is_file():
        return "no such file"
    if name and name not in top_level_names(path):
        return f"{shown} defines no {name}"
    return None


def stale_script_references(texts: dict[str, str], root: Path = ROOT) -> list[str]:
    """``path:line: reference: problem`` for each mention of scripts/ that names a file or
    module that does not exist, a name it does not define at its top level, or the per-file
    command line scripts/ no longer has."""
    found = []
    for name, text in sorted(texts.items()):
        for number, line in enumerate(text.splitlines(), 1):
            if OLD_COMMAND_RE.search(line):
                found.append(f"{name}:{number}: use `python -m scripts <command>`")
            for match in SCRIPT_REF_RE.finditer(line):
                problem = reference_problem(match, root)
                if problem:
                    found.append(f"{name}:{number}: {match[0]}: {problem}")
    return found


def test_every_mention_of_a_script_names_one_that_exists() -> None:
    """Comments, docs, schemas and templates name the modules of scripts/ as they are now. The
    test files (tests/test_*.py) are left out: their bad input names paths that do not exist."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    texts = {}
    for name in listed.stdout.split():
        if not name.startswith("tests/test_") and (ROOT / name).is_file():
            try:
                texts[name] = (ROOT / name).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    assert len(texts) > 100 and "ARCHITECTURE.md" in texts
    assert stale_script_references(texts) == []


def test_stale_script_mentions_are_reported() -> None:
    texts = {
        "a.md": "see scripts/pdf.py and `python scripts/references.py check`\n",
        "b.html": "{#- scripts/render/glossary.py:render_table, scripts/render/glossary.py:nope",
        "c.py": "# scripts/build/pdf.py:fast_page_references, scripts/x.py:3 (a line, not a name)",
        "d.md": "scripts.build.pdf.Chapter scripts.pdf.Chapter scripts.data.nope ../scripts/y.py",
        "e.md": "https://x.org/main/scripts/gone.py and scripts.build.pdf.page_references",
    }
    assert stale_script_references(texts) == [
        "a.md:1: use `python -m scripts <command>`",
        "a.md:1: scripts/pdf.py: no such file",
        "a.md:1: scripts/references.py: no such file",
        "b.html:1: scripts/render/glossary.py:nope: scripts/render/glossary.py defines no nope",
        "c.py:1: scripts/x.py: no such file",
        "d.md:1: scripts.pdf.Chapter: scripts has no module pdf",
        "d.md:1: scripts.data.nope: scripts.data has no module nope",
        "d.md:1: scripts/y.py: no such file",
        "e.md:1: scripts.build.pdf.page_references: scripts.build.pdf defines no page_references",
    ]


# --- Links between the guides (README, ARCHITECTURE, CONTRIBUTING) --------------------------------

GUIDES = ("README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "CONTRIBUTING.zh.md")
GUIDE_LINK_RE = re.compile(r"\]\((?P<file>[A-Za-z.]*\.md)?#(?P<anchor>[^)\s]+)\)")


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation but ``-`` and ``_``
    dropped, spaces to hyphens (letters of every script kept)."""
    text = re.sub(r"`", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def broken_guide_links(texts: dict[str, str]) -> list[str]:
    """``file:line: #anchor`` for each link to a heading of a guide that the guide lacks."""
    anchors = {
        name: {github_slug(h) for h in re.findall(r"^#{1,6} (.+?)\s*$", text, re.M)}
        for name, text in texts.items()
    }
    found = []
    for name, text in texts.items():
        for number, line in enumerate(text.split("\n"), start=1):
            for match in GUIDE_LINK_RE.finditer(line):
                target = match["file"] or name
                if target in anchors and match["anchor"] not in anchors[target]:
                    found.append(f"{name}:{number}: {target}#{match['anchor']}: no such heading")
    return found


def test_links_between_the_guides_land_on_a_heading() -> None:
    """GitHub shows these files; no link checker reads them, so a renamed heading would leave a
    dead link (a review found one in README.md after an ARCHITECTURE.md heading changed)."""
    texts = {name: (ROOT / name).read_text(encoding="utf-8") for name in GUIDES}
    assert sum(len(GUIDE_LINK_RE.findall(t)) for t in texts.values()) >= 5  # it reads links
    assert broken_guide_links(texts) == []


def test_a_link_to_a_renamed_heading_is_reported() -> None:
    texts = {
        "A.md": "# Top\n\n## Internal link check: LinkChecker and its two patches\n",
        "B.md": "see [A](A.md#internal-link-check-linkchecker-and-its-one-patch) and [t](A.md#top)"
        "\nand [here](#b-heading), [gone](#nope)\n\n## B heading\n",
    }
    assert broken_guide_links(texts) == [
        "B.md:1: A.md#internal-link-check-linkchecker-and-its-one-patch: no such heading",
        "B.md:2: B.md#nope: no such heading",
    ]

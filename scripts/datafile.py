"""Reading data files one way: YAML with line numbers, and every problem as
``path:line: field: problem`` with the path relative to the repository.

Loaders collect problems and never raise for bad content; the build reports them all at once
(scripts/hooks.py, on_config). A programming error is not a data problem and still raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def shown(path: Path) -> str:
    """``path`` as a reader finds it: relative to the repository (``data/workflow.yaml``), else
    to the working directory, else as given."""
    resolved = Path(path).resolve()
    for base in (ROOT, Path.cwd().resolve()):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return str(path)


def field_name(path: Sequence[str | int]) -> str:
    """``['rules', 3, 'read', 1]`` becomes ``rules[3].read[1]``; the empty path is ``file``."""
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or "file"


def line_of(root: Any, path: Sequence[str | int]) -> int:
    """1-based line of the node at ``path``: a mapping key's own line, a list item's start."""
    node, line = root, 0
    for step in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = lc.item(step)[0] if isinstance(node, list) else lc.key(step)[0]
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line + 1


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """The file's content with line information (ruamel round-trip), or ``None`` and why not."""
    where = shown(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(where, 1, "file", f"not valid UTF-8 ({exc.reason})")]
    except OSError as exc:
        return None, [Problem(where, 1, "file", f"cannot be read ({exc.strerror})")]
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [Problem(where, line, "yaml", f"malformed YAML: {what}")]
    except YAMLError as exc:
        return None, [Problem(where, 1, "yaml", f"malformed YAML: {exc}")]
    if data is None:
        return None, [Problem(where, 1, "file", "is empty")]
    return data, []


def mtime(path: Path) -> int:
    """Modification time for cache keys; 0 when the file is missing (the loader reports it)."""
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return 0

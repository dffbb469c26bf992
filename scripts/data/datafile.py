"""Reading data files one way: YAML with line numbers, validated against its JSON Schema, and
every problem as ``path:line: field: problem`` (repository-relative). Loaders collect problems
and never raise for bad content, so the build reports them all at once (scripts/hooks.py).

Schema errors are worded here once, so a mistake reads the same in every file. A schema words
its own rule with ``x-message`` on the subschema that holds it: a template with ``{value}`` and
``{got}`` (the value's kind), or a mapping from keyword to template. A single template replaces
the wording of every keyword but ``required``, ``additionalProperties``, ``type`` and an empty
value (always ``must not be empty``). ``x-checked-by`` names the code that reports a value's
problems better; the schema's errors there are dropped, but for a wrong type.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import types
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from yaml.constructor import ConstructorError
from yaml.reader import ReaderError

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def print_problems(found: Sequence[object], what: str = "problem") -> bool:
    """A check command's report: every problem on a line of its own, then their count on
    stderr. True when there were any (the command then exits 1)."""
    for problem in found:
        print(problem)
    if found:
        print(f"{len(found)} {what}(s) found.", file=sys.stderr)
    return bool(found)


def problems_or_ok(found: Sequence[object], ok: str) -> int:
    """A check command's end: its problems (exit code 1), or else the one-line summary ``ok``."""
    if print_problems(found):
        return 1
    print(ok)
    return 0


def check_parser(
    doc: str, what: str, /, **paths: Path
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The parser of ``python -m scripts NAME check``, described by the module's ``doc``, and its
    ``check`` sub-parser (``what`` it does), which has an option ``--KEYWORD PATH`` per keyword."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    check = parser.add_subparsers(dest="command", required=True).add_parser("check", help=what)
    for name, default in paths.items():
        check.add_argument(f"--{name}", type=Path, default=default)
    return parser, check


def listed(value: Any) -> list[Any]:
    """``value`` if it is a list, else no items (the schema reports a value of another kind)."""
    return value if isinstance(value, list) else []


def shown(path: Path, root: Path | None = None) -> str:
    """``path`` as a reader finds it: relative to ``root`` if given, else to the repository
    (``data/workflow.yaml``) or the working directory; else as given."""
    resolved = Path(path).resolve()
    for base in (root.resolve(),) if root else (ROOT, Path.cwd().resolve()):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return Path(path).as_posix()


Where = list[str | int]  # a place in the data: ['rules', 3, 'read', 1]


def field_name(path: Sequence[str | int]) -> str:
    """``['rules', 3, 'read', 1]`` becomes ``rules[3].read[1]``; the empty path is ``file``. In a
    list of entries the line says which entry, so its index is left out: ``[3, 'tags']`` is
    ``tags``, ``[3]`` alone is ``entry``."""
    steps = list(path[1:]) if path and isinstance(path[0], int) else list(path)
    name = ""
    for step in steps:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or ("entry" if path else "file")


def line_of(root: Any, path: Sequence[str | int]) -> int:
    """1-based line of the node at ``path``: a mapping key's own line, a list item's start."""
    node, line = root, 0
    for step in path:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = lc[step]
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line + 1


def problem_at(where: str, data: Any, path: Sequence[str | int], message: str) -> Problem:
    """A problem at ``path`` inside ``data`` (loaded by ``load_yaml``) of the file ``where``."""
    return Problem(where, line_of(data, path), field_name(as_written(data, path)), message)


def as_written(root: Any, path: Sequence[Any]) -> list[Any]:
    """``path`` with each mapping key as the file writes it: YAML 1.1 reads ``on:`` as True and
    ``3:`` as a number, which a field name would show as ``[True]`` or a list index ``[3]``."""
    node, steps = root, []
    for step in path:
        steps.append(getattr(node, "written", {}).get(step, step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return steps


class LineDict(dict):
    lc: dict[Any, int]  # the 0-based line each key starts on
    written: dict[Any, str]  # a key that is not text (``on``, ``3``) as the file writes it


class LineList(list):
    lc: dict[int, int]  # the 0-based line each item starts on


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser where PyYAML has it (its wheels do; about 20 times faster than ruamel's
    pure Python round trip), building dicts and lists that know their lines. Dates stay text,
    so that a bad date is a schema problem (``format: date``), not a crash; a key given twice
    or a list or mapping as a key is malformed YAML. YAML 1.1 rules: a bare yes/no/on/off is a
    boolean (the schema says so)."""


def _mapping(loader: _Loader, node: yaml.Node) -> Iterator[LineDict]:
    assert isinstance(node, yaml.MappingNode)
    data = LineDict()
    data.lc, data.written = {}, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=True)
        if not isinstance(key_node, yaml.ScalarNode):
            problem = f"found a key that is {kind_of(key)}; a key must be text"
            raise ConstructorError(None, None, problem, key_node.start_mark)
        if key in data:
            raise ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f'found duplicate key "{key}" with value "{value}" (original value: "{data[key]}")',
                key_node.start_mark,
            )
        data[key] = value
        data.lc[key] = key_node.start_mark.line
        if not isinstance(key, str):
            data.written[key] = key_node.value


def _sequence(loader: _Loader, node: yaml.Node) -> Iterator[LineList]:
    data = LineList()
    data.lc = {}
    yield data
    for index, child in enumerate(node.value):
        data.append(loader.construct_object(child, deep=True))
        data.lc[index] = child.start_mark.line


yaml.add_constructor("tag:yaml.org,2002:map", _mapping, Loader=_Loader)
yaml.add_constructor("tag:yaml.org,2002:seq", _sequence, Loader=_Loader)
yaml.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str, Loader=_Loader
)


def read_text(path: Path, root: Path | None = None) -> tuple[str, Problem | None]:
    """A file's text as every loader and check reads it; for one that is not UTF-8 or cannot be
    read, "" and the one problem to report, at the line of the first bad byte (``path:3: file:
    not UTF-8 text (byte 0xff); save it as UTF-8``)."""
    try:
        return Path(path).read_text(encoding="utf-8"), None
    except UnicodeDecodeError as exc:
        raw = Path(path).read_bytes()
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return "", Problem(shown(path, root), line, "file", message)
    except OSError as exc:
        return "", Problem(shown(path, root), 1, "file", f"cannot be read ({exc.strerror})")


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """The file's content with line information, or ``None`` and why not."""
    where = shown(path)
    text, unreadable = read_text(path)
    if unreadable:
        return None, [unreadable]
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [Problem(where, line, "yaml", f"malformed YAML: {what}")]
    except ReaderError as exc:
        return None, [Problem(where, *_unacceptable(text, exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(where, 1, "yaml", f"malformed YAML: {exc}")]
    if data is None:
        return None, [Problem(where, 1, "file", "is empty")]
    return data, []


def _unacceptable(text: str, exc: ReaderError) -> tuple[int, str, str]:
    """(line, field, message) for a character YAML does not allow. Its line is that of the
    character's first occurrence (the reader stops at the first one): libyaml counts
    ``exc.position`` in bytes, PyYAML in characters."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    at = text.find(char)
    line = text.count("\n", 0, at) + 1 if at >= 0 else 1
    kind = "control character" if unicodedata.category(char) == "Cc" else "character"
    return line, "yaml", f"{kind} U+{ord(char):04X} is not allowed (delete it)"


def load_checked(path: Path, schema_path: Path) -> tuple[Any, list[Problem], set[int]]:
    """``load_yaml`` and its schema's problems; with the indices of the top-level entries the
    schema rejected, which a loader of a list of entries skips."""
    data, found = load_yaml(path)
    if data is None:
        return None, found, set()
    errors = validate(data, schema_path)
    found = sorted({problem_at(shown(path), data, at, message) for at, message in errors})
    return data, found, {at[0] for at, _ in errors if at and isinstance(at[0], int)}


T = typing.TypeVar("T")


def build(cls: type[T], raw: Mapping[str, Any], **given: Any) -> T:
    """The dataclass ``cls`` from data that passed its schema: each field from the key of its
    name (text trimmed, lists as tuples, mappings as the field's dataclass), unless ``given``;
    a missing or empty value leaves the field's default."""
    values = dict(given)
    for name, hint in _fields(cls):  # type: ignore[arg-type] # mypy: type[T] is not Hashable
        if name not in given and raw.get(name) not in (None, ""):
            values[name] = _convert(hint, raw[name])
    return cls(**values)


@cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field of a dataclass, its types read once."""
    hints = typing.get_type_hints(cls)
    return tuple((item.name, hints[item.name]) for item in dataclasses.fields(cls))


def _convert(hint: Any, value: Any) -> Any:
    if isinstance(hint, types.UnionType):  # ``X | None``: the X
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is tuple:
        return tuple(_convert(typing.get_args(hint)[0], item) for item in value)
    if dataclasses.is_dataclass(hint):
        return build(hint, value)  # type: ignore[arg-type]
    if hint is str:
        return str(value).strip()
    return bool(value) if hint is bool else value


def mtime(path: Path) -> int:
    """Modification time for cache keys; 0 when the file is missing (the loader reports it)."""
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return 0


# --- JSON Schema errors in our words ------------------------------------------------------------

KINDS = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


@lru_cache(maxsize=8)
def _validator(path: Path, stamp: int) -> Draft202012Validator:
    """One validator per version of the schema file, so `mkdocs serve` sees schema edits."""
    del stamp  # part of the cache key only
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema(path: Path) -> dict[str, Any]:
    """The parsed schema file (read again when it changes)."""
    return _validator(Path(path), mtime(path)).schema  # type: ignore[return-value]


def validate(data: Any, schema_path: Path) -> list[tuple[Where, str]]:
    """Every schema error in ``data`` as (where, message), worded by ``explain``."""
    errors = _validator(Path(schema_path), mtime(schema_path)).iter_errors(data)
    return [found for error in errors for found in explain(error)]


def schema_problems(data: Any, schema_path: Path, where: str) -> list[Problem]:
    """``validate`` as sorted problems of the file ``where``."""
    return sorted({problem_at(where, data, at, text) for at, text in validate(data, schema_path)})


def kind_of(value: Any) -> str:
    """What a reader calls the value's type: text, a number, a list, a mapping, ..."""
    for kind in ("null", "boolean", "number", "string", "array", "object"):
        if Draft202012Validator.TYPE_CHECKER.is_type(value, kind):
            return KINDS[kind]
    return type(value).__name__


def _written(value: Any) -> str:
    """A scalar as written (``'abc'``, ``12``); anything else by its kind."""
    return repr(value) if isinstance(value, (str, int, float)) else kind_of(value)


def explain(error: ValidationError) -> Iterator[tuple[Where, str]]:
    """One jsonschema error as (where, message) pairs in our words (see the module's doc)."""
    path: Where = list(error.absolute_path)
    kind = str(error.validator)
    value: Any = error.instance  # typed "or Unset"; a raised error always has them
    expected: Any = error.validator_value
    # The subschema that holds the failing keyword (``false``, which forbids any value, has none).
    rules: Any = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.absolute_schema_path:
        path.append(value)  # the key itself is wrong: point at it
    if kind == "required":
        for name in expected:
            if isinstance(value, dict) and name not in value:
                yield [*path, name], "missing required field"
    elif kind == "additionalProperties":
        allowed = list(rules.get("properties", {}))
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        for name in value:
            if name not in allowed:
                yield [*path, name], f"unknown field{hint}"
    elif kind in ("type", "minLength", "pattern", "format") and (
        value is None or (isinstance(value, str) and not value.strip())
    ):
        yield path, "must not be empty"
    elif "x-checked-by" in rules and kind != "type":
        return
    elif custom := _custom(rules.get("x-message"), kind):
        yield path, custom.format(value=_written(value), got=kind_of(value))
    elif kind in ("anyOf", "oneOf") and error.context:
        # Explain the branches written for this kind of value; else say which kinds fit.
        fitting = [e for e in error.context if e.validator != "type" or e.relative_path]
        for branch in fitting:
            yield from explain(branch)
        if not fitting:
            kinds = dict.fromkeys(str(e.validator_value) for e in error.context)
            yield path, _generic("type", value, list(kinds)) or error.message
    else:
        yield path, _generic(kind, value, expected) or error.message


def _custom(message: Any, kind: str) -> str | None:
    """The schema's own wording: one text for every keyword but ``type`` (a value of the wrong
    kind reads the same in every file), or one per keyword (``{"type": ...}`` included)."""
    if isinstance(message, dict):
        return message.get(kind)
    return None if kind == "type" else message


def _generic(kind: str, value: Any, expected: Any) -> str | None:
    shown_value = _written(value)
    at_least = "one value" if expected == 1 else f"{expected} values"
    if kind == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        return f"expected {' or '.join(KINDS.get(n, n) for n in names)}, got {kind_of(value)}"
    if kind == "enum":
        # A number for the text "1" must not read as missing from "1, 2, ...": quote the options.
        scalar = isinstance(value, (str, int, float))
        quoted = scalar and any(type(option) is not type(value) for option in expected)
        options = ", ".join(repr(option) if quoted else str(option) for option in expected)
        return f"unknown value {shown_value} (expected one of: {options})"
    messages = {
        "const": f"must be {expected!r}",
        "minLength": f"{shown_value} is too short (at least {expected} characters)",
        "maxLength": f"{shown_value} is too long (at most {expected} characters)",
        "pattern": f"{shown_value} does not match {expected!r}",
        "format": f"{shown_value} is not a valid {expected}",
        "minItems": f"must list at least {at_least}",
        "maxItems": f"must list at most {expected} values",
        "uniqueItems": "lists the same value twice",
    }
    return messages.get(kind)

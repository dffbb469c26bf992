"""Markdown lines that data modules care about: fenced code, and marker lines to expand.

A marker is an HTML comment on a line of its own (``<!-- resources: category=models -->``); it
stays visible to editors in the source and is replaced at build time. Lines inside fenced code
are never markers, so a page can show the syntax as an example.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

FENCE_RE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
# Inline code: a run of backticks, then text, then a run of exactly as many backticks.
CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.DOTALL)


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line with whether it is fenced code (the fence lines themselves included)."""
    fence: str | None = None
    for line in lines:
        opening = FENCE_RE.match(line)
        if fence is None:
            if opening:
                fence = opening["fence"]
            yield line, opening is not None
            continue
        # A closing fence uses the same character, at least as many times as the opening one.
        if opening and opening["fence"].startswith(fence[0] * len(fence)):
            fence = None
        yield line, True


def replace_marker_lines(
    markdown: str, pattern: re.Pattern[str], render: Callable[[re.Match[str]], str]
) -> str:
    """Replace every line that ``pattern`` matches, outside fenced code, with ``render(match)``
    as a block of its own (blank lines around it, so Markdown leaves raw HTML alone)."""
    out: list[str] = []
    for line, code in fenced(markdown.splitlines(keepends=True)):
        match = None if code else pattern.match(line)
        out.append(f"\n{render(match)}\n\n" if match else line)
    return "".join(out)


def outside_code_spans(line: str, replace: Callable[[str], str]) -> str:
    """Apply ``replace`` to the parts of ``line`` that are not inline code spans."""
    out, position = [], 0
    for span in CODE_SPAN_RE.finditer(line):
        out.append(replace(line[position : span.start()]))
        out.append(span.group(0))
        position = span.end()
    out.append(replace(line[position:]))
    return "".join(out)

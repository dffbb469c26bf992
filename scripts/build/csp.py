"""A Content-Security-Policy that a static host can carry: a ``<meta>`` in every built page.

Only the site's own origin is allowed, plus the hashes of the theme's inline scripts. Their text
varies with the page's depth, so after the build every inline script of the whole site is
hashed and the same policy goes into every page: with instant navigation the first page's policy
stays in force while the theme swaps in other pages' content. ``<script type="application/json">``
is data, never run: no hash. No inline styles are built (the theme sets styles through the
CSSOM, which CSP does not restrict); images may be ``data:`` URIs (the theme's icons).

CLI: ``python -m scripts csp check site/`` lists pages whose inline scripts the policy misses.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.data.datafile import check_parser
from scripts.render.templates import render_template

ANCHOR = '<meta charset="utf-8">'  # the first tag of every page (overrides/main.html)
HEAD_RE = re.compile(r"<head[\s>]", re.I)
SCRIPT_RE = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON data, not src=)."""
    found = []
    for match in SCRIPT_RE.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = TYPE_RE.search(attrs)
        if (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES:
            found.append(match.group("body"))
    return found


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str]) -> str:
    return POLICY.format(hashes="".join(f" {digest}" for digest in sorted(set(hashes))))


def pages(site_dir: Path) -> dict[Path, str]:
    """Built pages (HTML files with a ``<head>``, not copied fragments): their text."""
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))}
    return {path: text for path, text in texts.items() if HEAD_RE.search(text[:1024])}


def apply(site_dir: Path) -> int:
    """Write the one policy into every page, right after its charset; returns the page count.
    A page without that charset tag would go without a policy: the build stops instead."""
    texts = pages(site_dir)
    hashes = {script_hash(body) for text in texts.values() for body in inline_scripts(text)}
    meta = render_template("csp-meta.html", policy=policy(hashes))
    missing = [
        path.relative_to(site_dir).as_posix() for path, t in texts.items() if ANCHOR not in t
    ]
    if missing:
        where = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        raise PluginError(f"No {ANCHOR} to put the Content-Security-Policy after in {where}")
    for path, text in texts.items():
        text = META_RE.sub("", text)  # a rebuild in place must not stack two policies
        path.write_text(text.replace(ANCHOR, ANCHOR + meta, 1), encoding="utf-8")
    return len(texts)


def problems(site_dir: Path) -> list[str]:
    """Pages without the policy, or with an inline script the policy does not allow."""
    found = []
    for path, text in pages(site_dir).items():
        name = path.relative_to(site_dir).as_posix()
        metas = META_RE.findall(text)
        if len(metas) != 1:
            found.append(f"{name}: {len(metas)} Content-Security-Policy metas (expected 1)")
            continue
        allowed = set(re.split(r"[\s;]+", html.unescape(metas[0])))
        for body in inline_scripts(text):
            if script_hash(body) not in allowed:
                found.append(f"{name}: inline script {body.strip()[:40]!r} is not in the policy")
    return found


def main(argv: list[str] | None = None) -> int:
    parser, check = check_parser(__doc__, "verify the policy of every page of a built site")
    check.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    site_dir = parser.parse_args(argv).site_dir
    if not pages(site_dir):
        print(f"{site_dir}: no HTML pages (build first: make build)", file=sys.stderr)
        return 2
    found = problems(site_dir)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0

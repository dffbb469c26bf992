"""LinkChecker's own command line, with each page's anchors collected once.

``python -m scripts linkcheck`` runs ``python -m scripts linkchecker-run ARGS``: the same
arguments as ``linkchecker``. With ``[AnchorCheck]`` (linkcheckerrc), LinkChecker checks every
``page#anchor`` as a URL of its own (its cache key keeps the anchor) and its AnchorCheck plugin
parses the whole page again for each one: on our site (about 1,900 distinct anchors on 60
pages) that is most of the run. LinkChecker has no option for it, so one thing stays patched:

- ``AnchorCheck.check`` collects the anchors of each distinct page body once, with the
  tokenizer Beautiful Soup's "html.parser" uses but without building a tree, and checks every
  further ``page#anchor`` against that list (same bytes, same anchors). The check itself and
  its warning are LinkChecker's own (``UrlAnchorCheck.check_anchor``).

What used to be patched is now LinkChecker's own options: recursion into ``page#anchor`` URLs
(which queued every link of a page once per anchor, ~90 % of the run) is stopped by
``--no-follow-url`` (``internal.language_crawls`` gives the pattern), no longer by patching
``UrlBase.allows_recursion``; and the separate cache of parsed pages (a patch of
``htmlsoup.make_soup``) went away, since the anchor cache above no longer asks LinkChecker for
a parsed page.

The patch is written against LinkChecker 10.6.0 (requirements-dev.txt). On any other version
``run`` stops before checking anything (exit 2) and tests/test_links.py fails, so an upgrade
is a deliberate re-check: read the new ``linkcheck/plugins/anchorcheck.py``, then update
``LINKCHECKER_VERSION``. Remove the patch once LinkChecker collects a page's anchors once.
"""

from __future__ import annotations

import hashlib
import html.parser
import sys
from importlib.metadata import version
from typing import Any

LINKCHECKER_VERSION = "10.6.0"


class VersionMismatch(RuntimeError):
    pass


def check_version(installed: str | None = None) -> None:
    """Raise unless the installed LinkChecker is the one the patch was written for."""
    installed = installed or version("linkchecker")
    if installed != LINKCHECKER_VERSION:
        raise VersionMismatch(
            f"LinkChecker {installed} is installed; scripts/links/linkchecker_run.py patches "
            f"AnchorCheck.check of {LINKCHECKER_VERSION}. Read the new "
            "linkcheck/plugins/anchorcheck.py, re-check the patch (or drop it if LinkChecker now "
            "collects a page's anchors once), then update LINKCHECKER_VERSION."
        )


class _Anchors(html.parser.HTMLParser):
    """The anchors LinkChecker's AnchorCheck collects (``linkparse.AnchorTags``: every
    element's ``id``, and ``name`` on ``<a>``), as its ``(anchor, line, column, name, base)``
    tuples. Beautiful Soup's "html.parser" builder, which LinkChecker uses, tokenises with this
    same parser, so the values are the same; no tree is built."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, int, int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        for name, value in attrs:
            if value is not None and (name == "id" or (tag == "a" and name == "name")):
                self.anchors.append((value, line, column, name, ""))

    handle_startendtag = handle_starttag


def anchors_in(body: bytes) -> list[tuple[str, int, int, str, str]]:
    parser = _Anchors()
    parser.feed(body.decode("utf-8", errors="replace"))  # MkDocs writes UTF-8
    parser.close()
    return parser.anchors


def patch_anchor_check() -> None:
    """Collect each distinct page body's anchors once (see the module docstring)."""
    from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck

    anchors_of: dict[bytes, list] = {}  # sha256 of a page body -> its anchors

    def check(self: AnchorCheck, url_data: Any) -> None:
        data = url_data.get_raw_content()
        body = data if isinstance(data, bytes) else data.encode()
        key = hashlib.sha256(body).digest()
        if key not in anchors_of:
            anchors_of[key] = anchors_in(body)
        checker = UrlAnchorCheck()
        checker.anchors = anchors_of[key]
        checker.check_anchor(url_data)

    AnchorCheck.check = check


def run(args: list[str]) -> None:
    """LinkChecker's own command line, with the anchor patch."""
    check_version()
    from linkcheck.command.linkchecker import linkchecker

    patch_anchor_check()
    sys.argv = ["linkchecker", *args]
    linkchecker()


def main(argv: list[str]) -> int:
    try:
        run(argv)
    except VersionMismatch as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0

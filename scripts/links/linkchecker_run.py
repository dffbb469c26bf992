"""LinkChecker's own command line, made fast enough for a site with hundreds of heading anchors.

``python -m scripts linkcheck`` runs ``python -m scripts linkchecker-run ARGS``: the same
arguments as ``linkchecker``. Two changes to LinkChecker 10.6 (pinned in requirements-dev.txt), both
because of how [AnchorCheck] works: it checks every ``page#anchor`` as a URL of its own.

- Each distinct HTML document is parsed once (same bytes, same Beautiful Soup tree, which
  LinkChecker only reads), and its anchors are collected once.
- ``page#anchor`` is not recursed into: it has the same links as ``page``, which is checked on
  its own. Recursing added every link of a page to the queue once per anchor, ~90 % of the run.

tests/test_links.py fails if LinkChecker is not the version these patches were written for.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

LINKCHECKER_VERSION = "10.6.0"


def run(args: list[str]) -> None:
    """LinkChecker's own command line, each distinct HTML document parsed (and its anchors
    collected) only once, and no recursion into ``page#anchor`` URLs.

    With [AnchorCheck], LinkChecker 10.6 checks every ``page#anchor`` as a URL of its own and
    parses the whole page again for each: on our site (hundreds of heading anchors) that is most
    of the run time. Same bytes give the same Beautiful Soup tree, which LinkChecker only reads,
    so the tree is cached. Remove this once LinkChecker caches parsed pages itself.
    """
    from linkcheck.checker.urlbase import UrlBase
    from linkcheck.command.linkchecker import linkchecker
    from linkcheck.htmlutil import htmlsoup, linkparse
    from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck

    original = htmlsoup.make_soup

    @functools.lru_cache(maxsize=256)
    def cached(markup: bytes | str, from_encoding: str | None) -> object:
        return original(markup, from_encoding)

    def make_soup(markup, from_encoding=None):
        if isinstance(markup, bytes | str):
            return cached(markup, from_encoding)
        return original(markup, from_encoding)

    htmlsoup.make_soup = make_soup

    # ``page#anchor`` has the same links as ``page``, which is checked on its own; recursing into
    # it again adds every link of the page to the queue once per anchor (most of the run time:
    # 100 s instead of 10 s for our 900 anchors). The anchor itself is still checked.
    allows = UrlBase.allows_recursion

    def allows_recursion(self: UrlBase) -> bool:
        return not self.anchor and allows(self)

    UrlBase.allows_recursion = allows_recursion

    # AnchorCheck collects a page's anchors again for every ``page#anchor``; collect them once
    # per parsed page (the soup cache above hands out the same object for the same bytes).
    anchors_of: dict[int, tuple[object, list]] = {}

    def check(self: AnchorCheck, url_data: Any) -> None:
        soup = url_data.get_soup()
        known = anchors_of.get(id(soup))
        if known is None or known[0] is not soup:
            collector = UrlAnchorCheck()
            linkparse.find_links(soup, collector.add_anchor, linkparse.AnchorTags)
            known = anchors_of[id(soup)] = (soup, collector.anchors)
        checker = UrlAnchorCheck()
        checker.anchors = known[1]
        checker.check_anchor(url_data)

    AnchorCheck.check = check
    sys.argv = ["linkchecker", *args]
    linkchecker()


def main(argv: list[str]) -> int:
    run(argv)
    return 0

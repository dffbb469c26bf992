"""LinkChecker's own command line (``python -m scripts linkchecker-run ARGS``) with two patches
for its ``page#anchor`` URLs (no option does either; see ARCHITECTURE.md, "Internal link check"):
``AnchorCheck.check`` collects each page's anchors once instead of parsing the page again for
every anchor, and its HTTP sessions send one GET per page for all its anchors
(``OneGetPerPage``). Written against LINKCHECKER_VERSION: on any other version it refuses to run
(exit 2).
"""

from __future__ import annotations

import copy
import html.parser
import sys
from importlib.metadata import version
from typing import Any

import requests

LINKCHECKER_VERSION = "10.6.0"


def version_problem(installed: str) -> str | None:
    if installed == LINKCHECKER_VERSION:
        return None
    return (
        f"LinkChecker {installed} is installed; scripts/links/linkchecker_run.py patches "
        f"AnchorCheck.check of {LINKCHECKER_VERSION}. Read the new "
        "linkcheck/plugins/anchorcheck.py, re-check the patch (or drop it if LinkChecker now "
        "collects a page's anchors once), then update LINKCHECKER_VERSION."
    )


class _Anchors(html.parser.HTMLParser):
    """What LinkChecker's ``linkparse.AnchorTags`` collects (every ``id``, ``name`` on ``<a>``),
    as its tuples, from the tokenizer of its Beautiful Soup builder, without building a tree."""

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


class OneGetPerPage(requests.adapters.HTTPAdapter):
    """A transport that fetches a page once for all its anchors. LinkChecker checks each
    ``page#anchor`` as a URL of its own and fetches the page again for each (about 2,000 of the
    check's requests); the anchor never reaches the server, so every ``page#anchor`` after the
    first gets a copy of the first answer (status, headers, body), which LinkChecker checks as
    before. A URL without an anchor, or a request other than GET, is sent as always."""

    def __init__(self, answers: dict[str, requests.Response]) -> None:
        super().__init__()
        self.answers = answers  # page URL -> its answer, shared by the crawl's threads

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        url = request.url or ""
        page, anchor, _ = url.partition("#")
        if not anchor or request.method != "GET":
            return super().send(request, *args, **kwargs)
        if page not in self.answers:
            answer = super().send(request, *args, **kwargs)
            answer.content  # noqa: B018 (read it all now: every copy replays it)
            self.answers[page] = answer
        answer = copy.copy(self.answers[page])
        answer.request, answer.url = request, url
        return answer


def main(argv: list[str]) -> int:
    problem = version_problem(version("linkchecker"))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from linkcheck.command.linkchecker import linkchecker
    from linkcheck.director import aggregator
    from linkcheck.plugins.anchorcheck import AnchorCheck, UrlAnchorCheck

    anchors_of: dict[str, list] = {}  # page URL -> its anchors

    def check(self: AnchorCheck, url_data: Any) -> None:
        data = url_data.get_raw_content()
        page = url_data.url.partition("#")[0]  # OneGetPerPage gave all its anchors one answer
        if page not in anchors_of:
            anchors_of[page] = anchors_in(data if isinstance(data, bytes) else data.encode())
        checker = UrlAnchorCheck()
        checker.anchors = anchors_of[page]
        checker.check_anchor(url_data)  # LinkChecker's own check and warning

    AnchorCheck.check = check

    answers: dict[str, requests.Response] = {}
    new_session = aggregator.new_request_session

    def session(config: Any, cookies: Any) -> requests.Session:
        made = new_session(config, cookies)
        # http only: the check serves the site on 127.0.0.1; a copied answer has no raw
        # connection, which LinkChecker reads for https (its certificate).
        made.mount("http://", OneGetPerPage(answers))
        return made

    aggregator.new_request_session = session
    # requests imports netrc on every request. Run as root, LinkChecker first becomes nobody,
    # who may not read root's Python: every one of those imports would search and fail again.
    import netrc  # noqa: F401

    sys.argv = ["linkchecker", *argv]
    linkchecker()  # exits with LinkChecker's own code
    return 0

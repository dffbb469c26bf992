"""scripts/links/linkchecker_run.py: the two LinkChecker patches (each page's anchors collected
once; each page fetched once for all its anchors) and their version guard."""

from __future__ import annotations

import http.server

import requests

from scripts.links import linkchecker_run
from tests.helpers import handler_server

PAGE = """<!doctype html><html><head><title>t</title></head><body>
<h2 id="intro">Intro</h2><A NAME="Old-Style">x</A><a name="n" id="both">y</a>
<p id="r&eacute;sum&eacute;">entity</p><br id="void"/><svg><g id="in-svg"></g></svg>
<div data-id="not-an-anchor" id="">empty</div><span name="not-on-a">z</span>
<p>名称</p><h3 id="中文">中文</h3>
</body></html>"""


def test_anchors_are_the_ones_linkcheckers_own_collector_finds() -> None:
    from linkcheck.htmlutil import htmlsoup, linkparse
    from linkcheck.plugins.anchorcheck import UrlAnchorCheck

    body = PAGE.encode("utf-8")
    theirs = UrlAnchorCheck()
    linkparse.find_links(htmlsoup.make_soup(body), theirs.add_anchor, linkparse.AnchorTags)
    ours = linkchecker_run.anchors_in(body)
    assert sorted(a[0] for a in ours) == sorted(a[0] for a in theirs.anchors)
    assert {"intro", "Old-Style", "n", "both", "résumé", "void", "in-svg", "中文"} <= {
        a[0] for a in ours
    }


def test_the_patch_refuses_another_linkchecker_version(capsys, monkeypatch) -> None:
    assert linkchecker_run.version_problem(linkchecker_run.LINKCHECKER_VERSION) is None
    assert "LinkChecker 10.7.0 is installed" in (linkchecker_run.version_problem("10.7.0") or "")
    monkeypatch.setattr(linkchecker_run, "version", lambda _name: "11.0.0")
    assert linkchecker_run.main(["http://127.0.0.1:9/"]) == 2
    assert "re-check the patch" in capsys.readouterr().err


def test_a_page_is_fetched_once_for_all_its_anchors() -> None:
    """``page#a`` and ``page#b`` share one GET (the anchor never reaches the server); a URL
    without an anchor, or another page, is fetched as always."""
    paths: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            paths.append(self.command + " " + self.path)
            body = f"<p id=a>{self.path}</p>".encode()
            if self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/p/")
            else:
                self.send_response(404 if "gone" in self.path else 200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET  # noqa: N815 (a body after HEAD is ignored by the client)

        def log_message(self, *args: object) -> None:
            pass

    session = requests.Session()
    session.mount("http://", linkchecker_run.OneGetPerPage({}))
    with handler_server(Handler) as origin:
        get = [
            session.get(f"{origin}/{url}", stream=True)
            for url in ("p/#a", "p/#b", "p/", "q/#a", "gone/#a", "gone/#b")
        ]
        # A redirect is an answer of its own page; where it leads is followed as any page is.
        moved = [session.get(f"{origin}/moved#{anchor}") for anchor in ("a", "b")]
        # Only a GET is shared: another method always reaches the server.
        heads = [session.head(f"{origin}/p/#{anchor}").status_code for anchor in ("a", "b")]
    assert paths == [
        "GET /p/",
        "GET /p/",
        "GET /q/",
        "GET /gone/",
        "GET /moved",
        "HEAD /p/",
        "HEAD /p/",
    ]
    assert [r.url.rpartition("/")[2] for r in get] == ["#a", "#b", "", "#a", "#a", "#b"]
    assert [r.status_code for r in get] == [200, 200, 200, 200, 404, 404]
    assert b"".join(get[1].iter_content(4)) == b"<p id=a>/p/</p>"
    assert [(r.url.rpartition("/")[2], r.status_code, r.history[0].status_code) for r in moved] == [
        ("#a", 200, 301),
        ("#b", 200, 301),
    ]
    assert heads == [200, 200]

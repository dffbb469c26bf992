"""scripts/build/csp.py: which scripts get hashed, the policy, and the post-build rewrite."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from scripts.build import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a = 1;</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="x.js"></script>
<script type="module">import "./y.js";</script>
</head><body><script>var b = 2;</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed() -> None:
    assert csp.inline_scripts(PAGE) == ["var a = 1;", 'import "./y.js";', "var b = 2;"]
    assert csp.script_hash("var a = 1;") == sha("var a = 1;")


def test_policy_allows_only_self_and_the_hashes() -> None:
    text = csp.policy([sha("x"), sha("x"), sha("y")])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == " ".join(["'self'", *sorted({sha("x"), sha("y")})])
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in text and "unsafe-eval" not in text
    assert "frame-ancestors" not in text  # ignored (with a console error) in a <meta>


def write_site(root: Path) -> Path:
    (root / "zh").mkdir(parents=True)
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "zh" / "index.html").write_text(
        PAGE.replace("var b = 2;", "var c = 3;"), encoding="utf-8"
    )
    (root / "partials").mkdir()
    (root / "partials" / "fragment.html").write_text("<div>{{ x }}</div>", encoding="utf-8")
    return root


def test_apply_puts_one_shared_policy_first_in_every_page(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    assert csp.apply(site) == 2
    assert csp.apply(site) == 2  # a second run replaces the policy instead of adding one
    pages = [site / "index.html", site / "zh" / "index.html"]
    metas = [csp.META_RE.findall(p.read_text(encoding="utf-8")) for p in pages]
    assert [len(m) for m in metas] == [1, 1]
    assert metas[0] == metas[1]  # instant navigation keeps the first page's policy
    for script in ("var a = 1;", "var b = 2;", "var c = 3;"):
        assert sha(script).replace("'", "&#39;") in metas[0][0]
    head = pages[0].read_text(encoding="utf-8")
    assert head.index("Content-Security-Policy") < head.index("<script")
    assert (site / "partials" / "fragment.html").read_text(encoding="utf-8") == "<div>{{ x }}</div>"
    assert csp.problems(site) == []


def test_check_names_pages_whose_scripts_the_policy_misses(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    assert csp.main(["check", str(site)]) == 1  # no policy yet
    csp.apply(site)
    page = site / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("var a = 1;", "var a = 2;"), encoding="utf-8"
    )
    assert csp.problems(site) == ["index.html: inline script 'var a = 2;' is not in the policy"]
    assert csp.main(["check", str(site)]) == 1


def test_check_names_a_page_with_two_stacked_policies(tmp_path: Path) -> None:
    """Browsers enforce both, so a second policy can block what the first allows."""
    site = write_site(tmp_path)
    csp.apply(site)
    page = site / "index.html"
    text = page.read_text(encoding="utf-8")
    meta = csp.META_RE.search(text)[0]
    page.write_text(text.replace(meta, meta + meta), encoding="utf-8")
    assert csp.problems(site) == ["index.html: 2 Content-Security-Policy metas (expected 1)"]


def test_a_page_the_policy_cannot_be_put_in_stops_the_build(tmp_path: Path, capsys) -> None:
    """A page whose charset tag is written otherwise got no policy, and the check passed too."""
    site = write_site(tmp_path)
    page = site / "zh" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("utf-8", "UTF-8"), encoding="utf-8")
    with pytest.raises(PluginError, match=r"Content-Security-Policy after in zh/index\.html"):
        csp.apply(site)
    assert csp.main(["check", str(site)]) == 1  # the page is seen: it has no policy
    assert csp.main(["check", str(tmp_path / "nothing")]) == 2
    assert "no HTML pages (build first: make build)" in capsys.readouterr().err

"""Quality gates in the browser: accessibility (axe), Content-Security-Policy, print, and the
search index that waits for the reader to open search.

The pages come from tests/quality_pages.py, computed from the sources that exist, so a new page
type joins these checks when its page is written.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.quality_pages import LANGUAGES, MISSING, page_types, representative

pytestmark = pytest.mark.browser

AXE = Axe()
SEARCH_WORDS = {"en": "learning", "zh": "学习"}
VIOLATIONS = """
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
      + ` (${e.sourceFile || ""}:${e.lineNumber || ""})`);
  });
"""


def new_tab(browser, color_scheme: str = "light"):
    """A fresh tab that records console errors and CSP violations (like conftest's ``page``)."""
    context = browser.new_context(locale="en-US", color_scheme=color_scheme)
    tab = context.new_page()
    tab.console_errors = []

    def on_console(message) -> None:
        # A static host answers a missing page with the 404 page and status 404, which the
        # browser reports as an error about the page itself; anything else is a real error.
        itself = message.location.get("url") == tab.url and "status of 404" in message.text
        if message.type == "error" and not (tab.url.endswith(MISSING) and itself):
            tab.console_errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.add_init_script(VIOLATIONS)
    return tab


def open_search(tab, lang: str) -> None:
    tab.locator("input.md-search__input").click()
    tab.keyboard.type(SEARCH_WORDS[lang])
    tab.keyboard.press("End")  # Chinese text arrives without key events; commit like an IME
    tab.wait_for_selector(".md-search-result__item", timeout=15_000)
    settled(tab)


def settled(tab) -> None:
    """Wait for CSS transitions to end: axe measures colours as they are at that moment."""
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


# What a colour scheme changes: Material's palettes set data-md-color-* attributes on <body>,
# which select CSS custom properties (and the site's own [data-md-color-scheme="slate"] rules),
# nothing else in the page. So one tab checks both: every rule in the light scheme, then, after
# the switch to dark (the input the palette toggle's label targets), the rules that read colours.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_report(tab, scheme: str = "light") -> str:
    options: dict = {"resultTypes": ["violations"]}
    if scheme != "light":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    results = AXE.run(tab, options=options)
    lines = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        why = (nodes[0]["any"] or nodes[0]["all"] or nodes[0]["none"] or [{"message": ""}])[0]
        targets = [node["target"] for node in nodes[:5]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            f" -- {why['message']}"
        )
    return "\n".join(lines)


def axe_in_both_schemes(tab) -> dict[str, str]:
    """axe's findings on the page as it is (light), then in the dark scheme; empty when clean."""
    reports = {}
    for scheme in ("light", "dark"):
        if scheme == "dark":
            tab.evaluate(
                "() => document.querySelector('input[data-md-color-scheme=slate]').click()"
            )
            tab.wait_for_function(
                "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"
            )
        settled(tab)
        reports[scheme] = axe_report(tab, scheme)
    return {scheme: report for scheme, report in reports.items() if report}


def policy_holds(tab) -> None:
    """The page has the site's one policy (scripts/build/csp.py); instant navigation to another
    page, which re-runs that page's inline scripts under this page's policy, breaks nothing; no
    script was blocked and the console has no error, on the way or before."""
    assert tab.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    # A light page in every page's nav, of a type no other test here loads.
    link = tab.locator(".md-nav--primary a.md-nav__link[href$='translation-status/']").first
    href = link.evaluate("a => a.href")
    link.click()
    tab.wait_for_url(href)
    tab.wait_for_load_state("networkidle")
    violations = tab.evaluate("window.__cspViolations")
    assert violations == [], violations
    assert tab.console_errors == [], tab.console_errors


AXE_CASES = [
    pytest.param(path, False, id=f"{lang}-{kind}") for lang, kind, path in representative()
] + [
    pytest.param("" if lang == LANGUAGES[0] else f"{lang}/", True, id=f"{lang}-search")
    for lang in LANGUAGES
]


@pytest.mark.parametrize(("path", "search"), AXE_CASES)
def test_axe_finds_no_violation_and_the_policy_holds(
    browser, server: str, path: str, search: bool
) -> None:
    """axe in both colour schemes, then ``policy_holds`` (with search open: the index loaded,
    the worker started and results shown under the policy)."""
    tab = new_tab(browser)
    try:
        tab.goto(server + path)  # waits for "load": styles, scripts and images are in
        if search:
            open_search(tab, "zh" if path.startswith("zh/") else "en")
        found = axe_in_both_schemes(tab)
        assert not found, f"axe on /{path}{' (search open)' if search else ''}: {found}"
        if search:
            tab.keyboard.press("Escape")
            # Closed and still: a click while the overlay fades out can land on it.
            tab.wait_for_function(
                "() => !document.querySelector('[data-md-toggle=search]').checked"
            )
            settled(tab)
        policy_holds(tab)
    finally:
        tab.context.close()


OTHER_PAGES = [page for page in page_types() if page not in representative()]


@pytest.mark.parametrize(
    ("path",), [pytest.param(path, id=f"{lang}-{kind}") for lang, kind, path in OTHER_PAGES]
)
def test_the_policy_holds_on_the_other_page_types(browser, server: str, path: str) -> None:
    tab = new_tab(browser)
    try:
        tab.goto(server + path)
        tab.wait_for_load_state("networkidle")
        policy_holds(tab)
    finally:
        tab.context.close()


def test_the_policy_is_enforced(page, server: str) -> None:
    """A control: an inline script the build did not hash is blocked and reported."""
    page.add_init_script(VIOLATIONS)
    page.goto(server)
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__injected = true'; document.body.append(s); }"
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__injected") is None
    assert "script-src" in page.evaluate("window.__cspViolations[0]")
    assert page.locator('meta[name="referrer"]').count() == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_loads_only_when_opened(page, server: str, lang: str) -> None:
    """The first view downloads neither the search index nor the search worker."""
    loaded: list[str] = []

    def record(request) -> None:
        if re.search(r"search_index\.json|workers/search", request.url):
            loaded.append(request.url.removeprefix(server))

    page.on("request", record)
    home = server if lang == LANGUAGES[0] else f"{server}{lang}/"
    page.goto(home)
    page.wait_for_load_state("networkidle")
    assert loaded == [], f"the first view downloaded {loaded}"
    open_search(page, lang)
    index = f"{home.removeprefix(server)}search/search_index.json"
    assert index in loaded, loaded
    assert any(url.startswith("assets/javascripts/workers/search.") for url in loaded), loaded
    assert not page.console_errors, page.console_errors


PRINT_HIDDEN = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_print_cleanly(page, server: str, lang: str) -> None:
    from pypdf import PdfReader

    path = "about/" if lang == LANGUAGES[0] else f"{lang}/about/"
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    title = page.locator("article h1").first.inner_text()
    external = page.eval_on_selector("article p a[href^='https://']", "a => a.getAttribute('href')")
    labels = page.eval_on_selector_all(
        ".md-nav--primary .md-nav__link", "links => links.map(a => a.textContent.trim())"
    )
    numbered = {re.sub(r"\s+", "", t) for t in labels if re.match(r"\d+(\.\d+)? ", t)}
    assert numbered, labels

    page.emulate_media(media="print")
    for selector in PRINT_HIDDEN:
        display = page.eval_on_selector(selector, "e => getComputedStyle(e).display")
        assert display == "none", f"{selector} prints ({display})"
    after = page.eval_on_selector(
        "article p a[href^='https://']", "a => getComputedStyle(a, '::after').content"
    )
    assert external in after, after
    for selector in ("article table", "article figure", "article .highlight"):
        if page.locator(selector).count():
            style = page.eval_on_selector(selector, "e => getComputedStyle(e).breakInside")
            assert style == "avoid", f"{selector} may split across pages ({style})"

    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))  # CJK fonts map to radicals
    assert re.sub(r"\s+", "", title) in flat, "the page title is missing from the PDF"
    assert re.sub(r"\s+", "", external) in flat, "external link URLs are not printed"
    printed = [label for label in numbered if label in flat]
    assert not printed, f"the navigation was printed: {printed}"
    assert not page.console_errors, page.console_errors

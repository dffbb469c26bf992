"""Session fixtures: one strict build of the real site, served once, one browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PREFIX, build_site, find_chromium, free_port, serve

CHROMIUM_HELP = (
    "No usable Chromium for the browser tests. Install Debian's chromium "
    "(apt-get install chromium fonts-noto-cjk), or set CHROMIUM=/path/to/chromium, "
    "or run 'python -m playwright install chromium' where the internet is reachable."
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build once for a server under /dl4sci/ on a free port, so instant navigation works."""
    root = tmp_path_factory.mktemp("served")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    build_site(root / PREFIX, f"{origin}/{PREFIX}/")
    return {"root": root, "dir": root / PREFIX, "port": port, "base": f"{origin}/{PREFIX}/"}


@pytest.fixture(scope="session")
def server(site: dict) -> Iterator[str]:
    with serve(site["root"], site["port"]):
        yield site["base"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import Error, sync_playwright

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    with sync_playwright() as p:
        executable = find_chromium()
        try:
            instance = p.chromium.launch(executable_path=executable, args=args)
        except Error as exc:
            pytest.fail(f"{CHROMIUM_HELP}\n({exc.message.splitlines()[0]})", pytrace=False)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(locale="en-US")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    yield tab
    context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests share one build and one server; run them after the fast tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("index.html") if "assets" not in p.parts)

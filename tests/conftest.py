"""Session fixtures: one strict build of the real site, served once, one browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from tests.helpers import PREFIX, build_site, find_chromium, free_port, serve, variant_project

SERVED = pytest.StashKey[dict]()
CHROMIUM_HELP = (
    "No usable Chromium for the browser tests. Install Debian's chromium "
    "(apt-get install chromium-headless-shell fonts-noto-cjk), or set CHROMIUM=/path/to/chromium, "
    "or run 'python -m playwright install chromium' where the internet is reachable."
)


def pytest_configure(config: pytest.Config) -> None:
    """The controlling process (pytest itself, or xdist's controller) serves one folder on one
    port for the whole run; the first test that needs the site builds it there.

    The build must know the port: the theme's instant navigation only intercepts links to the
    origin its sitemap names. Serving from the controller keeps that one address alive until
    every xdist worker is done.
    """
    if hasattr(config, "workerinput"):  # an xdist worker: the controller serves
        return
    root = Path(tempfile.mkdtemp(prefix="dl4sci-test-site-"))
    port = free_port()
    stack = contextlib.ExitStack()
    stack.callback(shutil.rmtree, root, ignore_errors=True)
    stack.enter_context(serve(root, port, wait=False))
    config.stash[SERVED] = {"root": str(root), "port": port, "stack": stack}


def pytest_unconfigure(config: pytest.Config) -> None:
    served = config.stash.get(SERVED, None)
    if served is not None:
        served["stack"].close()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # pytest-xdist, in the controller: tell each worker
    served = node.config.stash[SERVED]
    node.workerinput["dl4sci_site"] = {"root": served["root"], "port": served["port"]}


def once(root: Path, name: str, make: Callable[[], None]) -> None:
    """Run ``make`` once per test run, in whichever worker asks first; the others wait on the
    lock and then share its files (read-only). A failure is reported once to every test that
    needs it, not once per worker."""
    with FileLock(root / f"{name}.lock"):
        failed = root / f"{name}.failed"
        if failed.is_file():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not (root / f"{name}.done").is_file():
            try:
                make()
            except RuntimeError as exc:
                failed.write_text(str(exc), encoding="utf-8")
                raise
            (root / f"{name}.done").touch()


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> dict:
    """One strict build of the site per test run, under /dl4sci/ like a project site, for the
    address the controller serves (tests that change files work on a copy)."""
    served = getattr(pytestconfig, "workerinput", {}).get("dl4sci_site")
    served = served or pytestconfig.stash[SERVED]
    root, port = Path(served["root"]), served["port"]
    base = f"http://127.0.0.1:{port}/{PREFIX}/"
    once(root, "build", lambda: build_site(root / PREFIX, base))
    return {"root": root, "dir": root / PREFIX, "port": port, "base": base}


@pytest.fixture(scope="session")
def variant(site: dict) -> dict:
    """One build of the variant project (tests/helpers.py: a hostile description, an outdated
    translation and a page without its twin), shared like ``site``."""
    root = site["root"]
    project, out = root / "variant-project", root / "variant-site"

    def make() -> None:
        variant_project(project)
        built = build_site(out, "http://127.0.0.1:1/", project=project, check=False, strict=False)
        if built.returncode != 0:
            raise RuntimeError(f"the variant build failed:\n{built.stdout}\n{built.stderr}")

    once(root, "variant", make)
    return {"project": project, "dir": out}


@pytest.fixture(scope="session")
def server(site: dict) -> str:
    """The site's base URL on the controller's server."""
    with urllib.request.urlopen(site["base"], timeout=10) as response:
        assert response.status == 200, f"the test server answered {response.status}"
    return site["base"]


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


# Files whose module- or session-scoped fixture does a long job once (both PDFs; the validator's
# one JVM over every page; the external check's recorded server): under xdist each stays whole on
# one worker, so the job runs once. Every other test is scheduled on its own.
WHOLE_FILES = ("tests/test_pdf.py", "tests/test_html_valid.py", "tests/test_links.py")


def scope_of(nodeid: str) -> str:
    """What xdist hands to one worker as a unit: a whole file of WHOLE_FILES, else one test."""
    path = nodeid.split("::", 1)[0]
    return path if path in WHOLE_FILES else nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores (xdist's PYTEST_XDIST_AUTO_NUM_WORKERS still
    decides when set). With one worker per core the cores sat about 10 % idle while browser tests
    waited on Chromium and the search worker; a third worker on 2 cores takes that up (same
    commit and machine: pytest 225 s with 10 % idle, 213 s with 2 %)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    return len(os.sched_getaffinity(0)) + 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under xdist's default distribution (``load``, what ``-n auto`` uses): its scope scheduler
    (largest scopes first) with ``scope_of``. (The ``xdist_group`` marker would say the same,
    but pytest-xdist 3.8 cannot add the group to node ids under pytest 9.2, so it has no
    effect.) Any other ``--dist`` the caller asks for is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WholeFiles(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return WholeFiles(config, log)


def run_order(item: pytest.Item) -> int:
    """Where a test goes in the run: 0 the PDFs (the longest job, so a worker starts it first and
    builds the site on the way), 1 the tests that need no site (the other workers run them
    meanwhile), 2 the other tests that read the site, 3 the browser tests."""
    if "pdfs" in item.fixturenames:
        return 0
    if item.get_closest_marker("browser") is not None:
        return 3
    return 2 if "site" in item.fixturenames else 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests in ``run_order`` (xdist hands out scopes in this order: ``--no-loadscope-reorder``
    in pyproject.toml keeps it from putting the largest scopes first)."""
    items.sort(key=run_order)


def built_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("index.html") if "assets" not in p.parts)

"""The xdist scheduling in tests/conftest.py: a file with a long one-off fixture stays whole;
``-n auto`` starts one worker more than the cores."""

from __future__ import annotations

import inspect
import os

from tests.conftest import WHOLE_FILES, scope_of


def test_whole_files_are_one_scope_and_other_tests_their_own() -> None:
    for path in WHOLE_FILES:
        assert scope_of(f"{path}::test_a[en]") == scope_of(f"{path}::test_b") == path
    one, other = "tests/test_pages.py::test_a", "tests/test_pages.py::test_b"
    assert scope_of(one) == one and scope_of(other) == other


def test_the_scheduler_uses_it() -> None:
    """Through xdist's own class: if a release stops asking _split_scope, this fails."""
    from xdist.scheduler import LoadScopeScheduling

    from tests import conftest

    class Config:
        def getvalue(self, name: str) -> str:
            return "load"

        class option:  # noqa: N801 (what xdist reads from a config)
            loadscopereorder = True

    scheduler = conftest.pytest_xdist_make_scheduler(Config(), None)
    assert isinstance(scheduler, LoadScopeScheduling)
    assert scheduler._split_scope("tests/test_pdf.py::test_x[zh]") == "tests/test_pdf.py"
    assert "self._split_scope(" in inspect.getsource(LoadScopeScheduling.schedule)


def test_the_pdfs_start_first_and_the_browser_tests_come_last(pytestconfig) -> None:
    """Under xdist a worker starts the PDFs (building the site on the way) while the others run
    the tests that need no site; the browser tests come last."""
    from types import SimpleNamespace

    from tests.conftest import pytest_collection_modifyitems

    def item(nodeid: str, fixtures: tuple[str, ...], browser: bool = False) -> SimpleNamespace:
        marker = object() if browser else None
        return SimpleNamespace(
            nodeid=nodeid, fixturenames=fixtures, get_closest_marker=lambda name: marker
        )

    items = [
        item("tests/test_quality_browser.py::test_axe", ("browser", "server", "site"), True),
        item("tests/test_pages.py::test_built", ("site",)),
        item("tests/test_pdf.py::test_link_text", ()),
        item("tests/test_pdf.py::test_opens[en]", ("pdfs", "pdf_site", "site")),
        item("tests/test_ci.py::test_run", ()),
    ]
    pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [i.nodeid.split("::")[1] for i in items] == [
        "test_opens[en]",
        "test_link_text",
        "test_run",
        "test_built",
        "test_axe",
    ]
    assert "--no-loadscope-reorder" in pytestconfig.getini("addopts")


def test_auto_is_one_worker_more_than_the_cores(monkeypatch) -> None:
    from tests import conftest

    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert conftest.pytest_xdist_auto_num_workers(None) == 3
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "5")
    assert conftest.pytest_xdist_auto_num_workers(None) == 5

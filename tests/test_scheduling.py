"""The xdist scheduling in tests/conftest.py: a file with a long one-off fixture stays whole."""

from __future__ import annotations

import inspect

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

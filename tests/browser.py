"""Browser helpers shared by the Playwright tests."""

from __future__ import annotations

import re

# The result line once a query has really been searched: a count, or "no results", in either
# language (the theme first shows "type to start" and "initializing" while its worker loads).
SEARCHED = re.compile(r"\d|No matching|没有找到")


def type_search(page, query: str) -> None:
    """Type a query into the header search and wait until the theme has searched it (the
    result count, or "no matching", appears)."""
    box = page.locator("input.md-search__input")
    searched = page.locator(".md-search-result__meta").filter(has_text=SEARCHED)
    box.click()
    box.fill("")
    searched.wait_for(state="detached")  # a query typed before is cleared, not still shown
    # Chinese typed text arrives without key events; press a key like an IME commit would.
    page.keyboard.type(query)
    page.keyboard.press("End")
    searched.wait_for()

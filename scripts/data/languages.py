"""The site's languages, the default (served at the root) first: the one list in the code
(tests/test_config.py holds mkdocs.yml's i18n locales to it; the schemas require a text in each).
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT = LANGUAGES[0]

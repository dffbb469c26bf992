"""The site's languages, the default (served at the root) first: the one list in the code.

mkdocs.yml's i18n plugin lists the same locales for the build (tests/test_config.py reads it
through MkDocs' own loader and fails if the two differ), and the data schemas require a text in
each of them (tests/test_ui.py, tests/test_resources.py).
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT = LANGUAGES[0]

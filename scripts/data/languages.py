"""The site's languages, the default (served at the root) first: the one list in the code
(tests/test_config.py holds mkdocs.yml's i18n locales to it; the schemas require a text in each).
"""

from __future__ import annotations

import re

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT = LANGUAGES[0]

# The Han characters (CJK Unified Ideographs, Extension A and the compatibility ideographs) as a
# range of a regular expression's class, and one of them: what the checks and the search index
# take for Chinese text.
HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

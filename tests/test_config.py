"""mkdocs.yml as MkDocs reads it: what the deploy workflow can set from the environment."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from tests.helpers import ROOT


def test_a_fork_deploys_with_its_own_address_and_repository(monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/fork/")
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/fork")
    monkeypatch.setenv("REPO_NAME", "someone/fork")
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url == "https://someone.github.io/fork/"
    assert config.repo_url == "https://github.com/someone/fork"
    assert config.repo_name == "someone/fork"


@pytest.mark.parametrize("name", ["SITE_URL", "REPO_URL", "REPO_NAME"])
def test_local_builds_have_a_default(monkeypatch, name: str) -> None:
    monkeypatch.delenv(name, raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config[name.lower()]


def test_the_code_and_mkdocs_yml_name_the_same_languages() -> None:
    """scripts/data/languages.py is the code's one list; the i18n plugin needs its own in
    mkdocs.yml.
    The default language comes first in both."""
    from scripts.data.languages import LANGUAGES

    config = load_config(str(ROOT / "mkdocs.yml"))
    languages = sorted(config.plugins["i18n"].config.languages, key=lambda lang: not lang.default)
    assert tuple(lang.locale for lang in languages) == LANGUAGES


def test_the_branch_is_named_once_in_edit_uri() -> None:
    """Generated tables and the translation guide link take the branch from mkdocs.yml's
    edit_uri, like the theme's own edit buttons."""
    from scripts.render import page as page_markers
    from scripts.render import translations

    base = page_markers.edit_base("https://github.com/o/r/", "edit/dev/docs/")
    assert base == "https://github.com/o/r/edit/dev/"
    html = translations.render_marker("zh", "translation-status.md", base)
    assert 'href="https://github.com/o/r/blob/dev/CONTRIBUTING.zh.md#translations"' in html
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert page_markers.edit_base(config.repo_url, config.edit_uri).endswith("/edit/main/")

"""The one MkDocs hooks file: thin calls into scripts/, no logic of its own (what each hook
works around, and what to re-check on an upgrade: scripts/build/theme.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# MkDocs loads this file by its path and puts only scripts/ on sys.path while it runs it (and
# takes it off again), so the project root, where the `scripts` package lives, is added here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build import theme
from scripts.data import markdown_reader, site_data, site_paths
from scripts.exports import open_data
from scripts.exports import site as exports
from scripts.render import cite_page, translations
from scripts.render import page as page_markers

theme.quiet_known_warnings()
_command = {"name": "build"}
_data: list[site_data.SiteData] = []  # what on_config loaded: every page of this build reads it


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command  # "serve" injects an inline live-reload script: no CSP there


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _data[:] = [site_data.load()]  # read again only if a file changed (mkdocs serve)
    problems = site_data.problems(_data[0])
    if problems:
        raise PluginError("Invalid data, nothing was built:\n" + "\n".join(problems))
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    return theme.register(env, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta.update(translations.page_meta(page.file.src_uri))
    try:
        return page_markers.render_page(
            markdown,
            config.theme["language"],
            _data[0],
            page.file.src_uri,
            page_markers.edit_base(config.repo_url or "", config.edit_uri or ""),
            markdown_reader.split_page(page.file.content_string)[2],
            theme.default_language(config),
        )
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    page.meta["cite"] = cite_page.for_page(page, config)
    page.meta["json_ld"] = open_data.page_json_ld(page.file.src_uri, config.theme["language"])
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return theme.strip_indentation(output)


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    if template_name == "404.html":  # rendered before the pages, with the last page's twins
        theme.language_homes(config)
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    lang = config.theme["language"]
    return theme.not_found_page(output, lang, theme.default_language(config), Path(config.site_dir))


@event_priority(-150)  # after mkdocs-static-i18n (-100) has written the mixed index
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and not i18n.building:
        theme.finish_site(
            Path(config.site_dir),
            # the languages built, the default first
            [lang.locale for lang in site_paths.i18n_languages(config) if lang.build],
            serving=_command["name"] == "serve",
        )
        exports.write_site(Path(config.site_dir), config, i18n, theme.default_language(config))

"""The changes of scripts/exports/changes.py as words and links: one Atom feed per language
(``feed.xml`` at the language's root, written with feedgen) and the "What's new" page's list
(the ``<!-- whats-new -->`` marker). Both show the same changes; the feed keeps the newest
``FEED_LIMIT``, the page ``PAGE_LIMIT``.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from feedgen.feed import FeedGenerator

from scripts.data import resources, site_data, ui
from scripts.data.resources import Catalogue
from scripts.data.site_paths import CATALOGUE_PAGE, page_url
from scripts.exports.changes import Change, History
from scripts.render.page import Page
from scripts.render.templates import render_template

FEED_FILE = "feed.xml"
WHATS_NEW = "whats-new.md"

FEED_LIMIT = 50
PAGE_LIMIT = 100


def status_label(value: str, lang: str) -> str:
    try:
        return resources.label("status", value, lang)
    except KeyError:  # a status an older schema had
        return value


def change_text(change: Change, lang: str) -> str:
    """One line saying what changed, in ``lang`` (each kind's text names the fields it shows)."""
    old, new = status_label(change.old, lang), status_label(change.new, lang)
    return ui.text(f"changes.{change.kind}", lang).format(
        name=change.name, page=change.name, item=change.item, old=old, new=new
    )


def change_target(change: Change, catalogue: Catalogue) -> tuple[str, str]:
    """(page, anchor) where a change is seen, inside the language: a page, or the entry's row on
    All resources (under its id of today; the list's top when the entry is gone)."""
    if change.lang:
        return change.subject, ""
    today = catalogue.get(change.subject)
    return CATALOGUE_PAGE, f"#res-{today.id}" if today else ""


def feed_xml(
    history: History, lang: str, site_url: str, site_name: str, default: str, built: dt.date
) -> bytes:
    """The Atom feed of one language, newest change first."""
    root = site_url.rstrip("/") + "/" + ("" if lang == default else f"{lang}/")
    changes = history.for_language(lang)[:FEED_LIMIT]
    catalogue = site_data.load().catalogue
    feed = FeedGenerator()
    feed.id(root + FEED_FILE)
    feed.title(ui.text("changes.feed_title", lang).format(site=site_name))
    feed.author({"name": ui.text("cite.authors", lang)})
    feed.link(href=root + FEED_FILE, rel="self", type="application/atom+xml")
    feed.link(href=root + page_url(WHATS_NEW), rel="alternate", type="text/html", hreflang=lang)
    feed.language(lang)
    feed.rights("CC BY 4.0")
    if history.shallow and history.since:
        feed.subtitle(ui.text("changes.shallow", lang).format(date=history.since[:10]))
    elif not history.available:
        feed.subtitle(ui.text("changes.empty", lang))
    start_of_build = dt.datetime.combine(built, dt.time(), tzinfo=dt.UTC)
    feed.updated(dt.datetime.fromisoformat(changes[0].date) if changes else start_of_build)
    for change in reversed(changes):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(root + page_url(WHATS_NEW) + "#" + change.id)
        entry.title(change_text(change, lang))
        page, anchor = change_target(change, catalogue)
        entry.link(href=root + page_url(page) + anchor, rel="alternate", hreflang=lang)
        entry.published(dt.datetime.fromisoformat(change.date))
        entry.updated(dt.datetime.fromisoformat(change.date))
    return feed.atom_str(pretty=True)


def render_page_list(history: History, p: Page) -> str:
    """The What's new page's list (raw HTML with links relative to the page)."""
    changes = history.for_language(p.lang)[:PAGE_LIMIT]
    return render_template(
        "exports/changes.html",
        days=[(day, list(items)) for day, items in groupby(changes, lambda c: c.date[:10])],
        lang=p.lang,
        page=p.page,
        text=lambda change: change_text(change, p.lang),
        target=lambda change: change_target(change, p.data.catalogue),
        feed="../" * page_url(p.page).count("/") + FEED_FILE,  # at the language's root
        shallow=history.since[:10] if history.shallow else "",
        available=history.available,
    )

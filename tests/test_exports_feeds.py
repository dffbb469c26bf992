"""Changes from the git history, the Atom feeds and the What's new pages
(scripts/exports/changes.py): a throwaway repository for the history logic (including a
shallow clone and no git at all), feedparser for the built feeds."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup

from scripts.data import resources, site_data, ui
from scripts.exports import changes
from scripts.exports import site as exports_site
from scripts.render.page import Page
from tests.conftest import built_pages

ENTRY = """- id: {id}
  name: {name}
  tags:
    status: {status}
"""


def git(repo: Path, *args: str, date: str = "2026-01-01T00:00:00+00:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout


def commit(repo: Path, files: dict[str, str], day: int) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"day {day}", date=f"2026-01-{day:02d}T12:00:00+00:00")


def catalogue(*entries: tuple[str, str, str], extra: str = "") -> str:
    return "".join(ENTRY.format(id=i, name=n, status=s) for i, n, s in entries) + extra


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n"


SINCE = '!!! since "Since the survey"\n\n    - **{}.** Text.\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("history")
    git(repo, "init", "-q", "-b", "main")
    base = "\n".join(f"line {n}" for n in range(100))
    commit(
        repo,
        {
            "data/resources/tools.yaml": catalogue(("a", "A", "active"), ("b", "B", "active")),
            "docs/en/x.md": page("Ex", base),
            "docs/zh/x.md": page("例", base),
        },
        1,
    )
    commit(
        repo,
        {"data/resources/tools.yaml": catalogue(("a", "A", "archived"), ("b", "B", "active"))},
        2,
    )
    commit(
        repo,
        {
            "data/resources/tools.yaml": catalogue(("a", "A", "archived")),
            "data/resources/more.yaml": catalogue(("c", "C", "active")),
        },
        3,
    )
    renamed = "- id: b2\n  name: B two\n  former_ids: [c]\n  tags:\n    status: active\n"
    commit(repo, {"data/resources/more.yaml": renamed}, 4)
    commit(repo, {"data/resources/more.yaml": "- id: [unclosed\n"}, 5)  # a broken version
    commit(repo, {"data/resources/more.yaml": renamed.replace("active", "dead")}, 5)
    commit(repo, {"docs/en/x.md": page("Ex", base + "\n" + SINCE.format("New model (2025)"))}, 6)
    commit(repo, {"docs/en/x.md": page("Ex", base.replace("line 1", "LINE 1"))}, 7)  # small
    commit(repo, {"docs/en/x.md": page("Ex", base.replace("line", "row"))}, 8)  # rewritten
    commit(repo, {"docs/zh/y.md": page("新页", "内容")}, 9)
    return repo


def feed_of(history: changes.History, lang: str, site_name: str) -> bytes:
    """The feed as the build writes it on 2026-02-01, linking into the real catalogue."""
    built = dt.date(2026, 2, 1)
    catalogue = site_data.load().catalogue
    return changes.feed_xml(history, lang, "https://x.org/s/", site_name, "en", built, catalogue)


def page_list(history: changes.History) -> BeautifulSoup:
    """The English What's new list, linking into the real catalogue."""
    data = SimpleNamespace(catalogue=site_data.load().catalogue)
    p = Page("en", data, "en/whats-new.md", "whats-new.md")  # type: ignore[arg-type]
    return BeautifulSoup(changes.render_page_list(history, p), "html.parser")


def kinds(history: changes.History, lang: str) -> list[tuple[str, str, str]]:
    return [(c.date[:10], c.kind, c.subject) for c in history.for_language(lang)]


def test_changes_read_from_the_history(repo: Path) -> None:
    history = changes.read_history(repo)
    assert history.available and not history.shallow
    assert kinds(history, "en") == [
        ("2026-01-08", "revised", "x.md"),
        ("2026-01-06", "since", "x.md"),
        ("2026-01-03", "added", "c"),
        ("2026-01-03", "retired", "b"),
        ("2026-01-02", "status", "a"),
    ]
    assert ("2026-01-09", "new_page", "y.md") in kinds(history, "zh")
    assert ("2026-01-06", "since", "x.md") not in kinds(history, "zh")
    status = next(c for c in history.changes if c.kind == "status")
    assert (status.old, status.new, status.name) == ("active", "archived", "A")
    since = next(c for c in history.changes if c.kind == "since")
    assert since.item == "New model (2025)" and since.name == "Ex"
    # Day 1 is the baseline (no parent): its entries and pages are not "new".
    assert not [c for c in history.changes if c.date.startswith("2026-01-01")]
    # Day 4 renamed c to b2 (former_ids): neither retired nor added. Day 5 broke the file and
    # mended it with b2 "dead": neither side of the broken version is compared, so no change.
    assert not [c for c in history.changes if c.date[:10] in ("2026-01-04", "2026-01-05")]


def test_a_shallow_clone_shows_only_what_it_has(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    history = changes.read_history(clone)
    assert history.shallow and history.since.startswith("2026-01-08")
    assert kinds(history, "zh") == [("2026-01-09", "new_page", "y.md")]
    xml = feed_of(history, "en", "Site")
    feed = feedparser.parse(xml)
    assert "2026-01-08" in feed.feed.subtitle
    assert feed.entries == []


def test_a_new_commit_is_seen_by_history_and_read_history(repo: Path, tmp_path: Path) -> None:
    """``history`` is cached per HEAD, so a new commit is read; ``read_history`` is never cached."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{repo}", str(clone)], check=True)
    before = len(changes.history(clone).changes)
    assert len(changes.read_history(clone).changes) == before
    commit(clone, {"docs/zh/z.md": page("又一页", "内容")}, 10)
    assert len(changes.history(clone).changes) == before + 1
    assert len(changes.read_history(clone).changes) == before + 1


def test_without_git_there_are_no_changes_and_the_feed_is_valid(tmp_path: Path) -> None:
    history = changes.read_history(tmp_path)
    assert not history.available and history.changes == ()
    xml = feed_of(history, "zh", "站")
    feed = feedparser.parse(xml)
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated.startswith("2026-02-01")
    assert feed.feed.subtitle == ui.text("changes.empty", "zh")


def test_feed_entries_link_where_the_change_is_seen(repo: Path) -> None:
    history = changes.read_history(repo)
    feed = feedparser.parse(feed_of(history, "zh", "站"))
    links = {e.title: e.link for e in feed.entries}
    assert links[ui.text("changes.new_page", "zh").format(page="新页")] == "https://x.org/s/zh/y/"
    status = ui.text("changes.status", "zh").format(name="A", old="活跃", new="已归档")
    # "a" is no entry of today's catalogue: the link goes to the list, not to a missing row.
    assert links[status] == "https://x.org/s/zh/resources/all/"


def test_catalogue_links_follow_renamed_ids() -> None:
    entry = replace(site_data.load().catalogue.entries[0], id="new-id", former_ids=("old-id",))
    catalogue = resources.Catalogue(entries=(entry,), problems=())
    added = changes.Change("2026-01-01T00:00:00+00:00", "0" * 40, "added", "old-id", "X")
    assert changes.change_target(added, catalogue) == ("resources/all.md", "#res-new-id")
    gone = changes.Change("2026-01-01T00:00:00+00:00", "0" * 40, "retired", "gone", "Y")
    assert changes.change_target(gone, catalogue) == ("resources/all.md", "")


# --- The built site ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_built_feed_parses_with_dates_language_and_links(site: dict, lang: str) -> None:
    root = site["base"] + ("" if lang == "en" else "zh/")
    path = site["dir"] / ("" if lang == "en" else "zh") / "feed.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": root + "feed.xml",
        "alternate": root + "whats-new/",
    }
    # The build's own history (a shallow CI clone may have nothing to list).
    expected = changes.history().for_language(lang)[: changes.FEED_LIMIT]
    assert [e.id.rsplit("#", 1)[1] for e in feed.entries] == [c.id for c in expected]
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert entry.link.startswith(root), entry.link
        target = site["dir"] / entry.link.removeprefix(site["base"]).split("#")[0]
        assert (target / "index.html").is_file(), entry.link
    if lang == "zh":
        assert any("资源目录" in e.title or "页" in e.title for e in feed.entries)


def test_every_page_advertises_its_language_feed(site: dict) -> None:
    for path in built_pages(site["dir"]):
        lang = "zh" if path.relative_to(site["dir"]).parts[0] == "zh" else "en"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        (link,) = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        assert link["hreflang"] == lang, path
        target = (path.parent / link["href"]).resolve()
        assert target == site["dir"] / ("zh/" if lang == "zh" else "") / "feed.xml", path


@pytest.mark.parametrize("lang_dir", ["", "zh/"])
def test_whats_new_page_lists_the_changes_and_links_the_feed(site: dict, lang_dir: str) -> None:
    page = site["dir"] / f"{lang_dir}whats-new" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    lang = "zh" if lang_dir else "en"
    items = soup.select(".whats-new li")
    assert len(items) == len(changes.history().for_language(lang)[: changes.PAGE_LIMIT])
    for link in soup.select(".whats-new li a"):
        assert (page.parent / link["href"].split("#")[0] / "index.html").resolve().is_file()
    feed = soup.select_one(".whats-new__feed a")
    assert (page.parent / feed["href"]).resolve() == (site["dir"] / lang_dir / "feed.xml")


# --- Small histories, one per case -------------------------------------------------------------


def history_of(tmp_path: Path, *versions: dict[str, str]) -> changes.History:
    """The history of a new repository whose commits write ``versions``, one a day."""
    git(tmp_path, "init", "-q", "-b", "main")
    for day, files in enumerate(versions, start=1):
        commit(tmp_path, files, day)
    return changes.read_history(tmp_path)


def test_a_redated_since_item_is_not_new(tmp_path: Path) -> None:
    def box(*titles: str) -> str:
        return page("Ex", "".join(SINCE.format(t) for t in titles))

    history = history_of(
        tmp_path,
        {"docs/en/x.md": box("Potentials (2023–2024)")},
        {"docs/en/x.md": box("Potentials (2023–2025)")},  # re-dated only
        {"docs/en/x.md": box("Potentials (2023–2025)", "Models（2025）")},
    )
    assert [(c.kind, c.item) for c in history.changes] == [("since", "Models（2025）")]


def test_a_page_moved_to_a_file_of_the_same_url_is_not_new(tmp_path: Path) -> None:
    body = "\n".join(f"line {n}" for n in range(100)) + "\n" + SINCE.format("Kept (2024)")
    history_of(tmp_path, {"docs/en/fields/index.md": page("Fields", body)})
    git(tmp_path, "mv", "docs/en/fields/index.md", "docs/en/fields.md")  # the URL stays fields/
    commit(tmp_path, {"docs/en/fields.md": page("Fields", body.replace("line 1", "LINE 1"))}, 2)
    history = changes.read_history(tmp_path)
    # day 2: no new page, no new item, not revised (one line changed, not the whole file)
    assert kinds(history, "en") == []


def test_a_version_whose_front_matter_does_not_read_is_named_by_todays_title(
    tmp_path: Path,
) -> None:
    """An unquoted ': ' made one version's front matter invalid YAML, which MkDocs drops whole:
    the change is named by the page's title of today, not by its file name."""
    history_of(tmp_path, {"docs/en/x.md": page("X", "x")})
    broken = "---\ntitle: Medicine\ndescription: Where to start: radiology\n---\n\nBody.\n"
    commit(tmp_path, {"docs/en/m.md": broken}, 2)
    commit(tmp_path, {"docs/en/m.md": page("Medicine and imaging", "Body.")}, 3)
    history = changes.read_history(tmp_path)
    assert [(c.kind, c.name) for c in history.for_language("en")] == [
        ("new_page", "Medicine and imaging")
    ]


def test_a_new_page_that_only_shares_layout_with_a_deleted_one_is_new(tmp_path: Path) -> None:
    """Blank lines and front matter made two unrelated pages half the same (the real
    translation-status and whats-new pages scored 0.50): a new page, not a move."""

    def short(title: str, marker: str) -> str:
        front = f"---\ntitle: {title}\ndescription: About {title}.\nhide:\n  - toc\n---\n\n"
        return front + f"\n\nIntro of {title}.\n\n\n\n<!-- {marker} -->\n\n\n"

    history_of(tmp_path, {"docs/en/x.md": page("X", "x")})
    commit(tmp_path, {"docs/en/status.md": short("Status", "translation-status")}, 2)
    git(tmp_path, "rm", "-q", "docs/en/status.md")
    commit(tmp_path, {"docs/en/news.md": short("News", "whats-new")}, 3)
    assert changes.similarity(short("Status", "a"), short("News", "b")) == 0
    history = changes.read_history(tmp_path)
    assert kinds(history, "en") == [
        ("2026-01-03", "new_page", "news.md"),
        ("2026-01-02", "new_page", "status.md"),
    ]
    assert [c.page for c in history.for_language("en")] == ["news.md", ""]


def test_a_renamed_page_is_not_new_and_a_deleted_one_is_not_linked(tmp_path: Path) -> None:
    body = "\n".join(f"line {n}" for n in range(100)) + "\n" + SINCE.format("Kept (2024)")
    history_of(tmp_path, {"docs/en/x.md": page("X", "x")})
    commit(tmp_path, {"docs/en/a.md": page("A", body), "docs/en/b.md": page("B", "b")}, 2)
    git(tmp_path, "mv", "docs/en/a.md", "docs/en/renamed.md")  # another URL, the same page
    git(tmp_path, "rm", "-q", "docs/en/b.md")
    commit(tmp_path, {"docs/en/renamed.md": page("A", body.replace("line 1", "LINE 1"))}, 3)
    history = changes.read_history(tmp_path)
    # day 3 announces nothing; day 2's changes are seen where their page is today, or nowhere
    assert kinds(history, "en") == [
        ("2026-01-02", "since", "a.md"),
        ("2026-01-02", "new_page", "a.md"),
        ("2026-01-02", "new_page", "b.md"),
    ]
    catalogue = site_data.load().catalogue
    assert [changes.change_target(c, catalogue) for c in history.changes] == [
        ("renamed.md", ""),
        ("renamed.md", ""),
        ("", ""),
    ]
    # the feed links a gone page's change to its entry on What's new; the page shows it unlinked
    feed = feedparser.parse(feed_of(history, "en", "Site"))
    assert not feed.bozo
    assert [e.link for e in feed.entries][1:] == [
        "https://x.org/s/renamed/",
        f"https://x.org/s/whats-new/#{history.changes[2].id}",
    ]
    items = page_list(history).select("li")
    assert [li.a["href"] if li.a else li.text for li in items][1:] == ["../renamed/", "New page: B"]


def test_changes_are_sorted_by_time_not_by_how_their_dates_read(tmp_path: Path) -> None:
    history_of(tmp_path, {"docs/en/a.md": page("A", "a")})
    for name, date in [("b", "2026-01-02T01:00:00+05:00"), ("c", "2026-01-01T22:00:00+00:00")]:
        (tmp_path / f"docs/en/{name}.md").write_text(page(name, name), encoding="utf-8")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-qm", name, date=date)  # c is the newer: 20:00 < 22:00 UTC
    history = changes.read_history(tmp_path)
    assert [c.subject for c in history.changes] == ["c.md", "b.md"]
    feed = feedparser.parse(feed_of(history, "en", "Site"))
    assert (
        feed.feed.updated_parsed
        == feed.entries[0].updated_parsed
        == (2026, 1, 1, 22, 0, 0, 3, 1, 0)
    )


def test_since_item_titles_lose_their_full_stop_in_either_language() -> None:
    text = page("例", SINCE.format("New model (2025)") + "    - **新模型（2025 年）。** 正文。\n")
    assert changes.since_items(text) == ["New model (2025)", "新模型（2025 年）"]


def test_a_status_change_is_seen_when_the_entry_is_renamed_in_the_same_commit(
    tmp_path: Path,
) -> None:
    renamed = "- id: b\n  name: B\n  former_ids: [a]\n  tags:\n    status: archived\n"
    history = history_of(
        tmp_path,
        {"data/resources/tools.yaml": catalogue(("a", "A", "active"))},
        {"data/resources/tools.yaml": renamed},
    )
    assert [(c.kind, c.subject, c.old, c.new) for c in history.changes] == [
        ("status", "b", "active", "archived")
    ]


def test_an_entry_given_a_status_it_lacked_is_no_status_change(tmp_path: Path) -> None:
    history = history_of(
        tmp_path,
        {"data/resources/tools.yaml": "- id: a\n  name: A\n"},
        {"data/resources/tools.yaml": catalogue(("a", "A", "active"))},
    )
    assert history.changes == ()


def test_a_commit_with_a_broken_catalogue_file_compares_none_of_its_files(tmp_path: Path) -> None:
    """Entry a moves from tools.yaml to more.yaml in a commit that also breaks tools.yaml: with
    one side unreadable, a would look added."""
    history = history_of(
        tmp_path,
        {
            "data/resources/tools.yaml": catalogue(("a", "A", "active")),
            "data/resources/more.yaml": catalogue(("b", "B", "active")),
        },
        {
            "data/resources/tools.yaml": "- id: [unclosed\n",
            "data/resources/more.yaml": catalogue(("a", "A", "active"), ("b", "B", "active")),
        },
    )
    assert history.changes == ()


def test_a_small_share_of_a_long_page_is_not_a_revision(tmp_path: Path) -> None:
    """40 changed lines reach REVISED_MIN_LINES, but not REVISED_SHARE of 1000 lines."""
    body = "\n".join(f"line {n}" for n in range(1000))
    edited = "\n".join(f"line {n}" + (" edited" if n < 20 else "") for n in range(1000))
    history = history_of(
        tmp_path, {"docs/en/x.md": page("X", body)}, {"docs/en/x.md": page("X", edited)}
    )
    assert history.changes == ()


def test_a_shallow_clone_dates_its_baseline_on_the_first_parent_line(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    history_of(repo, {"docs/en/a.md": page("A", "a")}, {"docs/en/b.md": page("B", "b")})
    git(repo, "checkout", "-q", "-b", "side", "HEAD~1")
    commit(repo, {"docs/en/c.md": page("C", "c")}, 5)  # newer than main's day 2
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-01-06T12:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    history = changes.read_history(clone)
    assert history.shallow and history.since.startswith("2026-01-02")  # not side's 2026-01-05
    assert kinds(history, "en") == [("2026-01-06", "new_page", "c.md")]


def test_the_changes_command_names_the_languages_for_an_unknown_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        exports_site.main(["changes", "--lang", "fr"])
    assert stop.value.code == 2
    assert "invalid choice: 'fr' (choose from 'en', 'zh')" in capsys.readouterr().err


def test_a_chinese_item_keeps_the_id_it_had_with_its_full_stop() -> None:
    """Titles lost their closing '。' in the feed; their ids did not change, so a reader is not
    shown 88 Chinese items again."""
    import hashlib

    from scripts.exports.changes import Change

    item = Change(
        "2026-01-01T00:00:00+00:00", "a" * 40, "since", "x.md", "X", "zh", item="标题（2021 年）"
    )
    digest = hashlib.sha1("x.md\n标题（2021 年）。".encode()).hexdigest()[:10]
    assert item.id == f"c-{'a' * 12}-since-{digest}"
    english = Change(
        "2026-01-01T00:00:00+00:00", "a" * 40, "since", "x.md", "X", "en", item="T (2021)"
    )
    assert english.id.endswith(hashlib.sha1(b"x.md\nT (2021)").hexdigest()[:10])


def test_what_s_new_groups_by_the_utc_day(tmp_path: Path) -> None:
    history_of(tmp_path, {"docs/en/a.md": page("A", "a")})
    dates = ["2024-01-02T00:30:00+08:00", "2024-01-01T18:00:00+00:00", "2024-01-02T03:00:00+08:00"]
    for name, date in zip("bcd", dates, strict=True):
        (tmp_path / f"docs/en/{name}.md").write_text(page(name, name), encoding="utf-8")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-qm", name, date=date)
    days = page_list(changes.read_history(tmp_path)).select("h3")
    # newest first: d (2024-01-01 19:00 UTC), c (18:00), b (16:30): one day, one id
    assert [(h["id"], len(h.find_next("ul").select("li"))) for h in days] == [("day-2024-01-01", 3)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: 'It''s new'\n---\n\n# H\n", "It's new"),
        ('---\ntitle: "Say \\"hi\\""\n---\n', 'Say "hi"'),
        ("---\ntitle: >-\n  Folded\n  title\n---\n", "Folded title"),
        ("---\ndescription: d\n---\n\n# The heading { #h }\n", "The heading"),
        ("```\n# not a heading\n```\n\n# Heading\n", "Heading"),
        ("No title at all.\n", "x.md"),
    ],
)
def test_a_page_title_is_read_as_mkdocs_reads_it(text: str, title: str) -> None:
    assert changes.page_title(text, "x.md") == title

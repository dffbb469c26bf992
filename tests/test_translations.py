"""scripts/render/translations.py: source hashes, page states, the update command, the status page
and the outdated banner (in a throwaway copy of the project)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.render import translations
from tests.helpers import DRAFT

ROOT = Path(__file__).resolve().parent.parent

PAGE = "---\ntitle: 关于\ndescription: 说明。\n---\n\n正文第一段。\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write(tmp_path / "en/about.md", "---\ntitle: About\n---\n\nFirst paragraph.\n")
    write(tmp_path / "en/guide/index.md", "---\ntitle: Guide\n---\n\nText.\n")
    write(tmp_path / "en/new.md", "---\ntitle: New\n---\n\nNot translated yet.\n")
    write(tmp_path / "zh/about.md", PAGE)
    write(tmp_path / "zh/guide/index.md", "---\ntitle: 指南\n---\n\n正文。\n")
    return tmp_path


def states(docs: Path) -> dict[str, str]:
    return {s.page: s.state for s in translations.status(docs)}


# --- Front matter -------------------------------------------------------------------------------


def test_update_adds_the_source_and_keeps_every_other_byte() -> None:
    new = translations.with_source(PAGE, "0123456789ab", "2026-01-02")
    assert new == (
        "---\ntitle: 关于\ndescription: 说明。\n"
        'source_hash: "0123456789ab"\nsource_date: "2026-01-02"\n---\n\n正文第一段。\n'
    )
    again = translations.with_source(new, "ffffffffffff", "2026-02-03")
    assert again == new.replace("0123456789ab", "ffffffffffff").replace("01-02", "02-03")
    assert translations.recorded(again) == {
        "title": "关于",
        "source_hash": "ffffffffffff",
        "source_date": "2026-02-03",
    }


def test_front_matter_is_read_as_yaml() -> None:
    """Single quotes, no quotes, comments: as MkDocs reads front matter (no regex of its own)."""
    page = "---\ntitle: 关于\nsource_hash: '3f2a9c0d1e4b'  # hand\nsource_date: 2026-01-02\n---\n"
    assert translations.recorded(page) == {
        "title": "关于",
        "source_hash": "3f2a9c0d1e4b",
        "source_date": "2026-01-02",
    }


def test_update_keeps_windows_line_endings() -> None:
    page = PAGE.replace("\n", "\r\n")
    new = translations.with_source(page, "0123456789ab", "2026-01-02")
    assert new.startswith(page[: page.index("---\r\n\r\n", 3)])
    assert 'source_hash: "0123456789ab"\r\n' in new and "\n" not in new.replace("\r\n", "")


def test_page_without_front_matter_is_refused() -> None:
    with pytest.raises(ValueError):
        translations.with_source("正文。\n", "0123456789ab", "2026-01-02")


def test_hash_is_of_the_english_bytes(tmp_path: Path) -> None:
    page = write(tmp_path / "a.md", "abc")
    assert translations.source_hash(page) == "ba7816bf8f01"  # sha256("abc")


@pytest.mark.parametrize(
    "given", ["about.md", "docs/zh/about.md", "docs/en/about.md", "zh/about.md"]
)
def test_page_names_are_accepted_in_any_form(given: str) -> None:
    assert translations.normalise(given) == "about.md"


def test_update_takes_an_absolute_path_and_refuses_one_outside_docs(docs: Path, capsys) -> None:
    """A shell's tab completion or $PWD gives the absolute path: it names the same page."""
    assert translations.main(["--docs", str(docs), "update", str(docs / "zh/about.md")]) == 0
    assert capsys.readouterr().out == "updated docs/zh/about.md\n"
    assert states(docs)["about.md"] == "translated"
    outside = str(docs.parent / "about.md")
    assert translations.main(["--docs", str(docs), "update", outside]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"{outside}: not a page under {docs}"


# --- States and the CLI -------------------------------------------------------------------------


def test_states_translated_outdated_missing(docs: Path) -> None:
    assert states(docs) == {
        "about.md": "outdated",
        "guide/index.md": "outdated",
        "new.md": "missing",
    }
    assert translations.update(docs, ["about.md"]) == ["about.md"]
    assert states(docs)["about.md"] == "translated"
    write(docs / "en/about.md", "---\ntitle: About\n---\n\nFirst paragraph, now longer.\n")
    assert states(docs)["about.md"] == "outdated"


def test_update_without_pages_refuses_and_all_records_every_translation(docs: Path) -> None:
    """One command must not silently mark every outdated translation current: --all does."""
    with pytest.raises(ValueError, match="or --all"):
        translations.update(docs)
    assert translations.main(["--docs", str(docs), "update"]) == 1
    assert states(docs)["about.md"] == "outdated"
    assert sorted(translations.update(docs, every=True)) == ["about.md", "guide/index.md"]
    assert translations.update(docs, every=True) == []  # nothing left to change
    assert states(docs) == {
        "about.md": "translated",
        "guide/index.md": "translated",
        "new.md": "missing",
    }


def test_check_fails_on_outdated_missing_and_orphan_pages(docs: Path, capsys) -> None:
    write(docs / "zh/old.md", PAGE)
    assert translations.main(["--docs", str(docs), "check"]) == 1
    out = capsys.readouterr().out
    assert "docs/zh/about.md:1: source_hash: no source recorded; update the translation" in out
    assert "docs/zh/new.md:1: source_hash: missing: translate docs/en/new.md" in out
    assert "docs/zh/old.md:1: file: no English page docs/en/old.md" in out
    (docs / "zh/old.md").unlink()
    translations.main(["--docs", str(docs), "update", "--all"])
    write(docs / "zh/new.md", PAGE)
    translations.main(["--docs", str(docs), "update", "docs/zh/new.md"])
    assert translations.main(["--docs", str(docs), "check"]) == 0


def test_an_outdated_page_without_a_recorded_date_is_worded_without_it(docs: Path, capsys) -> None:
    write(
        docs / "zh/about.md",
        PAGE.replace("title: 关于", 'title: 关于\nsource_hash: "0123456789ab"'),
    )
    assert translations.main(["--docs", str(docs), "check"]) == 1
    out = capsys.readouterr().out
    assert "docs/zh/about.md:1: source_hash: the English page changed; update the" in out
    assert "None" not in out


def test_status_prints_every_page(docs: Path, capsys) -> None:
    assert translations.main(["--docs", str(docs), "status"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^new\.md\s+missing", out, re.M)
    assert re.search(r"^guide/index\.md\s+outdated", out, re.M)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_status_of_touched_pages_as_a_markdown_summary(docs: Path, capsys) -> None:
    """What a pull request's job summary shows: only the pages the change touches."""
    _git(docs, "init", "-q", "-b", "main")
    translations.main(["--docs", str(docs), "update", "about.md"])
    _git(docs, "add", "-A")
    _git(docs, "commit", "-qm", "base")
    _git(docs, "checkout", "-qb", "change")
    write(docs / "en/about.md", "---\ntitle: About\n---\n\nChanged paragraph.\n")
    write(docs / "en/new.md", "---\ntitle: New\n---\n\nStill not translated.\n")
    capsys.readouterr()
    code = translations.main(
        ["--docs", str(docs), "status", "--changed-since", "main", "--markdown"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "| `about.md` | outdated | update docs/zh/about.md" in out
    assert "| `new.md` | missing |" in out
    assert "guide/index.md" not in out  # untouched


def test_status_changed_since_an_unknown_ref_fails(docs: Path, capsys) -> None:
    _git(docs, "init", "-q")
    assert translations.main(["--docs", str(docs), "status", "--changed-since", "nope"]) == 2
    assert "git cannot compare with 'nope'" in capsys.readouterr().err


def test_update_refuses_a_page_without_translation(docs: Path) -> None:
    with pytest.raises(ValueError, match="no Chinese page"):
        translations.update(docs, ["new.md"])


def test_update_keeps_the_line_endings_of_a_windows_file(docs: Path) -> None:
    """CONTRIBUTING: update writes the two fields and changes nothing else."""
    page = docs / "zh/about.md"
    page.write_bytes(PAGE.replace("\n", "\r\n").encode("utf-8"))
    assert translations.update(docs, ["about.md"]) == ["about.md"]
    raw = page.read_bytes()
    assert b'source_hash: "' in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.endswith("正文第一段。\r\n".encode())
    assert states(docs)["about.md"] == "translated"


def test_a_page_saved_with_a_bom_is_read_and_updated_as_mkdocs_reads_it(docs: Path, capsys) -> None:
    """Some Windows editors save UTF-8 with a byte order mark; MkDocs reads it (utf-8-sig)."""
    page = docs / "zh/about.md"
    page.write_bytes(b"\xef\xbb\xbf" + PAGE.encode("utf-8"))
    assert translations.main(["--docs", str(docs), "check"]) == 1
    assert "docs/zh/about.md:1: source_hash: no source recorded" in capsys.readouterr().out
    assert translations.update(docs, ["about.md"]) == ["about.md"]
    raw = page.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\ntitle: ")  # the BOM stays, nothing else moves
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert states(docs)["about.md"] == "translated"
    assert translations.update(docs, ["about.md"]) == []
    assert translations.status(docs)[0].title_zh == "关于"


def test_a_page_that_is_not_utf8_is_one_problem_not_a_traceback(docs: Path, capsys) -> None:
    """As every other check reports it; update refuses the page the same way."""
    (docs / "zh/about.md").write_bytes(PAGE.encode("utf-8") + b"\xff\n")
    (docs / "en/guide/index.md").write_bytes(b"---\ntitle: Guide\n---\n\xfe\n")
    assert translations.main(["--docs", str(docs), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "docs/zh/about.md:7: file: not UTF-8 text (byte 0xff); save it as UTF-8" in out
    assert "docs/en/guide/index.md:4: file: not UTF-8 text (byte 0xfe); save it as UTF-8" in out
    assert not [
        line
        for line in out
        if line.startswith(
            ("docs/zh/about.md:1: source_hash", "docs/zh/guide/index.md:1: source_hash")
        )
    ]
    assert translations.main(["--docs", str(docs), "update", "about.md"]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith("docs/zh/about.md:7: file: not UTF-8")


def test_page_meta_only_for_chinese_pages(docs: Path) -> None:
    assert translations.page_meta("en/about.md", docs) == {}
    meta = translations.page_meta("zh/about.md", docs)["translation"]
    assert meta["state"] == "outdated" and meta["source_date"] == ""


# --- The real site ------------------------------------------------------------------------------


def test_every_chinese_page_follows_its_english_page() -> None:
    stale = {s.page: s.state for s in translations.status() if s.state != "translated"}
    assert not stale, f"{stale}: translate, then run 'python -m scripts translations update <page>'"
    assert translations.orphans() == []


def test_status_pages_exist_in_both_languages() -> None:
    for lang in ("en", "zh"):
        text = (ROOT / "docs" / lang / "translation-status.md").read_text(encoding="utf-8")
        assert "<!-- translation-status -->" in text


# --- The whole cycle in a copy: edit English -> outdated + banner -> update -> current ----------


def built(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_outdated_banner_and_status_page_follow_the_english_source(
    variant: dict, tmp_path: Path
) -> None:
    """The variant build (tests/helpers.py): its English about page changed after every
    translation was marked current."""
    site = variant["dir"]
    zh_about = built(site, "zh/about")
    assert 'data-translation="outdated"' in zh_about
    assert '<a href="../../about/" hreflang="en" lang="en">' in zh_about
    assert 'data-translation="outdated"' not in built(site, "zh/introduction")
    assert 'data-translation="outdated"' not in built(site, "about")
    docs = variant["project"] / "docs"
    for status_page in ("translation-status", "zh/translation-status"):
        html = built(site, status_page)
        assert 'data-page="about.md" data-state="outdated"' in html
        assert 'data-page="introduction.md" data-state="translated"' in html
        # Every page of the site has a row.
        rows = set(re.findall(r'data-page="([^"]+)"', html))
        assert rows == set(translations.pages(docs))

    project = tmp_path / "project"  # the update writes: on a copy of the variant's sources
    shutil.copytree(variant["project"], project)
    (project / "docs" / "en" / DRAFT).unlink()  # the untranslated page is another test's
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "translations", "update", "about.md"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "updated docs/zh/about.md" in result.stdout
    # The build above shows that the banner and the status rows follow each page's state; after
    # the update the state is "translated" again (a second whole-site build would show no more).
    check = subprocess.run(
        [sys.executable, "-m", "scripts", "translations", "check"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    after = translations.page_meta("zh/about.md", project / "docs")
    assert after["translation"]["state"] == "translated"

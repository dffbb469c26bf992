"""scripts/render/resource_links.py: res:<id> links at build time, and the raw-link lint (--fix)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.data import resources
from scripts.data.resources import Catalogue, Resource
from scripts.render import resource_links
from tests.helpers import make_resource

ROOT = Path(__file__).resolve().parent.parent


def make(id: str, url: str, **changes: object) -> Resource:  # noqa: A002
    return make_resource(id, url=url, name=id.title(), **changes)


CATALOGUE = Catalogue(
    entries=(
        make("cellpose", "https://github.com/MouseLand/cellpose"),
        make(
            "torchvision-models",
            "https://docs.pytorch.org/vision/stable/models.html",
            survey_url="https://pytorch.org/docs/stable/torchvision/models.html",
            former_urls=("https://pytorch.org/vision/stable/models.html",),
        ),
        make("gone", "https://gone.example.org/", status="dead", former_ids=("old-gone",)),
    ),
    problems=(),
)


# --- Build ---------------------------------------------------------------------------------


def render(text: str, page: str = "models-and-tasks.md") -> str:
    return resource_links.render(text, CATALOGUE, page, f"docs/en/{page}")


def test_inline_and_reference_links_get_the_current_url() -> None:
    text = (
        'See [Cellpose](res:cellpose "segmentation") and [the models][tv].\n\n'
        "[tv]: res:torchvision-models\n"
    )
    assert render(text) == (
        'See [Cellpose](https://github.com/MouseLand/cellpose "segmentation") and '
        "[the models][tv].\n\n[tv]: https://docs.pytorch.org/vision/stable/models.html\n"
    )


def test_dead_entries_link_to_their_catalogue_row_and_former_ids_resolve() -> None:
    assert render("[x](res:gone)\n") == "[x](resources/all.md#res-gone)\n"
    assert render("[x](res:old-gone)\n", "resources/index.md") == "[x](all.md#res-gone)\n"


def test_code_is_left_alone() -> None:
    text = "Write `[Cellpose](res:cellpose)` like this:\n\n```md\n[x](res:nothing)\n```\n"
    assert render(text) == text


def test_unknown_id_stops_the_build_with_its_place() -> None:
    with pytest.raises(ValueError, match=r"^docs/en/x\.md:3: unknown resource id 'nope'$"):
        render("One.\n\nSee [it](res:nope).\n", "x.md")


def test_a_fragment_is_kept_and_an_unread_res_link_stops_the_build() -> None:
    text = "[a](res:cellpose#install) [b](<res:gone#x>)\n\n[c]: res:cellpose#usage 'T'\n"
    assert render(text) == (
        "[a](https://github.com/MouseLand/cellpose#install) [b](resources/all.md#res-gone)\n\n"
        "[c]: https://github.com/MouseLand/cellpose#usage 'T'\n"
    )
    with pytest.raises(ValueError, match=r"^docs/en/x\.md:2: unknown resource id 'nope'$"):
        render("One.\n[it](res:nope#install).\n", "x.md")
    for line in ("[it](res:cell pose)", "[it](res: cellpose #x)", "[it](res:cellpose extra)"):
        with pytest.raises(ValueError, match=r"^docs/en/x\.md:1: cannot read the res: link; "):
            render(f"{line}\n", "x.md")
    assert "res:" not in render("[a](res:cellpose#install)\n")


def test_the_check_finds_what_the_build_rejects() -> None:
    text = "[a](res:nope#x)\n[b](res:cell pose)\n`[c](res:nope)`\n\n[r]: res:nada#y\n"
    assert lint(text)[1] == [
        "docs/en/x.md:1: unknown resource id 'nope'",
        "docs/en/x.md:2: cannot read the res: link; write [text](res:id), "
        "[text](res:id#fragment) or [label]: res:id",
        "docs/en/x.md:5: unknown resource id 'nada'",
    ]


def test_errors_name_the_line_in_the_file_after_front_matter() -> None:
    text = "One.\n\nSee [it](res:nope).\n"
    with pytest.raises(ValueError, match=r"^docs/en/x\.md:14: unknown resource id 'nope'$"):
        resource_links.render(text, CATALOGUE, "x.md", "docs/en/x.md", first_line=12)
    # Only "\n" ends a line, as in every other reader (not U+2028 or a form feed).
    with pytest.raises(ValueError, match=r"^docs/en/x\.md:2: unknown resource id 'nope'$"):
        render("One\u2028two\x0c.\nSee [it](res:nope).\n", "x.md")


def test_the_real_pages_build_with_res_links() -> None:
    """The resources pages use res: ids, and the built page has the entry's address."""
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    page = (ROOT / "docs/en/resources/index.md").read_text(encoding="utf-8")
    assert "](res:hugging-face-transformers)" in page
    out = resource_links.render(page, catalogue, "resources/index.md", "docs/en/resources/index.md")
    assert "(https://github.com/huggingface/transformers)" in out
    assert "](res:" not in out


# --- Lint ----------------------------------------------------------------------------------


def lint(text: str, fix: bool = False) -> tuple[str, list[str]]:
    new, found = resource_links.check_text(text, "docs/en/x.md", CATALOGUE, fix=fix)
    return new, [str(finding) for finding in found]


PAGE = """\
Current [Cellpose](https://github.com/MouseLand/cellpose/) and
old <http://pytorch.org/docs/stable/torchvision/models.html>, and a deep link
[kept](https://github.com/MouseLand/cellpose#install), `[code](https://github.com/MouseLand/cellpose)`.

[tv]: https://pytorch.org/vision/stable/models.html
<a href="https://github.com/MouseLand/cellpose">html</a> and [bad](res:missing)
"""


def test_raw_links_to_catalogued_addresses_are_reported() -> None:
    new, found = lint(PAGE)
    assert new == PAGE
    assert found == [
        "docs/en/x.md:1: https://github.com/MouseLand/cellpose/ is the address of catalogue entry "
        "'cellpose'; write ](res:cellpose) instead",
        "docs/en/x.md:2: http://pytorch.org/docs/stable/torchvision/models.html is the address of "
        "catalogue entry 'torchvision-models'; write [Torchvision-Models](res:torchvision-models) "
        "instead",
        # Part of a catalogued page: the fragment stays (res:id#fragment; a review).
        "docs/en/x.md:3: https://github.com/MouseLand/cellpose#install is the address of catalogue "
        "entry 'cellpose'; write ](res:cellpose#install) instead",
        "docs/en/x.md:5: https://pytorch.org/vision/stable/models.html is the address of catalogue "
        "entry 'torchvision-models'; write res:torchvision-models instead",
        "docs/en/x.md:6: https://github.com/MouseLand/cellpose is the address of catalogue entry "
        "'cellpose'; use a Markdown link to res:cellpose instead",
        "docs/en/x.md:6: unknown resource id 'missing'",
    ]


def test_fix_rewrites_markdown_links_and_leaves_the_rest() -> None:
    new, found = lint(PAGE, fix=True)
    assert new.splitlines()[:5] == [
        "Current [Cellpose](res:cellpose) and",
        "old [Torchvision-Models](res:torchvision-models), and a deep link",
        "[kept](res:cellpose#install), `[code](https://github.com/MouseLand/cellpose)`.",
        "",
        "[tv]: res:torchvision-models",
    ]
    assert [line.split(": ", 1)[1] for line in found] == [
        "https://github.com/MouseLand/cellpose is the address of catalogue entry 'cellpose'; "
        "use a Markdown link to res:cellpose instead",
        "unknown resource id 'missing'",
    ]
    assert render(new.split("<a ")[0])  # the rewritten links build


def test_links_with_single_quoted_or_parenthesised_titles_are_read_too() -> None:
    """CommonMark's three title forms: a link with 'T' or (T) escaped the lint and --fix."""
    url = "https://github.com/MouseLand/cellpose"
    text = f"[a]({url} 'T')\n[b]({url} (T))\n"
    new, found = lint(text, fix=True)
    assert new == "[a](res:cellpose 'T')\n[b](res:cellpose (T))\n"
    assert found == []
    assert render(new) == text  # the build reads what --fix wrote


def test_cli_check_and_fix(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("See [the survey](https://arxiv.org/abs/2003.11755).\n", encoding="utf-8")
    command = [sys.executable, "-m", "scripts", "resource-links", "check"]
    found = subprocess.run([*command, str(page)], capture_output=True, text=True, cwd=ROOT)
    assert found.returncode == 1
    assert "entry 'raghu-schmidt-survey'; write ](res:raghu-schmidt-survey) instead" in found.stdout
    fixed = subprocess.run([*command, "--fix", str(page)], capture_output=True, text=True, cwd=ROOT)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert page.read_text(encoding="utf-8") == "See [the survey](res:raghu-schmidt-survey).\n"


def test_a_page_that_is_not_utf8_or_not_there_is_one_problem(tmp_path: Path) -> None:
    """As every other check reports it, not a traceback."""
    page = tmp_path / "page.md"
    page.write_bytes(b"One\n\xff\n")
    found, changed = resource_links.check_paths([page, tmp_path / "nope.md"], CATALOGUE, fix=True)
    assert found == [
        f"{page.as_posix()}:2: file: not UTF-8 text (byte 0xff); save it as UTF-8",
        f"{(tmp_path / 'nope.md').as_posix()}:1: file: no such file or folder",
    ]
    assert changed == [] and page.read_bytes() == b"One\n\xff\n"


def test_fix_keeps_windows_line_endings_and_a_bom(tmp_path: Path) -> None:
    """Only the links change, as with translations update: not every line of the file."""
    page = tmp_path / "page.md"
    page.write_bytes(
        b"\xef\xbb\xbfTitle\r\n\r\nSee [cp](https://github.com/MouseLand/cellpose).\r\n"
    )
    _, changed = resource_links.check_paths([page], CATALOGUE, fix=True)
    assert changed and page.read_bytes() == b"\xef\xbb\xbfTitle\r\n\r\nSee [cp](res:cellpose).\r\n"


def test_resources_pages_have_no_raw_catalogue_links() -> None:
    catalogue = resources.load_catalogue(resources.DEFAULT_DATA)
    found, _ = resource_links.check_paths(
        [ROOT / "docs/en/resources", ROOT / "docs/zh/resources"], catalogue
    )
    assert found == []


def test_the_check_counts_lines_as_the_build_does() -> None:
    """At newlines only: a U+2028 inside a paragraph does not start a line (it did here, so the
    check and the build named different lines for one mistake)."""
    text = "Intro\u2028still the intro.\n\nSee [x](res:no-such-entry).\n"
    _, found = resource_links.check_text(text, "docs/en/x.md", CATALOGUE)
    assert [f.split(": ", 1)[0] for f in found] == ["docs/en/x.md:3"]

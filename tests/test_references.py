"""scripts/data/references.py: bibliography validation, citation rendering, the docs check."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.data import references as refs
from scripts.data import ui
from scripts.exports import works as references_export
from scripts.render import citations
from tests.helpers import ROOT, expand

GOOD = """@article{he2016deep,
  author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},
  title = {Deep Residual Learning for Image Recognition},
  year = {2016},
  eprint = {1512.03385},
  archiveprefix = {arXiv}
}

@article{lecun2015deep,
  author = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title = {Deep learning},
  journal = {Nature},
  year = {2015},
  doi = {10.1038/nature14539}
}

@article{raghu2020survey,
  author = {Raghu, Maithra and Schmidt, Eric},
  title = {A Survey of Deep Learning for Scientific Discovery},
  year = {2020},
  eprint = {2003.11755},
  archiveprefix = {arXiv}
}
"""


def write(tmp_path: Path, text: str) -> refs.Bibliography:
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    return refs.load_bibliography(path)


def test_real_bibliography_and_citations_are_clean() -> None:
    bib = refs.load_bibliography()
    assert not bib.problems, "\n".join(bib.problems)
    assert not refs.check_docs(ROOT / "docs", bib)


def test_good_file_has_no_problems(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    assert bib.problems == ()
    assert set(bib.references) == {"he2016deep", "lecun2015deep", "raghu2020survey"}


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("eprint = {1512.03385}", "eprint: '15-12' is not an arXiv id like 2003.11755"),
        ("doi = {10.1038/nature14539}", "doi: 'https://doi.org/x' is not a DOI"),
        ("year = {2016}", "year: '16' is not a four-digit year"),
    ],
)
def test_malformed_ids_are_reported_with_line(tmp_path: Path, bad: str, expected: str) -> None:
    value = {"eprint": "15-12", "doi": "https://doi.org/x", "year": "16"}[bad.split(" ")[0]]
    text = GOOD.replace(bad, bad.split("=")[0] + "= {" + value + "}")
    bib = write(tmp_path, text)
    assert any(expected in p for p in bib.problems), bib.problems
    assert all(p.startswith(f"{tmp_path / 'references.bib'}:") for p in bib.problems)


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (
        GOOD.replace("eprint = {1512.03385}", "eprint = {nope}")
        .replace("  title = {Deep learning},\n", "")
        .replace("doi = {10.1038/nature14539}", "url = {https://example.org}")
    )
    bib = write(tmp_path, text)
    path = tmp_path / "references.bib"
    assert f"{path}:1: eprint: 'nope' is not an arXiv id like 2003.11755" in bib.problems
    assert f"{path}:9: title: missing required field" in bib.problems
    assert f"{path}:9: eprint: give an arXiv id (eprint) or a doi" in bib.problems


def test_a_missing_comma_between_fields_is_reported(tmp_path: Path) -> None:
    """Else the title swallows the journal and the article passes as a preprint."""
    text = GOOD.replace("title = {Deep learning},", "title = {Deep learning}")
    text = text.replace("year = {2020},", "year = 2020")
    bib = write(tmp_path, text)
    path = tmp_path / "references.bib"
    assert f"{path}:11: title: looks like two fields: is a comma missing before 'journal ='?" in (
        bib.problems
    )
    assert f"{path}:20: year: looks like two fields: is a comma missing before 'eprint ='?" in (
        bib.problems
    )
    # Two fields on one line (a review): '{Nature} volume = {526}' read as one journal.
    text = GOOD.replace("title = {Deep learning},", "title = {Deep learning} volume = {521},")
    assert f"{path}:11: title: looks like two fields: is a comma missing before 'volume ='?" in (
        write(tmp_path, text).problems
    )


def test_duplicate_keys_name_both_places(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD + "\n" + GOOD.split("\n\n")[0] + "\n")
    path = tmp_path / "references.bib"
    assert any(
        p.startswith(f"{path}:25: key: duplicate key 'he2016deep'") and f"{path}:1)" in p
        for p in bib.problems
    ), bib.problems


def test_an_entry_type_the_exports_do_not_map_is_reported(tmp_path: Path) -> None:
    """@misc became a COinS journal article with an empty rft.jtitle."""
    bib = write(tmp_path, GOOD.replace("@article{he2016deep", "@misc{he2016deep"))
    assert [p.split("references.bib", 1)[1] for p in bib.problems] == [
        ":1: type: @misc is not a type the exports map; use @article, @book, "
        "@incollection or @inproceedings",
    ]
    assert set(references_export.TYPES) == set(refs.ENTRY_TYPES)


def test_unknown_field_and_bad_key(tmp_path: Path) -> None:
    bib = write(
        tmp_path, GOOD.replace("he2016deep,", "ResNet,").replace("year = {2016}", "yeer = {2016}")
    )
    text = "\n".join(bib.problems)
    assert "key: 'ResNet' should look like surname+year+word" in text
    assert "yeer: unknown field" in text and "year: missing required field" in text


def test_citations_render_as_author_year_links(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    md = "Nets [@he2016deep; @raghu2020survey] and [@lecun2015deep].\n\n<!-- cited-works -->"
    en = citations.render_citations(md, "en", bib, "models/cnn.md")
    en += expand(md, "en", "en/models/cnn.md", bibliography=bib)  # the cited-works list
    assert "([He et al., 2016](../references.md#he2016deep); " in en
    assert "[Raghu and Schmidt, 2020](../references.md#raghu2020survey))" in en
    assert 'href="../../references/#lecun2015deep"' in en
    assert en.index("Kaiming He") < en.index("Maithra Raghu") < en.index("Yann LeCun")
    zh = citations.render_citations(md, "zh", bib, "index.md")
    assert "（[He 等，2016](references.md#he2016deep)；[Raghu 和 Schmidt，2020]" in zh


def test_the_references_page_sorts_names_without_regard_to_case_or_accents(
    tmp_path: Path,
) -> None:
    """ "de Vries" among the Ds and "Ćiprijanović" among the Cs, not after "Zhou"."""
    names = ["Zhou, Bo", "de Vries, Jan", "Ćiprijanović, Aleksandra", "Davis, Ann", "Cole, Tim"]
    bib = write(
        tmp_path,
        "".join(
            f"@article{{k{i},\n  author = {{{name}}},\n  title = {{T{i}}},\n  year = {{2020}},\n"
            f"  url = {{https://example.org/{i}}}\n}}\n\n"
            for i, name in enumerate(names)
        ),
    )
    html = citations.render_marker("bibliography", "", "en", bib, "references.md")
    order = [names[int(key)] for key in re.findall(r'<li id="k(\d)"', html)]
    assert order == [
        "Ćiprijanović, Aleksandra",
        "Cole, Tim",
        "Davis, Ann",
        "de Vries, Jan",
        "Zhou, Bo",
    ]


def test_a_long_author_list_ends_with_the_ui_string_in_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reference lists keep "et al." in Chinese too (names as published, as GB/T 7714 lists
    Western authors), but the words come from data/ui.yaml like every other UI string."""
    authors = " and ".join(f"Name{i}, A." for i in range(7))
    bib = write(tmp_path, GOOD.replace("He, Kaiming and Zhang, Xiangyu", authors, 1))
    work = bib.references["he2016deep"]
    assert work.author_list("en").endswith("A. Name5, et al.")
    assert work.author_list("zh").endswith("A. Name5, et al.")
    monkeypatch.setitem(ui.load().texts["references.list_et_al"], "zh", "ET AL")
    assert work.author_list("zh").endswith("A. Name5, ET AL")
    assert "ET AL" in citations.render_list([work], "zh", "")
    assert refs.load_bibliography().references["raghu2020survey"].author_list("zh") == (
        "Maithra Raghu, Eric Schmidt"
    )


def test_citations_in_code_are_left_alone(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    md = "Write `[@key]` to cite.\n\n```\n[@nothere]\n```\n"
    assert citations.render_citations(md, "en", bib, "index.md") == md


def test_unknown_citation_key_raises(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    with pytest.raises(KeyError, match="nosuch2020key"):
        citations.render_citations("See [@nosuch2020key].", "en", bib, "index.md")


def test_titles_are_escaped_in_html(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD.replace("Deep learning}", "Deep <script>alert(1)</script> & more}"))
    html = citations.render_list([bib.references["lecun2015deep"]], "en", "")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html


def test_check_docs_reports_missing_and_uncited(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    docs = tmp_path / "docs" / "en"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text("Text [@he2016deep].\nMore [@ghost2020key].\n", encoding="utf-8")
    problems = refs.check_docs(tmp_path / "docs", bib)
    assert f"{docs / 'a.md'}:2: citation: 'ghost2020key' is not in references.bib" in problems
    assert any("'lecun2015deep' is cited by no page" in p for p in problems)


def test_cli_exit_codes(tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "scripts", "references", "check"]
    good = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0, good.stdout + good.stderr
    bad_bib = tmp_path / "bad.bib"
    bad_bib.write_text(GOOD.replace("year = {2016}", "year = {later}"), encoding="utf-8")
    bad = subprocess.run([*cli, "--bib", str(bad_bib)], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1
    assert f"{bad_bib}:1: year: 'later' is not a four-digit year" in bad.stdout


def test_problems_show_the_path_relative_to_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad data stopping the build is tested in tests/test_hooks.py."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    bib = tmp_path / "data" / "references.bib"
    bib.write_text(GOOD.replace("year = {2016}", "year = {later}"), encoding="utf-8")
    assert "data/references.bib:1: year: 'later' is not a four-digit year" in (
        refs.load_bibliography(bib).problems
    )
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "a.md").write_text("Text [@nobody2020none].\n", encoding="utf-8")
    assert "docs/en/a.md:1: citation: 'nobody2020none' is not in references.bib" in (
        refs.check_docs(docs, refs.load_bibliography(bib))
    )


def test_citation_split_over_two_lines_is_an_error(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    with pytest.raises(KeyError, match="malformed citation"):
        citations.render_citations("Text [@he2016deep;\n@lecun2015deep].", "en", bib, "index.md")


# The three entries as they stood before issue 13 §3: each took its year from the arXiv preprint.
STALE_YEARS = """@inproceedings{dinh2016density,
  author = {Dinh, Laurent and Sohl-Dickstein, Jascha and Bengio, Samy},
  title = {Density estimation using Real NVP},
  booktitle = {International Conference on Learning Representations (ICLR)},
  year = {2016},
  eprint = {1605.08803}
}

@article{papamakarios2019normalizing,
  author = {Papamakarios, George and others},
  title = {Normalizing Flows for Probabilistic Modeling and Inference},
  journal = {Journal of Machine Learning Research},
  year = {2019},
  eprint = {1912.02762}
}

@inproceedings{simonyan2013deep,
  author = {Simonyan, Karen and Vedaldi, Andrea and Zisserman, Andrew},
  title = {Deep Inside Convolutional Networks},
  booktitle = {ICLR Workshop},
  year = {2013},
  eprint = {1312.6034}
}
"""


def test_preprint_years_on_published_papers_are_caught(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    problems = write(tmp_path, STALE_YEARS).problems
    assert (
        f"{path}:1: booktitle: 'International Conference on Learning Representations (ICLR)'"
        " does not name the edition's year" in "\n".join(problems)
    )
    assert any(p.startswith(f"{path}:9: volume: give the journal volume") for p in problems)
    assert any(p.startswith(f"{path}:17: booktitle: 'ICLR Workshop'") for p in problems)
    # Writing the edition's year into the venue exposes the copied preprint year.
    named = write(tmp_path, STALE_YEARS.replace("(ICLR)", "(ICLR 2017)")).problems
    assert f"{path}:1: year: 2016, but the booktitle names 2017" in "\n".join(named)
    volume = write(
        tmp_path, STALE_YEARS.replace("year = {2019}", "year = {2019},\n  volume = {22}")
    ).problems
    assert f"{path}:9: year: 2019, but Journal of Machine Learning Research volume 22 is 2021" in (
        volume
    )


def test_consistent_venue_years_pass(tmp_path: Path) -> None:
    fixed = (
        STALE_YEARS.replace("(ICLR)}", "(ICLR 2017)}")
        .replace("year = {2016}", "year = {2017}")
        .replace("year = {2019}", "year = {2021},\n  volume = {22}")
        .replace("{ICLR Workshop}", "{ICLR 2014 Workshop Track}")
        .replace("year = {2013}", "year = {2014}")
    )
    assert write(tmp_path, fixed).problems == ()
    # A preprint has no volume to give, and GOOD's arXiv-only entries stay valid.
    assert write(tmp_path, GOOD).problems == ()


@pytest.mark.parametrize(
    ("arxiv", "year", "month", "after"),
    [
        ("2003.11755", "2020", 0, False),  # the survey itself
        ("2004.00001", "2020", 0, True),  # posted the month after
        ("1911.01429", "2020", 5, False),  # a 2020 journal paper with a 2019 preprint
        ("1912.02762", "2021", 0, False),
        ("", "2021", 0, True),
        ("", "2020", 7, True),  # no arXiv id: publication month decides
        ("", "2020", 2, False),
        ("", "2020", 0, False),  # 2020 without a month: not marked
        ("", "2019", 0, False),
    ],
)
def test_after_survey_by_arxiv_month_else_publication_date(
    arxiv: str, year: str, month: int, after: bool
) -> None:
    ref = refs.Reference(key="k", authors=(), title="T", year=year, arxiv=arxiv, month=month)
    assert ref.after_survey is after


@pytest.mark.parametrize(
    ("fields", "first", "label"),
    [
        ({"arxiv": "2110.07511", "year": "2023"}, (2021, 10), "arXiv 2110.07511 (2021-10)"),
        ({"doi": "10.1101/2020.12.15.422761", "year": "2021"}, (2020, 12), "bioRxiv"),
        ({"origdate": "2023-12", "year": "2024"}, (2023, 12), "origdate 2023-12"),
        ({"origdate": "2025", "year": "2026"}, (2025, 0), "origdate 2025"),
        ({"year": "2022", "month": 7}, (2022, 7), "2022-07"),
        ({"year": "2022"}, (2022, 0), "2022 (bib year)"),
        # The earliest of the dates given wins (an arXiv id before the origdate).
        ({"arxiv": "1911.01429", "origdate": "2020-05", "year": "2021"}, (2019, 11), "arXiv"),
    ],
)
def test_first_appeared_from_arxiv_biorxiv_origdate_else_year(
    fields: dict, first: tuple[int, int], label: str
) -> None:
    ref = refs.Reference(key="k", authors=(), title="T", **fields)
    assert ref.first_appeared == first
    assert ref.first_appeared_label.startswith(label)


def test_origdate_gives_the_badge_and_is_validated(tmp_path: Path) -> None:
    ref = refs.Reference(key="k", authors=(), title="T", year="2021", origdate="2019-11")
    assert not ref.after_survey  # published 2021, first public 2019: not new
    entry = "@article{a2021x, author={A, B}, title={T}, journal={J}, year={2021}, doi={10.1/a},"
    bad = write(tmp_path, entry + " origdate={Nov 2020}}\n").problems
    assert any("origdate: 'Nov 2020' is not a year-month" in p for p in bad), bad
    late = write(tmp_path, entry + " origdate={2022-01}}\n").problems
    assert any("origdate: 2022-01 is after the year 2021" in p for p in late), late


def test_post_survey_citations_carry_the_badge_class(tmp_path: Path) -> None:
    bib = tmp_path / "r.bib"
    bib.write_text(
        "@article{old2019a, author={A, B}, title={Old}, journal={J}, year={2019}, doi={10.1/a}}\n"
        "@article{new2021b, author={C, D}, title={New}, journal={J}, year={2021}, doi={10.1/b}}\n",
        encoding="utf-8",
    )
    lib = refs.load_bibliography(bib)
    out = citations.render_citations("See [@old2019a] and [@new2021b].", "en", lib, "x.md")
    assert out.count("cite-after") == 1 and "(references.md#new2021b){ .cite-after" in out


def test_bad_month_is_reported(tmp_path: Path) -> None:
    bib = tmp_path / "r.bib"
    bib.write_text(
        "@article{a2020x, author={A, B}, title={T}, journal={J}, year={2020}, month={smarch},"
        " doi={10.1/a}}\n",
        encoding="utf-8",
    )
    problems = refs.load_bibliography(bib).problems
    assert any("month: 'smarch' is not a month" in p for p in problems), problems


@pytest.mark.parametrize("name", sorted(json.loads(refs.SCHEMA_PATH.read_text())["properties"]))
def test_an_empty_field_is_a_mistake(tmp_path: Path, name: str) -> None:
    """``month = {}`` or ``journal = {}``: every field, required or not, reads the same."""
    given = {"author": "A, B", "title": "T", "year": "2020", "eprint": "2003.11755"}
    fields = {**given, "doi": "10.1000/a", name: ""}
    body = ", ".join(f"{key} = {{{value}}}" for key, value in fields.items())
    bib = write(tmp_path, f"@article{{a2020x, {body}}}\n")
    assert bib.problems == (f"{tmp_path / 'references.bib'}:1: {name}: must not be empty",)


def test_field_names_are_read_whatever_their_case(tmp_path: Path) -> None:
    """BibTeX ignores the case of field names: ``DOI = {...}`` is checked and built as doi."""
    bib = write(
        tmp_path,
        "@article{lecun2015deep, Author = {LeCun, Yann}, Title = {Deep learning},\n"
        "  JOURNAL = {Nature}, Year = {2015}, Month = {May}, DOI = {10.1038/nature14539}}\n",
    )
    assert bib.problems == ()
    ref = bib.references["lecun2015deep"]
    assert (ref.authors, ref.title, ref.year, ref.month) == (
        ("LeCun, Yann",),
        "Deep learning",
        "2015",
        5,
    )
    assert (ref.venue, ref.doi) == ("Nature", "10.1038/nature14539")


def test_a_field_given_twice_in_another_case_is_reported(tmp_path: Path) -> None:
    bib = write(
        tmp_path,
        GOOD.replace("doi = {10.1038/nature14539}", "doi = {10.1038/a},\n  DOI = {10.1038/b}"),
    )
    message = "doi: given twice (BibTeX ignores the case of field names)"
    assert bib.problems == (f"{tmp_path / 'references.bib'}:15: {message}",)  # the second's line


def test_an_unescaped_percent_sign_is_reported(tmp_path: Path) -> None:
    """BibTeX reads ``%`` as a comment: the title would be cut to 'Reaching 95'."""
    title = "title = {Reaching 95% accuracy with {BERT}},"
    bib = write(tmp_path, GOOD.replace("title = {Deep learning},", title))
    message = "title: an unescaped % starts a comment and cuts the text short: write \\%"
    assert bib.problems == (f"{tmp_path / 'references.bib'}:11: {message}",)
    escaped = write(tmp_path, GOOD.replace("title = {Deep learning},", title.replace("%", "\\%")))
    assert escaped.problems == ()
    assert escaped.references["lecun2015deep"].title == "Reaching 95% accuracy with BERT"


def test_a_percent_escape_in_a_url_is_not_a_comment(tmp_path: Path) -> None:
    url = "  url = {https://example.org/deep%20learning},\n  doi = {10.1038/nature14539}"
    bib = write(tmp_path, GOOD.replace("  doi = {10.1038/nature14539}", url))
    assert bib.problems == ()
    assert bib.references["lecun2015deep"].url == "https://example.org/deep%20learning"


def test_one_work_under_two_keys_is_reported(tmp_path: Path) -> None:
    """The same DOI (in any case) or arXiv id (of any version) under a second key is reported
    at that key's field, naming the first."""
    other = "@article{twice2015deep,\n  author = {A, B},\n  title = {T},\n  year = {2015},\n"
    text = GOOD.replace("eprint = {2003.11755}", "eprint = {1512.03385v2}")
    bib = write(tmp_path, text + other + "  doi = {10.1038/NATURE14539}\n}\n")
    path = tmp_path / "references.bib"
    assert bib.problems == (
        f"{path}:21: eprint: same eprint as 'he2016deep' (line 1): one key per work",
        f"{path}:28: doi: same doi as 'lecun2015deep' (line 9): one key per work",
    )


@pytest.mark.parametrize("month", ["Jul.", "jul", "July", "7", "07", "Sept", "sep.", "May"])
def test_the_month_spellings_bibtex_users_write_are_read(tmp_path: Path, month: str) -> None:
    entry = "@article{a2021x, author={A, B}, title={T}, journal={J}, year={2021}, doi={10.1000/a}"
    bib = write(tmp_path, f"{entry}, volume={{1}}, month={{{month}}}}}\n")
    assert bib.problems == ()
    assert bib.references["a2021x"].first_appeared[1] == (
        9 if month.lower().startswith("sep") else 5 if month == "May" else 7
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("eprint", "2113.11756", "'2113.11756' is not an arXiv id like 2003.11755"),
        ("month", "janitor", "'janitor' is not a month like jul or 7"),
    ],
)
def test_an_impossible_arxiv_month_or_a_word_starting_like_a_month_is_reported(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    entry = "@article{a2021x, author={A, B}, title={T}, journal={J}, year={2021}, doi={10.1000/a}"
    bib = write(tmp_path, f"{entry}, volume={{1}}, {field}={{{value}}}}}\n")
    assert bib.problems == (f"{tmp_path / 'references.bib'}:1: {field}: {message}",)


def test_same_author_and_year_get_letters(tmp_path: Path) -> None:
    bib = tmp_path / "r.bib"
    entry = "@article{{{key}, author={{Avsec, Ziga and Other, A and Third, B}}, title={{{t}}},"
    entry += " journal={{J}}, year={{2021}}, doi={{10.1/{key}}}}}\n"
    bib.write_text(
        entry.format(key="avsec2021base", t="Base")
        + entry.format(key="avsec2021effective", t="Effective")
        + entry.format(key="other2021x", t="X").replace("Avsec, Ziga and ", ""),
        encoding="utf-8",
    )
    lib = refs.load_bibliography(bib)
    labels = {k: refs.short_label(r, "en") for k, r in lib.references.items()}
    assert labels["avsec2021base"] == "Avsec et al., 2021a"
    assert labels["avsec2021effective"] == "Avsec et al., 2021b"
    assert labels["other2021x"] == "Other and Third, 2021"  # another label: no letter
    assert "(2021b)." in citations.render_list([lib.references["avsec2021effective"]], "en", "")


def test_an_institution_is_named_whole_and_not_split_at_its_own_and(tmp_path: Path) -> None:
    bib = tmp_path / "r.bib"
    entry = "@article{{{key}, author={{{authors}}}, title={{T}}, journal={{J}}, year={{2015}},"
    entry += " doi={{10.1000/{key}}}}}\n"
    bib.write_text(
        entry.format(
            key="auton2015global",
            authors="{1000 Genomes Project Consortium} and Auton, Adam and others",
        )
        + entry.format(key="genomes2015health", authors="{Genomes and Health Consortium}")
        + entry.format(key="he2015deep", authors="He, Kaiming and Sun, Jian"),
        encoding="utf-8",
    )
    lib = refs.load_bibliography(bib)
    assert lib.problems == ()
    auton, health, he = (
        lib.references[k] for k in ("auton2015global", "genomes2015health", "he2015deep")
    )
    assert refs.short_label(auton, "en") == "1000 Genomes Project Consortium et al., 2015"
    assert refs.short_label(auton, "zh") == "1000 Genomes Project Consortium 等，2015"
    assert health.authors == ("Genomes and Health Consortium",)
    assert refs.short_label(health, "en") == "Genomes and Health Consortium, 2015"
    assert refs.short_label(he, "en") == "He and Sun, 2015"  # people: the family name
    assert auton.surnames[0] == refs.name_parts(auton.authors[0])[0]
    assert "&rft.aucorp=Genomes and Health Consortium&" in citations.context_object(health)


def test_a_person_without_a_comma_is_a_problem_not_an_institution(tmp_path: Path) -> None:
    """A name without a comma is read as an institution, named whole; for 'Donald E. Knuth'
    that would cite 'Donald E. Knuth, 1984' (a review), so the check asks which it is."""
    bib = tmp_path / "r.bib"
    bib.write_text(
        "@article{knuth1984literate, author={Donald E. Knuth and Prabhat and Smith, Jane},"
        " title={T}, journal={J}, year={1984}, doi={10.1000/x}}\n",
        encoding="utf-8",
    )
    assert refs.load_bibliography(bib).problems == (
        f"{refs.shown(bib)}:1: author: 'Donald E. Knuth' has no comma: write a person as "
        "'Last, First', or brace an institution's name: {ENCODE Project Consortium}",
    )


def test_the_real_institution_authors_are_named_whole() -> None:
    bib = refs.load_bibliography()
    for key in ("auton2015global", "encode2020expanded"):
        ref = bib.references[key]
        assert "Consortium et al." in refs.short_label(ref, "en")
        assert "rft.aucorp=" in citations.context_object(ref)
        assert not ref.authors[0].endswith(","), ref.authors[0]


def test_the_check_rejects_the_malformed_citations_the_build_rejects(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    docs = tmp_path / "docs" / "en"
    docs.mkdir(parents=True)
    text = "Cite [@he2016deep].\n\nAs shown [@raghu2020survey, p. 2].\n`[@x, y]` is code.\n"
    (docs / "a.md").write_text(text + "[@lecun2015deep]\n", encoding="utf-8")
    problems = refs.check_docs(tmp_path / "docs", bib)
    assert problems[:1] == [
        f"{docs / 'a.md'}:3: citation: malformed citation in 'As shown [@raghu2020survey, p. 2].'"
        ": write [@key] or [@key1; @key2] on one line"
    ]
    with pytest.raises(KeyError) as error:
        citations.render_citations(text, "en", bib, "a.md", "docs/en/a.md", first_line=5)
    assert (
        error.value.args[0] == "docs/en/a.md:7: citation: " + problems[0].split(": citation: ")[1]
    )


def test_an_unknown_key_in_the_build_names_its_line(tmp_path: Path) -> None:
    bib = write(tmp_path, GOOD)
    with pytest.raises(KeyError) as error:
        citations.render_citations(
            "One.\n\nSee [@nosuch2020key].", "zh", bib, "a.md", "docs/zh/a.md", 4
        )
    assert (
        error.value.args[0] == "docs/zh/a.md:6: citation: 'nosuch2020key' is not in references.bib"
    )


def test_a_file_that_is_not_utf8_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(GOOD.replace("LeCun", "L\u00e9Cun").encode("latin-1"))
    bib = refs.load_bibliography(path)
    assert bib.problems == (f"{path}:10: file: not UTF-8 text (byte 0xe9); save it as UTF-8",)


def test_a_bibliography_that_cannot_be_read_is_one_problem_not_every_citation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the file there are no keys: every citation of the site would be 'not in
    references.bib' (1,312 lines in a review's run)."""
    path = tmp_path / "references.bib"
    path.write_bytes(GOOD.replace("LeCun", "L\u00e9Cun").encode("latin-1"))
    assert refs.main(["check", "--bib", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "file: not UTF-8 text" in out

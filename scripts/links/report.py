"""The external check's report: ``python -m scripts linkcheck-external`` checks every published
address and external page link, writes data/resources/facts.json and the report (README.md,
"Links") and exits 1 if a link is broken; ``linkcheck-update`` writes the report back."""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from scripts.data import datafile, resources
from scripts.links import external, github_facts

ROOT = external.ROOT


def source_label(source: dict) -> str:
    where = f"{source['path']}:{source['line']}"
    return f"{where} id={source['id']}" if source.get("id") else where


def report_csv(report: dict) -> str:
    """One row per (URL, place it is written)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["kind", "url", "status", "suggestion", "detail", "source", "path", "line", "id"]
    )
    for r in report["results"]:
        for s in r["sources"]:  # every URL was found somewhere
            row = [r["kind"], r["url"], r["status"], r["suggestion"], r["detail"], source_label(s)]
            writer.writerow([*row, s["path"], s["line"], s.get("id")])  # None is written as ""
    return out.getvalue()


def _cell(text: object) -> str:
    """Safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text).replace('`', '')}`"


# Not render's environment: links may not import render, and this is Markdown, not HTML (no
# autoescape: an & in a URL stays &); the cell and code filters make text safe in a table.
_TEMPLATES = Environment(
    loader=FileSystemLoader(ROOT / "templates"),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters.update(cell=_cell, code=_code, source=source_label)


def write_report(report: dict, report_dir: Path) -> list[Path]:
    """links.json and what derives from it: links.csv, links.md and the pull request's text."""
    report_dir.mkdir(parents=True, exist_ok=True)
    markdown = _TEMPLATES.get_template("links/report.md")
    pull_request = _TEMPLATES.get_template("links/pull-request.md")
    report_json = datafile.shown(report_dir / "links.json", ROOT)
    texts = {
        "links.json": json.dumps(report, ensure_ascii=False, indent=2) + "\n",
        "links.csv": report_csv(report),
        "links.md": markdown.render(report=report, report_json=report_json, kinds=external.KINDS),
        "pull-request.md": pull_request.render(
            report=report, run_url=os.environ.get("RUN_URL", "")
        ),
    }
    for name, text in texts.items():
        (report_dir / name).write_text(text, encoding="utf-8")
    return [report_dir / name for name in texts]


def write_facts(
    report: dict,
    args: argparse.Namespace,
    catalogue: resources.Catalogue,
    timeout: float,
    agent: str,
) -> dict:
    """Write facts.json for every catalogue entry; return the report's status-review part."""
    today = dt.date.fromisoformat(report["checked"])
    entries = [
        dataclasses.replace(e, source=external.relative_path(e.source, args.root))
        for e in catalogue.entries
    ]
    client = None
    if not args.no_github:
        token = os.environ.get("GITHUB_TOKEN") or None
        client = github_facts.GitHub(args.github_api, token, timeout, args.max_rate_wait, agent)
    results = {result["url"]: result for result in report["results"]}
    facts, messages = github_facts.collect(entries, results, client, today)
    path = args.data / "facts.json"
    path.write_text(json.dumps(facts, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")
    changes = github_facts.status_changes(entries, facts, today)
    problems = [  # "path:line: field: problem", the path shown from --root as everywhere else
        external.relative_path(where, args.root) + colon + rest
        for where, colon, rest in (problem.partition(":") for problem in catalogue.problems)
    ]
    return {
        "facts_messages": [*problems, *messages],
        "status_review": github_facts.disagreements(changes),
        "status_changes": changes,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--rc", type=Path, default=external.RC)
    parser.add_argument("--report-dir", type=Path, default=ROOT / "reports" / "links")
    parser.add_argument("--root", type=Path, default=ROOT, help="paths are shown relative to it")
    parser.add_argument("--no-github", action="store_true", help="skip the GitHub API")
    api = os.environ.get("GITHUB_API_URL") or github_facts.API_URL
    parser.add_argument("--github-api", default=api, help="GitHub REST API base URL")
    wait = "longest wait in seconds for a GitHub rate-limit reset before giving up"
    parser.add_argument("--max-rate-wait", type=float, default=900.0, help=wait)
    args = parser.parse_args(argv)
    try:
        settings = external.read_settings(args.rc)
    except ValueError as exc:  # an ignore entry without its reason, a value that is no number
        print(exc, file=sys.stderr)
        return 2
    catalogue = resources.load_catalogue(args.data)
    if not catalogue.entries:  # a wrong --data: nothing to check, and no facts.json to write
        print(
            "\n".join([*catalogue.problems, f"{args.data}: no catalogue entries"]), file=sys.stderr
        )
        return 2

    def progress(outcome: external.Outcome) -> None:
        if outcome.kind != "ok":
            print(f"{outcome.kind:10} {outcome.url}  {outcome.detail}", flush=True)

    report = external.check_external(args.data, args.docs, settings, args.root, progress)
    report.update(write_facts(report, args, catalogue, settings.timeout, settings.useragent))
    paths = write_report(report, args.report_dir)
    print(f"Facts: {args.data / 'facts.json'}")
    for line in report["facts_messages"]:
        print(f"note       {line}")
    for line in report["status_review"]:
        print(f"status?    {line}")
    summary = ", ".join(f"{n} {kind}" for kind, n in report["summary"].items() if n)
    print(f"{report['urls']} URLs: {summary}. Report: {', '.join(map(str, paths))}")
    return 1 if report["summary"]["broken"] else 0


def entry_updates(report: dict) -> dict[str, dict[str, dict[str, str]]]:
    """{file name: {entry id: {field: new value}}}: an entry ``url``'s permanent redirect (the old
    address goes to ``former_urls``), then the report's ``status_changes`` (404 and 410 among
    them: ``dead``). Timeouts, 403, 5xx and temporary redirects are left to a person."""
    updates: dict[str, dict[str, dict[str, str]]] = {}
    for result in report["results"]:
        for source in result["sources"] if result["kind"] == "moved" else ():
            if source.get("id") and result["suggestion"] and source.get("field") == "url":
                in_file = updates.setdefault(Path(source["path"]).name, {})
                in_file[source["id"]] = {"url": result["suggestion"], "former_urls": result["url"]}
    for change in report.get("status_changes") or []:
        entry = updates.setdefault(Path(change["path"]).name, {}).setdefault(change["id"], {})
        entry["status"] = change["suggested"]
    return updates


def _like(old: object, new: str) -> object:
    """``new`` in the style of ``old``: a date stays a date, a quoted string stays quoted."""
    if isinstance(old, dt.date):
        return dt.date.fromisoformat(new)
    if isinstance(old, str) and type(old) is not str:
        return type(old)(new)
    return new


def _dump(rt: YAML, data: object) -> str:
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def _move_lines_below(entry: CommentedMap, key: str, new_key: str) -> None:
    """Give the comment lines and blank lines below ``key`` to ``new_key``, just inserted after
    it (ruamel keeps them on ``key``, so they would sit between the two); an end-of-line comment
    stays on ``key``'s line."""
    token = (entry.ca.items.get(key) or [None] * 3)[2]
    head, _, tail = token.value.partition("\n") if token else ("", "", "")
    if tail:
        moved = copy.copy(token)
        token.value, moved.value = head + "\n", "\n" + tail
        entry.ca.items[new_key] = [None, None, moved, None]


def apply_updates(path: Path, updates: dict[str, dict[str, str]]) -> tuple[str, list[str]]:
    """One catalogue file's text with {id: {field: value}} applied (nothing is written), and one
    line per change, at the entry's ``url`` line as in the report."""
    text = path.read_text(encoding="utf-8")
    rt = YAML()  # these settings reproduce our catalogue files byte for byte
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=2, offset=0)
    entries = rt.load(text)
    if _dump(rt, entries) != text:
        raise ValueError(
            f"{path}: a ruamel.yaml round trip would reformat this file, so it is left alone; "
            "update it by hand"
        )
    changes = []
    for entry in entries:
        change = updates.get(str(entry.get("id")))
        if not change:
            continue
        line = entry.lc.key("url")[0] if "url" in entry else entry.lc.line
        where = f"{path}:{line + 1} id={entry['id']}"
        for key, value in change.items():
            if key == "former_urls":
                old_urls = entry.get("former_urls")
                if old_urls is None:  # a new list, in flow style, after the last URL field
                    after = "survey_url" if "survey_url" in entry else "url"
                    old_urls = CommentedSeq()
                    old_urls.fa.set_flow_style()
                    entry.insert(list(entry).index(after) + 1, key, old_urls)
                    _move_lines_below(entry, after, key)
                elif value in [str(url) for url in old_urls]:
                    continue
                old_urls.append(_like(entry["url"], value))
                changes.append(f"{where}: former_urls: + {value}")
                continue
            holder = entry.get("tags") if key == "status" else entry
            if not isinstance(holder, dict):
                raise ValueError(f"{path}:{entry.lc.line + 1}: tags: missing")
            old = holder.get(key)
            if old is not None and str(old) == value:
                continue
            holder[key] = _like(old, value)
            changes.append(f"{where}: {key}: {old if old is not None else '(none)'} -> {value}")
    missing = set(updates) - {str(entry.get("id")) for entry in entries}
    changes += [f"{path}: no entry id={name} any more; skipped" for name in sorted(missing)]
    return _dump(rt, entries), changes


def catalogue_problems(data: Path, texts: dict[Path, str]) -> list[datafile.Problem]:
    """What the catalogue loader finds in ``data`` with ``texts`` in place of their files
    (checked in a copy: nothing in ``data`` is written)."""
    with tempfile.TemporaryDirectory() as tmp:
        for path in resources.collect_files([data])[0]:
            text = texts.get(path) or path.read_text(encoding="utf-8")
            (Path(tmp) / path.name).write_text(text, encoding="utf-8")
        found = resources.check_paths([Path(tmp)])[1]
        copy_dir = datafile.shown(Path(tmp) / "x").removesuffix("x")  # as the messages show it
    here = f"{data}/"
    return [
        dataclasses.replace(
            p, path=p.path.replace(copy_dir, here), message=p.message.replace(copy_dir, here)
        )
        for p in found
    ]


def address_problems(data: Path, updates: list[tuple[str, dict[str, dict[str, str]]]]) -> list[str]:
    """The loader's problems that the new addresses bring (another entry's address: a permanent
    redirect can lead there). A new ``status: dead`` is left out: the entry's url then needs a
    person (the loader asks for what survives), as the pull request says."""
    no_status = {
        data / name: {i: {k: v for k, v in c.items() if k != "status"} for i, c in one.items()}
        for name, one in updates
    }
    texts = {path: apply_updates(path, one)[0] for path, one in no_status.items()}

    def kind(p: datafile.Problem) -> tuple[str, str, str]:  # lines move when former_urls grows
        return p.path, p.field, re.sub(r":\d+\b", "", p.message)

    before = {kind(p) for p in catalogue_problems(data, {})}
    return [str(p) for p in catalogue_problems(data, texts) if kind(p) not in before]


def update_main(argv: list[str]) -> int:
    """``python -m scripts linkcheck-update REPORT``: links.json written back into the catalogue
    through a ruamel.yaml round trip, so nothing else in the files changes (a file the round trip
    would reformat is left alone)."""
    parser = argparse.ArgumentParser(description=update_main.__doc__)
    parser.add_argument("report", type=Path, help="links.json written by linkcheck-external")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    args = parser.parse_args(argv)
    try:
        updates = sorted(entry_updates(json.loads(args.report.read_text(encoding="utf-8"))).items())
    except OSError as exc:
        print(f"{args.report}: cannot be read ({exc.strerror})", file=sys.stderr)
        return 2
    except (ValueError, LookupError, TypeError, AttributeError) as exc:  # not JSON, wrong shape
        print(f"{args.report}: not a links.json of linkcheck-external ({exc!r})", file=sys.stderr)
        return 2
    try:  # every file first: one refused file leaves all of them as they are
        done = {args.data / name: apply_updates(args.data / name, one) for name, one in updates}
    except OSError as exc:
        print(f"{exc.filename}: cannot be read ({exc.strerror})", file=sys.stderr)
        return 2
    except ValueError as exc:  # a file the round trip would reformat, an entry without tags
        print(exc, file=sys.stderr)
        return 2
    problems = address_problems(args.data, updates)
    if problems:
        print(
            "\n".join(["Nothing written; the update would give these problems:", *problems]),
            file=sys.stderr,
        )
        return 2
    for path, (text, _) in done.items():
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
    changes = [line for _, lines in done.values() for line in lines]
    print("\n".join(changes) if changes else "Nothing to update.")
    return 0

"""The external check (``python -m scripts linkcheck-external``): check every address the
catalogue publishes and every external link in the Markdown pages (scripts/links/external.py),
then write links.md (for people), links.csv and links.json (for tools) and pull-request.md (the
weekly pull request's description: the proposed status changes with their evidence) in the
report folder, and data/resources/facts.json.

facts.json holds the HTTP result per catalogue entry and, through the GitHub REST API, each
repository's archived flag, last push, latest release, licence and stars
(scripts/links/github_facts.py); every entry whose status disagrees with the suggestion derived
from those facts is listed under "Status to review". --no-github skips the API; GITHUB_TOKEN
raises its rate limit.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from scripts.data import datafile, resources
from scripts.links import github_facts
from scripts.links.external import KINDS, Outcome, check_external, relative_path
from scripts.links.settings import RC, ExternalSettings, read_settings

ROOT = Path(__file__).resolve().parents[2]


def source_label(source: dict) -> str:
    where = f"{source['path']}:{source['line']}"
    return f"{where} id={source['id']}" if source.get("id") else where


def report_csv(report: dict) -> str:
    """One row per (URL, place it is written)."""
    out = io.StringIO()
    columns = ["kind", "url", "status", "suggestion", "detail", "source", "path", "line", "id"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for result in report["results"]:
        for source in result["sources"] or [{"path": "", "line": "", "id": None}]:
            writer.writerow(
                {
                    "kind": result["kind"],
                    "url": result["url"],
                    "status": result["status"] if result["status"] is not None else "",
                    "suggestion": result["suggestion"] or "",
                    "detail": result["detail"],
                    "source": source_label(source) if source["path"] else "",
                    "path": source["path"],
                    "line": source["line"],
                    "id": source.get("id") or "",
                }
            )
    return out.getvalue()


def _cell(text: object) -> str:
    """Safe inside a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_cell(text).replace('`', '')}`"


_SECTIONS = {
    "broken": (
        "Broken",
        "Fix or replace these; 404 and 410 become `status: dead` in update-status.",
    ),
    "moved": (
        "Moved (permanent redirect)",
        "Update the address: `update-status` sets `url` to the suggestion and appends the old "
        "one to `former_urls`; pages that link by `res:` id follow automatically.",
    ),
    "redirected": (
        "Temporary redirects",
        "Nothing to change; listed in case one becomes permanent.",
    ),
    "known-dead": ("Already marked dead", "Still unreachable, as the catalogue says."),
    "ignored": ("Not checked", "On the ignore list in linkcheckerrc, for the reason given."),
}


def report_markdown(report: dict, report_json: str = "reports/links/links.json") -> str:
    summary = report["summary"]
    counts = ", ".join(f"{summary[kind]} {kind}" for kind in KINDS if summary[kind])
    lines = [
        f"# External link check, {report['checked']}",
        "",
        f"{report['urls']} distinct URLs: {counts or 'none'}.",
    ]
    if summary["broken"] or summary["moved"]:
        lines += [
            "",
            "To write the results into the catalogue, run "
            f"`python -m scripts linkcheck-update {report_json}`, review the diff and "
            "open a pull request. Links in Markdown pages are fixed by hand at the line shown.",
        ]
    for kind, (title, help_text) in _SECTIONS.items():
        results = [r for r in report["results"] if r["kind"] == kind]
        if not results:
            continue
        lines += ["", f"## {title} ({len(results)})", "", help_text, ""]
        if kind == "moved":
            lines += ["| Where | URL | Suggested URL | Detail |", "| --- | --- | --- | --- |"]
        else:
            lines += ["| Where | URL | Detail |", "| --- | --- | --- |"]
        for result in results:
            where = "<br>".join(_code(source_label(s)) for s in result["sources"]) or "-"
            cells = [where, _code(result["url"])]
            if kind == "moved":
                cells.append(_code(result["suggestion"]))
            cells.append(_cell(result["detail"]))
            lines.append("| " + " | ".join(cells) + " |")
    review = report.get("status_review") or []
    notes = report.get("facts_messages") or []
    if review or notes:
        lines += [
            "",
            f"## Status to review ({len(review)})",
            "",
            "The facts in data/resources/facts.json suggest another `tags.status` for these "
            "entries (thresholds in scripts/links/github_facts.py). A person decides: edit the "
            "YAML where the facts are right, and leave it where the entry's note explains why not.",
            "",
        ]
        lines += [f"- `{_cell(line)}`" for line in [*notes, *review]]
    return "\n".join(lines) + "\n"


def write_report(report: dict, report_dir: Path) -> list[Path]:
    report_dir.mkdir(parents=True, exist_ok=True)
    paths = [report_dir / "links.json", report_dir / "links.csv", report_dir / "links.md"]
    json_text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    paths[0].write_text(json_text, encoding="utf-8")
    paths[1].write_text(report_csv(report), encoding="utf-8")
    shown = datafile.shown(paths[0], ROOT)
    paths[2].write_text(report_markdown(report, shown), encoding="utf-8")
    if "status_changes" in report:
        paths.append(report_dir / "pull-request.md")
        paths[3].write_text(
            pull_request_body(report, os.environ.get("RUN_URL", "")), encoding="utf-8"
        )
    return paths


def write_facts(
    report: dict, args: argparse.Namespace, settings: ExternalSettings, facts_path: Path
) -> dict:
    """Write facts.json for every catalogue entry; return the report's status-review part."""
    today = dt.date.fromisoformat(report["checked"])
    catalogue = resources.load_catalogue(args.data)
    entries = [
        github_facts.EntryRef.from_resource(entry, relative_path(entry.source, args.root))
        for entry in catalogue.entries
    ]
    client = None
    if not args.no_github:
        client = github_facts.GitHub(
            api_url=args.github_api,
            token=os.environ.get("GITHUB_TOKEN") or None,
            timeout=settings.timeout,
            max_wait=args.max_rate_wait,
            user_agent=settings.user_agent,
        )
    results = {result["url"]: result for result in report["results"]}
    facts, messages = github_facts.collect(entries, results, client, today)
    github_facts.write_facts(facts, facts_path)
    return {
        "facts_messages": [*catalogue.problems, *messages],
        "status_review": github_facts.disagreements(entries, facts, today),
        "status_changes": github_facts.status_changes(entries, facts, today),
    }


def pull_request_body(report: dict, run_url: str = "") -> str:
    """The description of the weekly pull request: per entry the evidence (address and HTTP
    result, repository with last push and archived flag) and the status change it proposes,
    then the addresses that moved or broke."""
    changes = report.get("status_changes") or []
    lines = [
        f"Proposed by the weekly link check of {report['checked']}"
        + (f" ([run]({run_url}))" if run_url else "")
        + ". A person decides: revert any change whose entry note explains why the facts do "
        "not apply, and merge the rest.",
        "",
        f"## Status changes ({len(changes)})",
        "",
    ]
    if changes:
        lines += [
            "| Entry | Address | HTTP | Repository | Last push | Archived | Status |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for c in changes:
            http = c["http_status"] if c["http_status"] is not None else (c["link"] or "-")
            cells = [
                f"{_code(c['id'])} ({_code(str(c['path']) + ':' + str(c['line']))})",
                _code(c["url"]),
                _cell(http),
                _code(c["repo"]) if c["repo"] else "-",
                _cell(str(c["pushed_at"] or "-")[:10]),
                _cell("yes" if c["archived"] else ("no" if c["archived"] is False else "-")),
                f"{_code(c['status'])} → {_code(c['suggested'])}: {_cell(c['reason'])}",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append("None: every status agrees with the facts.")
    for kind, title in (("moved", "Addresses that moved"), ("broken", "Broken addresses")):
        results = [r for r in report["results"] if r["kind"] == kind]
        if results:
            lines += ["", f"## {title} ({len(results)})", ""]
            for r in results:
                where = ", ".join(_code(source_label(s)) for s in r["sources"]) or "-"
                extra = f" → {_code(r['suggestion'])}" if r.get("suggestion") else ""
                lines.append(f"- {_code(r['url'])}{extra}: {_cell(r['detail'])} ({where})")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``python -m scripts linkcheck-external``: exit 1 when a link is broken."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--rc", type=Path, default=RC)
    parser.add_argument("--report-dir", type=Path, default=ROOT / "reports" / "links")
    parser.add_argument("--root", type=Path, default=ROOT, help="paths are shown relative to it")
    parser.add_argument(
        "--facts", type=Path, help="where to write the facts (default: DATA/facts.json)"
    )
    parser.add_argument(
        "--no-github", action="store_true", help="skip the GitHub API (HTTP facts only)"
    )
    parser.add_argument(
        "--github-api",
        default=os.environ.get("GITHUB_API_URL") or github_facts.API_URL,
        help="GitHub REST API base URL (tests point it at a local server)",
    )
    parser.add_argument(
        "--max-rate-wait",
        type=float,
        default=900.0,
        help="longest wait in seconds for a GitHub rate-limit reset before giving up",
    )
    args = parser.parse_args(argv)
    settings = read_settings(args.rc)

    def progress(outcome: Outcome) -> None:
        if outcome.kind != "ok":
            print(f"{outcome.kind:10} {outcome.url}  {outcome.detail}", flush=True)

    report = check_external(args.data, args.docs, settings, args.root, progress)
    facts_path = args.facts or args.data / "facts.json"
    report.update(write_facts(report, args, settings, facts_path))
    paths = write_report(report, args.report_dir)
    print(f"Facts: {facts_path}")
    for line in report["facts_messages"] + report["status_review"]:
        print(f"status?    {line}")
    summary = ", ".join(f"{n} {kind}" for kind, n in report["summary"].items() if n)
    print(f"{report['urls']} URLs: {summary}. Report: {', '.join(map(str, paths))}")
    return 1 if report["summary"]["broken"] else 0

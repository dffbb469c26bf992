"""Link checking: the built site's internal links and anchors, and every external URL we publish.

    python -m scripts links internal [--project DIR] [--no-strict]
        Check the built site's internal links and anchors with LinkChecker
        (scripts/links/internal.py). Exit 1 with a list of (page, link, reason) when a link is
        broken or an anchor is missing; on GitHub Actions the list goes to the job summary too.
    python -m scripts links external [--report-dir reports/links]
        Check every catalogue URL and every external link in the Markdown pages
        (scripts/links/external.py), then write links.md, links.csv, links.json and
        data/resources/facts.json and list every entry whose status the facts question
        (scripts/links/report.py). Exit 1 when a link is broken.
    python -m scripts links update-status reports/links/links.json [--data data/resources]
        Write the report back into the catalogue (scripts/links/status.py).

Settings, including the ignore list of checker-hostile hosts, live in linkcheckerrc
(scripts/links/settings.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from scripts.links import github_facts
from scripts.links.external import Outcome, check_external
from scripts.links.internal import check_project, format_internal, markdown_internal
from scripts.links.report import write_facts, write_report
from scripts.links.settings import RC, read_settings
from scripts.links.status import update_status

ROOT = Path(__file__).resolve().parents[2]
REPORT_DIR = ROOT / "reports" / "links"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    internal = commands.add_parser("internal", help="internal links and anchors of the built site")
    internal.add_argument("--project", type=Path, default=ROOT, help="project folder to build")
    internal.add_argument("--rc", type=Path, default=RC, help="LinkChecker settings")
    internal.add_argument(
        "--no-strict", action="store_true", help="build without --strict (tests of bad links)"
    )
    external = commands.add_parser("external", help="catalogue URLs and external page links")
    external.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    external.add_argument("--docs", type=Path, default=ROOT / "docs")
    external.add_argument("--rc", type=Path, default=RC)
    external.add_argument("--report-dir", type=Path, default=REPORT_DIR)
    external.add_argument("--root", type=Path, default=ROOT, help="paths are shown relative to it")
    external.add_argument(
        "--facts", type=Path, help="where to write the facts (default: DATA/facts.json)"
    )
    external.add_argument(
        "--no-github", action="store_true", help="skip the GitHub API (HTTP facts only)"
    )
    external.add_argument(
        "--github-api",
        default=os.environ.get("GITHUB_API_URL") or github_facts.API_URL,
        help="GitHub REST API base URL (tests point it at a local server)",
    )
    external.add_argument(
        "--max-rate-wait",
        type=float,
        default=900.0,
        help="longest wait in seconds for a GitHub rate-limit reset before giving up",
    )
    update = commands.add_parser("update-status", help="write a report back into the catalogue")
    update.add_argument("report", type=Path, help="links.json written by the external command")
    update.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    args = parser.parse_args(argv)

    if args.command == "internal":
        project = args.project.resolve()
        try:
            result = check_project(project, args.rc.resolve(), strict=not args.no_strict)
        except RuntimeError as exc:  # the build or LinkChecker itself failed
            print(exc, file=sys.stderr)
            return 2
        print(format_internal(result))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # on GitHub Actions: the job summary lists broken links
            with open(summary, "a", encoding="utf-8") as out:
                out.write(markdown_internal(result))
        return 1 if result.problems else 0

    if args.command == "external":
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

    report = json.loads(args.report.read_text(encoding="utf-8"))
    changes = update_status(report, args.data)
    print("\n".join(changes) if changes else "Nothing to update.")
    return 0

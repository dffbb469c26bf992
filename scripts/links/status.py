"""``python -m scripts linkcheck-update REPORT``: the external check's report (links.json) written
back into the catalogue through a ruamel.yaml round trip, so nothing else in the files changes (a
file the round trip would reformat is left alone)."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq

ROOT = Path(__file__).resolve().parents[2]


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


def apply_updates(path: Path, updates: dict[str, dict[str, str]]) -> list[str]:
    """Apply {id: {field: value}} to one catalogue file; return one line per change."""
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
        where = f"{path}:{entry.lc.line + 1} id={entry['id']}"
        for key, value in change.items():
            if key == "former_urls":
                old_urls = entry.get("former_urls")
                if old_urls is not None and value in [str(url) for url in old_urls]:
                    continue
                if old_urls is None:
                    after = "survey_url" if "survey_url" in entry else "url"
                    position = list(entry).index(after) + 1
                    old_urls = CommentedSeq()
                    old_urls.fa.set_flow_style()
                    entry.insert(position, key, old_urls)
                old_urls.append(_like(entry["url"], value))
                changes.append(f"{where}: former_urls: + {value}")
                continue
            holder = entry["tags"] if key == "status" else entry
            old = holder.get(key)
            if old is not None and str(old) == value:
                continue
            holder[key] = _like(old, value)
            changes.append(f"{where}: {key}: {old if old is not None else '(none)'} -> {value}")
    missing = set(updates) - {str(entry.get("id")) for entry in entries}
    changes += [f"{path}: no entry id={name} any more; skipped" for name in sorted(missing)]
    new_text = _dump(rt, entries)
    if new_text != text:
        path.write_text(new_text, encoding="utf-8")
    return changes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="links.json written by linkcheck-external")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "resources")
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text(encoding="utf-8"))
    try:
        updates = sorted(entry_updates(report).items())
        changes = [line for name, one in updates for line in apply_updates(args.data / name, one)]
    except ValueError as exc:  # a file the round trip would reformat
        print(exc, file=sys.stderr)
        return 2
    print("\n".join(changes) if changes else "Nothing to update.")
    return 0

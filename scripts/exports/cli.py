"""``python -m scripts exports``: the build's exports by hand (hooks.py runs the same code).

python -m scripts exports changes [--lang en] [--limit 20]   what the feeds would list
python -m scripts exports write SITE_DIR [--site-url URL]    exports and feeds into a folder
python -m scripts exports coins KEY                           one work's COinS title
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.data.languages import DEFAULT
from scripts.data.works import load_works
from scripts.exports import changes, feeds, site
from scripts.render.coins import context_object


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("changes", help="list the changes read from the git history")
    show.add_argument("--lang", default="en")
    show.add_argument("--limit", type=int, default=20)
    write = sub.add_parser("write", help="write the export files and feeds into SITE_DIR")
    write.add_argument("site_dir", type=Path)
    write.add_argument("--site-url", help="default: mkdocs.yml's site_url")
    coins = sub.add_parser("coins", help="print the COinS title of one bibliography entry")
    coins.add_argument("key")
    args = parser.parse_args(argv)

    if args.command == "changes":
        history = changes.history()
        if history.shallow:
            print(f"(shallow clone: changes since {history.since[:10]} only)")
        for change in history.for_language(args.lang)[: args.limit]:
            print(change.date[:10], feeds.change_text(change, args.lang))
        return 0
    if args.command == "write":
        from mkdocs.config import load_config

        config = load_config(str(site.ROOT / "mkdocs.yml"), site_url=args.site_url)
        i18n = config.plugins["i18n"]
        site.write_site(args.site_dir, site.site_info(config, i18n, DEFAULT))
        print(f"wrote the exports and feeds into {args.site_dir}")
        return 0
    found = load_works().get(args.key)
    if found is None:
        print(f"data/references.bib: no entry '{args.key}'", file=sys.stderr)
        return 1
    print(context_object(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

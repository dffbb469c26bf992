"""Build-time and search-index figures for the bilingual site.

Prints: the full bilingual build time, an English-only build of the same pages (the Chinese
language switched off in a temporary copy of mkdocs.yml), their ratio (goal <= 1.6), and the
size of each language's search index next to the mixed index the stock setup would serve
(goal: each smaller than the mixed one). Usage: python benchmarks/build.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(config: Path, site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def english_only_config() -> Path:
    """mkdocs.yml with the Chinese language not built (same pages, same plugins)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "        - locale: zh\n          name: 中文\n          build: true\n"
    if marker not in text:
        raise SystemExit("benchmarks/build.py: cannot find the zh language block in mkdocs.yml")
    config = ROOT / f".bench-{os.getpid()}.yml"  # beside mkdocs.yml so relative paths hold
    config.write_text(
        text.replace(marker, marker.replace("build: true", "build: false")), encoding="utf-8"
    )
    return config


def index_sizes(site_dir: Path) -> dict[str, int]:
    en = site_dir / "search" / "search_index.json"
    zh = site_dir / "zh" / "search" / "search_index.json"
    en_docs = json.loads(en.read_text(encoding="utf-8"))
    zh_docs = json.loads(zh.read_text(encoding="utf-8"))
    mixed = {
        "config": en_docs["config"],
        "docs": en_docs["docs"]
        + [dict(d, location="zh/" + d["location"]) for d in zh_docs["docs"]],
    }
    mixed_bytes = len(json.dumps(mixed, ensure_ascii=False, separators=(",", ":")).encode())
    return {"en": en.stat().st_size, "zh": zh.stat().st_size, "mixed (stock)": mixed_bytes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant (median shown)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        english = english_only_config()
        try:
            timed_build(ROOT / "mkdocs.yml", tmp_path / "warm")  # warm caches (jieba, pyc)
            both = [timed_build(ROOT / "mkdocs.yml", tmp_path / "both") for _ in range(args.runs)]
            en = [timed_build(english, tmp_path / "en") for _ in range(args.runs)]
        finally:
            english.unlink()
        sizes = index_sizes(tmp_path / "both")
    bilingual, mono = statistics.median(both), statistics.median(en)
    print(f"bilingual build (en + zh): {bilingual:6.2f} s  (median of {args.runs})")
    print(f"English-only build:        {mono:6.2f} s  (median of {args.runs})")
    print(f"ratio:                     {bilingual / mono:6.2f}   (goal <= 1.6)")
    for name, size in sizes.items():
        print(f"search index {name:<14} {size / 1024:8.1f} KiB")
    smaller = all(sizes[k] < sizes["mixed (stock)"] for k in ("en", "zh"))
    print(f"each language's index smaller than the mixed one: {'yes' if smaller else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

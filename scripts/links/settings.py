"""Settings of the link checks, from linkcheckerrc: the ``[external]`` section (timeout, retry
pause and its cap, per-host interval, hosts checked in parallel, user agent) and the
``[filtering] ignore`` list of checker-hostile hosts, each entry with a comment line above it
saying why. LinkChecker itself reads the same file for the internal check."""

from __future__ import annotations

import configparser
import functools
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RC = ROOT / "linkcheckerrc"


@dataclass(frozen=True)
class IgnoreRule:
    pattern: str
    reason: str

    def matches(self, url: str) -> bool:
        return re.search(self.pattern, url) is not None


@dataclass(frozen=True)
class ExternalSettings:
    timeout: float = 20.0
    retry_pause: float = 30.0
    max_retry_after: float = 120.0
    host_interval: float = 2.0
    hosts: int = 8
    user_agent: str = "dl4sci-linkcheck"
    ignore: tuple[IgnoreRule, ...] = ()


def ignore_rules(rc_text: str) -> list[IgnoreRule]:
    """The ``[filtering] ignore`` entries, each with the comment line above it as its reason."""
    rules: list[IgnoreRule] = []
    section, inside, reason = "", False, ""
    for number, raw in enumerate(rc_text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section, inside = line[1:-1].strip(), False
            continue
        if section != "filtering":
            continue
        if line.startswith("#"):
            reason = line.lstrip("#").strip()
            continue
        if not raw[:1].isspace() and "=" in line:
            key, line = (part.strip() for part in line.split("=", 1))
            inside = key == "ignore"
            if not line:  # a comment above the key is about the key, not an entry
                reason = ""
        if inside and line:
            if not reason:
                raise ValueError(
                    f"linkcheckerrc:{number}: ignore entry {line!r} has no comment line above it "
                    "saying why; add one"
                )
            rules.append(IgnoreRule(line, reason))
            reason = ""
    return rules


def read_settings(rc: Path = RC) -> ExternalSettings:
    """The ``[external]`` section and the ignore list of ``rc``."""
    text = rc.read_text(encoding="utf-8")
    parser = configparser.RawConfigParser()
    parser.read_string(text, source=str(rc))
    get = functools.partial(parser.get, "external", fallback=None)
    defaults = ExternalSettings()

    def number(key: str, default: float) -> float:
        value = get(key)
        return float(value) if value is not None else default

    return ExternalSettings(
        timeout=number("timeout", defaults.timeout),
        retry_pause=number("retrypause", defaults.retry_pause),
        max_retry_after=number("maxretryafter", defaults.max_retry_after),
        host_interval=number("hostinterval", defaults.host_interval),
        hosts=int(number("hosts", defaults.hosts)),
        user_agent=get("useragent") or defaults.user_agent,
        ignore=tuple(ignore_rules(text)),
    )

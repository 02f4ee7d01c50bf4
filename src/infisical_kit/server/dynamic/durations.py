"""TTL strings as Infisical reads them (the ``ms`` package): ``"90s"``, ``"30m"``, ``"1h"``,
``"2 days"``; a bare number is milliseconds."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(
    r"^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|"
    r"hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
    re.IGNORECASE,
)
_UNIT_MS = {
    "ms": 1,
    "s": 1000,
    "m": 60_000,
    "h": 3_600_000,
    "d": 86_400_000,
    "w": 604_800_000,
    "y": 31_557_600_000,
}

_LIMIT_MS = 8.0e16  # just under timedelta.max

#: Shortest TTL Infisical accepts.
MIN_TTL = timedelta(minutes=1)
#: Longest TTL current Infisical accepts (the 2024-10 servers stopped at one day).
MAX_TTL = timedelta(milliseconds=10 * _UNIT_MS["y"])


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("ms") or word.startswith("msec") or word.startswith("milli"):
        return "ms"
    if word.startswith("mi") and not word.startswith("mil"):
        return "m"
    return word[0]


def parse_duration(text: str) -> timedelta | None:
    """The duration ``text`` names, or ``None`` when it is not one."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    match = _DURATION.match(text.strip())
    if match is None:
        return None
    number = float(match.group(1))
    unit = _unit(match.group(2)) if match.group(2) else "ms"
    total = number * _UNIT_MS[unit]
    if abs(total) >= _LIMIT_MS:  # beyond what timedelta holds: far past any TTL bound
        return timedelta.max if total > 0 else timedelta.min
    return timedelta(milliseconds=total)


def ttl_problem(text: str) -> str | None:
    """Why ``text`` is not an acceptable TTL (Infisical's wording), or ``None``."""
    ttl = parse_duration(text)
    if ttl is None:
        return "TTL must be a duration such as 30m, 1h or 2d"
    if ttl < MIN_TTL:
        return "TTL must be a greater than 1min"
    if ttl > MAX_TTL:
        return "TTL must be less than 10 years"
    return None


def ttl(text: str) -> timedelta:
    """The duration of a TTL already checked by `ttl_problem`."""
    found = parse_duration(text)
    if found is None:
        raise ValueError("not a duration")
    return found

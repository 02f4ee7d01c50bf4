"""Retry decisions (pure): which failures are retried, and how long to wait before the next try.

Policy:

* Retried failures: connection errors and timeouts, and HTTP 429, 502, 503 and 504; and a
  rate-limit hit recognised by its headers whatever its status (`is_rate_limited`: older
  Infisical servers answer one with HTTP 500 plus ``retry-after`` and
  ``x-ratelimit-remaining: 0``), which is handled exactly like a 429.
* Idempotent methods (GET, HEAD, OPTIONS, PUT) are retried on all of them.
* POST, PATCH **and DELETE** are retried only when the request surely never reached the server
  (``ConnectError``, ``ConnectTimeout``, ``PoolTimeout``: `Failure.NOT_SENT`), or on 429/503 that
  carry ``Retry-After`` (the server refused the request without acting on it). DELETE is
  idempotent in HTTP, but Infisical's DELETE returns the deleted secret: a blind retry after a lost
  response would answer 404 for a delete that succeeded, so we treat it like a write.
* The wait is ``Retry-After`` when the server sent one (seconds or an HTTP date), else full jitter:
  ``uniform(0, min(cap, base * 2 ** (attempt - 1)))``.
* Nothing is retried past `RetryPolicy.max_attempts` attempts, or when the wait would end after
  the policy's total `deadline` (seconds since the first attempt started).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from infisical_kit.errors import ConfigurationError

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRY_STATUSES",
    "Failure",
    "RetryPolicy",
    "backoff_delay",
    "is_rate_limited",
    "parse_retry_after",
    "retry_delay",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: statuses that are safe to retry for any method, but only when the server sent Retry-After
_REFUSED_STATUSES = frozenset({429, 503})


class Failure(enum.Enum):
    """What went wrong with an attempt that produced no response."""

    #: the request surely did not reach the server (connect error/timeout, pool timeout)
    NOT_SENT = "not_sent"
    #: the request may have reached the server (read timeout, reset, protocol error)
    MAYBE_SENT = "maybe_sent"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry.

    **Parameters:** `max_attempts` (total tries, 1 disables retries; default 4), `backoff_base`
    and `backoff_cap` (seconds; full-jitter exponential backoff), `deadline` (seconds from the
    first attempt after which no retry is started), `max_retry_after` (a longer ``Retry-After``
    than this is not waited for; the error is raised instead).
    """

    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    deadline: float = 60.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        problems = []
        if self.max_attempts < 1:
            problems.append("max_attempts must be at least 1")
        for name in ("backoff_base", "backoff_cap", "deadline", "max_retry_after"):
            if getattr(self, name) < 0:
                problems.append(f"{name} must not be negative")
        if problems:
            raise ConfigurationError("invalid retry policy: " + "; ".join(problems))

    @classmethod
    def coerce(cls, value: RetryPolicy | int | None) -> RetryPolicy:
        """``None`` -> the default; an int ``n`` -> ``n`` retries (``0`` disables retrying)."""
        if value is None:
            return cls()
        if isinstance(value, RetryPolicy):
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigurationError("retries must be an int (retries) or a RetryPolicy")
        return cls(max_attempts=value + 1)


def is_rate_limited(status: int, headers: Mapping[str, str]) -> bool:
    """True for a rate-limit hit: a 429, or any error status that carries ``retry-after`` and
    ``x-ratelimit-remaining: 0`` (the 2024-10 Infisical answers a hit with HTTP 500)."""
    if status == 429:
        return True
    if status < 400 or headers.get("retry-after") is None:
        return False
    return (headers.get("x-ratelimit-remaining") or "").strip() == "0"


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or HTTP date; `now` is epoch).

    Returns ``None`` when absent or unparsable; never negative.
    """
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


def backoff_delay(policy: RetryPolicy, attempt: int, random: Callable[[], float]) -> float:
    """Full jitter: ``random() * min(cap, base * 2 ** (attempt - 1))``; `attempt` counts from 1."""
    ceiling = min(policy.backoff_cap, policy.backoff_base * float(2 ** min(attempt - 1, 62)))
    return random() * ceiling


def retry_delay(
    policy: RetryPolicy,
    *,
    method: str,
    attempt: int,
    elapsed: float,
    random: Callable[[], float],
    status: int | None = None,
    failure: Failure | None = None,
    retry_after: float | None = None,
) -> float | None:
    """Seconds to wait before attempt ``attempt + 1``, or ``None`` to give up now.

    `attempt` is the number of the attempt that just failed (1 for the first); pass either the
    response `status` (with its parsed `retry_after`) or the `failure` kind.
    """
    if attempt >= policy.max_attempts:
        return None
    idempotent = method.upper() in IDEMPOTENT_METHODS
    if status is not None:
        if status not in RETRY_STATUSES:
            return None
        if not idempotent and not (status in _REFUSED_STATUSES and retry_after is not None):
            return None
    elif failure is None or (not idempotent and failure is not Failure.NOT_SENT):
        return None
    if retry_after is not None:
        if retry_after > policy.max_retry_after:
            return None
        delay = retry_after
    else:
        delay = backoff_delay(policy, attempt, random)
    if elapsed + delay > policy.deadline:
        return None
    return delay

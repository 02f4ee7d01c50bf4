"""Retry math: which failures are retried, backoff with an injected random source, Retry-After."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from infisical_kit._core.retry import (
    Failure,
    RetryPolicy,
    backoff_delay,
    parse_retry_after,
    retry_delay,
)
from infisical_kit.errors import ConfigurationError

POLICY = RetryPolicy(max_attempts=5, backoff_base=0.5, backoff_cap=4.0, deadline=30.0)


def one() -> float:
    return 0.999999


def test_full_jitter_grows_exponentially_and_is_capped() -> None:
    ceilings = [backoff_delay(POLICY, attempt, one) for attempt in range(1, 7)]
    assert ceilings == pytest.approx([0.5, 1.0, 2.0, 4.0, 4.0, 4.0], rel=1e-5)
    assert backoff_delay(POLICY, 3, lambda: 0.25) == pytest.approx(0.5)
    assert backoff_delay(POLICY, 1000, lambda: 0.5) == pytest.approx(2.0)  # no overflow


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_get_retries_retryable_statuses(status: int) -> None:
    delay = retry_delay(POLICY, method="GET", attempt=1, elapsed=0, random=one, status=status)
    assert delay == pytest.approx(0.5, rel=1e-5)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 500, 501])
def test_other_statuses_are_not_retried(status: int) -> None:
    assert (
        retry_delay(POLICY, method="GET", attempt=1, elapsed=0, random=one, status=status) is None
    )


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
def test_writes_retry_only_when_surely_not_sent(method: str) -> None:
    def decide(**kw: object) -> float | None:
        return retry_delay(POLICY, method=method, attempt=1, elapsed=0, random=one, **kw)  # type: ignore[arg-type]

    assert decide(failure=Failure.NOT_SENT) is not None
    assert decide(failure=Failure.MAYBE_SENT) is None
    assert decide(status=502) is None and decide(status=504) is None
    assert decide(status=503) is None and decide(status=429) is None  # no Retry-After
    assert decide(status=503, retry_after=2.0) == 2.0
    assert decide(status=429, retry_after=0.0) == 0.0
    assert decide(status=502, retry_after=1.0) is None


def test_idempotent_methods_retry_maybe_sent_failures() -> None:
    for method in ("GET", "PUT", "HEAD"):
        delay = retry_delay(
            POLICY, method=method, attempt=2, elapsed=0, random=one, failure=Failure.MAYBE_SENT
        )
        assert delay == pytest.approx(1.0, rel=1e-5)


def test_attempts_deadline_and_long_retry_after_stop_retrying() -> None:
    kw = {"method": "GET", "random": one, "status": 503}
    assert retry_delay(POLICY, attempt=4, elapsed=0, **kw) is not None  # type: ignore[arg-type]
    assert retry_delay(POLICY, attempt=5, elapsed=0, **kw) is None  # type: ignore[arg-type]
    assert retry_delay(POLICY, attempt=1, elapsed=29.8, **kw) is None  # type: ignore[arg-type]
    assert retry_delay(POLICY, attempt=1, elapsed=29.0, **kw) is not None  # type: ignore[arg-type]
    assert (
        retry_delay(POLICY, attempt=1, elapsed=0, retry_after=61.0, **kw)  # type: ignore[arg-type]
        is None
    )
    assert retry_delay(POLICY, attempt=1, elapsed=0, retry_after=7.0, **kw) == 7.0  # type: ignore[arg-type]
    assert retry_delay(POLICY, method="GET", attempt=1, elapsed=0, random=one) is None


def test_parse_retry_after() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("3", now) == 3.0
    assert parse_retry_after(" 1.5 ", now) == 1.5
    assert parse_retry_after("-4", now) == 0.0
    assert parse_retry_after("soon", now) is None
    later = format_datetime(datetime.fromtimestamp(now + 42, tz=timezone.utc), usegmt=True)
    assert parse_retry_after(later, now) == pytest.approx(42.0)
    earlier = format_datetime(datetime.fromtimestamp(now - 42, tz=timezone.utc), usegmt=True)
    assert parse_retry_after(earlier, now) == 0.0


def test_policy_coercion_and_validation() -> None:
    assert RetryPolicy.coerce(None) == RetryPolicy()
    assert RetryPolicy.coerce(0).max_attempts == 1
    assert RetryPolicy.coerce(2).max_attempts == 3
    custom = RetryPolicy(max_attempts=2)
    assert RetryPolicy.coerce(custom) is custom
    with pytest.raises(ConfigurationError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ConfigurationError, match="backoff_cap"):
        RetryPolicy(backoff_cap=-1)
    with pytest.raises(ConfigurationError, match="retries must be"):
        RetryPolicy.coerce(True)

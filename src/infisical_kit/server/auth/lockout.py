"""Login lockout after repeated failures: universal-auth client ids and user passwords.

After ``lockout_threshold`` failures (a failure older than ``lockout_counter_reset_seconds``
restarts the count) the row is locked for ``lockout_duration_seconds``: even the right secret
or password is refused, and no argon2 check runs for it. Universal auth keeps its settings
on the ``identity_universal_auth`` row; users share the constants of :class:`~..schema.User`.
The state lives in the database so every server process sees it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Protocol

from ..errors import ApiError, unauthorized
from ..schema import IdentityUniversalAuth, User


class Lockable(Protocol):
    """A row that carries lockout settings and counters."""

    @property
    def lockout_enabled(self) -> bool: ...
    @property
    def lockout_threshold(self) -> int: ...
    @property
    def lockout_duration_seconds(self) -> int: ...
    @property
    def lockout_counter_reset_seconds(self) -> int: ...

    failed_attempts: int
    last_failed_at: datetime | None
    locked_until: datetime | None


def locked_seconds(row: Lockable, now: datetime) -> int | None:
    """Seconds until the lock ends, or ``None`` when the row is not locked."""
    if row.lockout_enabled and row.locked_until is not None and now < row.locked_until:
        return max(1, math.ceil((row.locked_until - now).total_seconds()))
    return None


def check_not_locked(ua: IdentityUniversalAuth, now: datetime) -> None:
    """401 when the client id is currently locked out."""
    seconds = locked_seconds(ua, now)
    if seconds is not None:
        raise unauthorized(
            "Failed to authenticate identity credentials: this client ID is locked after too "
            f"many failed attempts. Try again in {seconds} seconds."
        )


def check_user_not_locked(user: User, now: datetime) -> None:
    """403 ``UserLocked`` (Infisical's answer) when the user is currently locked out."""
    seconds = locked_seconds(user, now)
    if seconds is not None:
        raise ApiError(
            403,
            "User is temporary locked due to multiple failed login attempts. "
            f"Try again after {seconds} seconds.",
            "UserLocked",
            headers={"retry-after": str(seconds)},
        )


def record_failure(row: Lockable, now: datetime) -> None:
    """Count one failure; lock the row when the threshold is reached."""
    if not row.lockout_enabled:
        return
    reset = timedelta(seconds=row.lockout_counter_reset_seconds)
    if row.last_failed_at is None or now - row.last_failed_at > reset:
        row.failed_attempts = 0
    row.failed_attempts += 1
    row.last_failed_at = now
    if row.failed_attempts >= row.lockout_threshold:
        row.locked_until = now + timedelta(seconds=row.lockout_duration_seconds)
        row.failed_attempts = 0


def record_success(row: Lockable) -> None:
    """Clear the failure count after a good login."""
    row.failed_attempts = 0
    row.last_failed_at = None
    row.locked_until = None

"""Universal-auth client-secret lockout, kept on the ``identity_universal_auth`` row.

After ``lockout_threshold`` bad client secrets for one client id (a failure older than
``lockout_counter_reset_seconds`` restarts the count) the client id is locked for
``lockout_duration_seconds``: even the right secret is refused. The state lives in the
database so every server process sees it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from ..errors import unauthorized
from ..schema import IdentityUniversalAuth


def check_not_locked(ua: IdentityUniversalAuth, now: datetime) -> None:
    """401 when the client id is currently locked out."""
    if ua.lockout_enabled and ua.locked_until is not None and now < ua.locked_until:
        seconds = math.ceil((ua.locked_until - now).total_seconds())
        raise unauthorized(
            "Failed to authenticate identity credentials: this client ID is locked after too "
            f"many failed attempts. Try again in {seconds} seconds."
        )


def record_failure(ua: IdentityUniversalAuth, now: datetime) -> None:
    """Count one bad secret; lock the client id when the threshold is reached."""
    if not ua.lockout_enabled:
        return
    reset = timedelta(seconds=ua.lockout_counter_reset_seconds)
    if ua.last_failed_at is None or now - ua.last_failed_at > reset:
        ua.failed_attempts = 0
    ua.failed_attempts += 1
    ua.last_failed_at = now
    if ua.failed_attempts >= ua.lockout_threshold:
        ua.locked_until = now + timedelta(seconds=ua.lockout_duration_seconds)
        ua.failed_attempts = 0


def record_success(ua: IdentityUniversalAuth) -> None:
    """Clear the failure count after a good login."""
    ua.failed_attempts = 0
    ua.last_failed_at = None
    ua.locked_until = None

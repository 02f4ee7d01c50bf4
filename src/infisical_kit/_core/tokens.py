"""Token state: when is an access token due for refresh? (pure; times are monotonic seconds)

A token has an expiry (``expiresIn``) and a hard end of life (``accessTokenMaxTTL``, counted from
first login). Refresh windows are relative to the token's lifetime, because TTLs range from
seconds to days:

* ``ADVISORY`` - inside the last quarter of the lifetime (at most `ADVISORY_WINDOW_MAX` seconds):
  refresh if nobody else is, and keep using the old token if the refresh fails.
* ``MANDATORY`` - inside the last tenth (at most `MANDATORY_WINDOW_MAX` seconds) or expired:
  every caller waits for a fresh token.

Renew-vs-login decisions (``/auth/token/renew`` until max TTL) will build on this state.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from infisical_kit.models import LoginResponse

__all__ = ["ADVISORY_WINDOW_MAX", "MANDATORY_WINDOW_MAX", "RefreshNeed", "TokenState"]

ADVISORY_WINDOW_MAX = 300.0
MANDATORY_WINDOW_MAX = 15.0


class RefreshNeed(enum.Enum):
    """How urgently a token must be refreshed."""

    NONE = "none"
    ADVISORY = "advisory"
    MANDATORY = "mandatory"


@dataclass(frozen=True)
class TokenState:
    """An access token and when it stops being usable (``None``: never). Token hidden in repr."""

    access_token: str = field(repr=False)
    obtained_at: float
    expires_at: float | None = None
    max_expires_at: float | None = None

    @classmethod
    def from_login(cls, login: LoginResponse, now: float) -> TokenState:
        """State of a token just obtained at `now`; a TTL of 0 means "no limit"."""
        return cls(
            access_token=login.access_token,
            obtained_at=now,
            expires_at=now + login.expires_in if login.expires_in > 0 else None,
            max_expires_at=(
                now + login.access_token_max_ttl if login.access_token_max_ttl > 0 else None
            ),
        )

    @classmethod
    def static(cls, token: str, now: float = 0.0) -> TokenState:
        """A token supplied by the user, with no known expiry."""
        return cls(access_token=token, obtained_at=now)

    @property
    def end_of_life(self) -> float | None:
        """The earliest of expiry and max-TTL expiry, or ``None``."""
        ends = [t for t in (self.expires_at, self.max_expires_at) if t is not None]
        return min(ends) if ends else None

    def remaining(self, now: float) -> float | None:
        """Seconds left at `now` (negative once expired), or ``None`` if it never expires."""
        end = self.end_of_life
        return None if end is None else end - now

    def expired(self, now: float) -> bool:
        """True once the end of life has passed."""
        left = self.remaining(now)
        return left is not None and left <= 0

    def needs_refresh(self, now: float) -> RefreshNeed:
        """Classify `now` against the advisory and mandatory windows."""
        end = self.end_of_life
        if end is None:
            return RefreshNeed.NONE
        lifetime = max(end - self.obtained_at, 0.0)
        left = end - now
        if left <= min(MANDATORY_WINDOW_MAX, lifetime / 10):
            return RefreshNeed.MANDATORY
        if left <= min(ADVISORY_WINDOW_MAX, lifetime / 4):
            return RefreshNeed.ADVISORY
        return RefreshNeed.NONE

"""Token state and lifecycle decisions (pure; times are seconds on the token manager's clock).

A token has an expiry (``expiresIn``, or a JWT's ``exp``) and, for machine identities, a hard
end of life (``accessTokenMaxTTL``, counted from the FIRST login of the session, kept across
renewals). Refresh windows are relative to the token's lifetime, because TTLs range from seconds
to days (`refresh_windows`):

* ``ADVISORY`` - the last quarter of the lifetime (at most `ADVISORY_WINDOW_MAX`, at least
  `ADVISORY_WINDOW_MIN` seconds): refresh if nobody else is, keep the old token if that fails.
* ``MANDATORY`` - the last tenth (at most `MANDATORY_WINDOW_MAX`, at least
  `MANDATORY_WINDOW_MIN` seconds) or expired: every caller waits for the one refresh.

`plan_refresh` decides how to refresh: renew (``/api/v1/auth/token/renew``, identity tokens) while
the renewed token would still end before the max TTL, otherwise log in again.
`jwt_expiry` reads a JWT's ``exp`` without verifying it (no PyJWT in the SDK).
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
from dataclasses import dataclass, field, replace

from infisical_kit.models import LoginResponse

__all__ = [
    "ADVISORY_WINDOW_MAX",
    "ADVISORY_WINDOW_MIN",
    "MANDATORY_WINDOW_MAX",
    "MANDATORY_WINDOW_MIN",
    "RefreshAction",
    "RefreshNeed",
    "TokenState",
    "jwt_expiry",
    "plan_refresh",
    "refresh_windows",
]

ADVISORY_WINDOW_MAX = 300.0
ADVISORY_WINDOW_MIN = 2.0
MANDATORY_WINDOW_MAX = 60.0
MANDATORY_WINDOW_MIN = 1.0


class RefreshNeed(enum.Enum):
    """How urgently a token must be refreshed."""

    NONE = "none"
    ADVISORY = "advisory"
    MANDATORY = "mandatory"


class RefreshAction(enum.Enum):
    """How to get a fresh token."""

    RENEW = "renew"
    LOGIN = "login"


def refresh_windows(lifetime: float) -> tuple[float, float]:
    """``(advisory, mandatory)`` window sizes in seconds for a token living `lifetime` seconds.

    25 % / 10 % of the lifetime, capped at 300 s / 60 s, with floors of 2 s / 1 s; a floor never
    exceeds three quarters / half of the lifetime, so a tiny token is still usable for a moment.
    """
    lifetime = max(lifetime, 0.0)
    mandatory = min(
        MANDATORY_WINDOW_MAX, max(lifetime * 0.10, min(MANDATORY_WINDOW_MIN, lifetime * 0.5))
    )
    advisory = min(
        ADVISORY_WINDOW_MAX, max(lifetime * 0.25, min(ADVISORY_WINDOW_MIN, lifetime * 0.75))
    )
    return max(advisory, mandatory), mandatory


@dataclass(frozen=True)
class TokenState:
    """An access token and when it stops being usable (``None``: never). Token hidden in repr.

    `ttl` is the lifetime the server granted this token; `session_started_at` is when the first
    login of this session happened (renewals keep it; the max TTL counts from it); `renewable`
    says whether ``/auth/token/renew`` applies (identity tokens from a login).
    """

    access_token: str = field(repr=False)
    obtained_at: float
    expires_at: float | None = None
    max_expires_at: float | None = None
    ttl: float = 0.0
    session_started_at: float = 0.0
    renewable: bool = False

    @classmethod
    def from_login(cls, login: LoginResponse, now: float, *, renewable: bool = True) -> TokenState:
        """State of a token just obtained at `now` by a login; a TTL of 0 means "no limit"."""
        return cls(
            access_token=login.access_token,
            obtained_at=now,
            expires_at=now + login.expires_in if login.expires_in > 0 else None,
            max_expires_at=(
                now + login.access_token_max_ttl if login.access_token_max_ttl > 0 else None
            ),
            ttl=float(login.expires_in),
            session_started_at=now,
            renewable=renewable,
        )

    def renewed(self, login: LoginResponse, now: float) -> TokenState:
        """State after a successful renew at `now`: new token and expiry, same session and max."""
        return replace(
            self,
            access_token=login.access_token,
            obtained_at=now,
            expires_at=now + login.expires_in if login.expires_in > 0 else None,
            ttl=float(login.expires_in),
        )

    @classmethod
    def static(cls, token: str, now: float = 0.0, *, expires_at: float | None = None) -> TokenState:
        """A token supplied by the user (never refreshed); `expires_at` from its JWT if any."""
        return cls(
            access_token=token, obtained_at=now, expires_at=expires_at, session_started_at=now
        )

    @classmethod
    def from_jwt(cls, token: str, now: float, wall_now: float) -> TokenState:
        """A user session token: expiry from its ``exp`` claim (wall time mapped onto `now`)."""
        exp = jwt_expiry(token)
        expires_at = None if exp is None else now + (exp - wall_now)
        ttl = 0.0 if expires_at is None else max(expires_at - now, 0.0)
        return cls(
            access_token=token,
            obtained_at=now,
            expires_at=expires_at,
            ttl=ttl,
            session_started_at=now,
        )

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
        advisory, mandatory = refresh_windows(end - self.obtained_at)
        left = end - now
        if left <= mandatory:
            return RefreshNeed.MANDATORY
        if left <= advisory:
            return RefreshNeed.ADVISORY
        return RefreshNeed.NONE


def plan_refresh(state: TokenState | None, now: float) -> RefreshAction:
    """Renew while the token is renewable, unexpired, and a renewed token would end within the
    max TTL (``now + ttl <= session start + max TTL``); otherwise log in again."""
    if state is None or not state.renewable or state.expired(now):
        return RefreshAction.LOGIN
    if state.expires_at is None or state.ttl <= 0:
        return RefreshAction.LOGIN
    if state.max_expires_at is not None and now + state.ttl > state.max_expires_at:
        return RefreshAction.LOGIN
    return RefreshAction.RENEW


def jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim (Unix seconds) of a JWT, read WITHOUT verifying it; ``None`` when the
    token is not a JWT or has no numeric ``exp``."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[1]:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return None
    return float(exp)

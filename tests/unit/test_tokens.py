"""Token state: expiry and the advisory/mandatory refresh windows."""

from __future__ import annotations

from infisical_kit._core.tokens import RefreshNeed, TokenState
from infisical_kit.models import LoginResponse


def _login(expires_in: int, max_ttl: int) -> LoginResponse:
    return LoginResponse.model_validate(
        {"accessToken": "tok", "expiresIn": expires_in, "accessTokenMaxTTL": max_ttl}
    )


def test_from_login_computes_expiry() -> None:
    state = TokenState.from_login(_login(7200, 2592000), now=1000.0)
    assert state.expires_at == 8200.0 and state.max_expires_at == 2593000.0
    assert state.end_of_life == 8200.0 and state.remaining(1200.0) == 7000.0
    assert "tok" not in repr(state)


def test_zero_ttls_mean_no_limit() -> None:
    state = TokenState.from_login(_login(0, 0), now=0.0)
    assert state.end_of_life is None and not state.expired(1e12)
    assert state.needs_refresh(1e12) is RefreshNeed.NONE


def test_windows_for_a_long_token() -> None:
    state = TokenState.from_login(_login(7200, 0), now=0.0)
    assert state.needs_refresh(0.0) is RefreshNeed.NONE
    assert state.needs_refresh(7200 - 301) is RefreshNeed.NONE
    assert state.needs_refresh(7200 - 299) is RefreshNeed.ADVISORY
    assert state.needs_refresh(7200 - 16) is RefreshNeed.ADVISORY
    assert state.needs_refresh(7200 - 14) is RefreshNeed.MANDATORY
    assert state.needs_refresh(7300) is RefreshNeed.MANDATORY and state.expired(7300)


def test_windows_scale_with_a_short_token() -> None:
    state = TokenState.from_login(_login(20, 0), now=0.0)
    assert state.needs_refresh(14.0) is RefreshNeed.NONE
    assert state.needs_refresh(16.0) is RefreshNeed.ADVISORY  # last quarter: 5 s
    assert state.needs_refresh(18.5) is RefreshNeed.MANDATORY  # last tenth: 2 s


def test_max_ttl_caps_the_lifetime() -> None:
    state = TokenState.from_login(_login(7200, 100), now=0.0)
    assert state.end_of_life == 100.0
    assert state.needs_refresh(95.0) is RefreshNeed.MANDATORY


def test_static_tokens_never_expire() -> None:
    assert TokenState.static("t").needs_refresh(1e9) is RefreshNeed.NONE

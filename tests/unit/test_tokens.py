"""Token state: expiry, the advisory/mandatory windows, renew-or-login, JWT ``exp`` decoding."""

from __future__ import annotations

import base64
import json

import pytest

from infisical_kit._core.tokens import (
    RefreshAction,
    RefreshNeed,
    TokenState,
    jwt_expiry,
    plan_refresh,
    refresh_windows,
)
from infisical_kit.models import LoginResponse


def _login(expires_in: int, max_ttl: int, token: str = "tok") -> LoginResponse:
    return LoginResponse.model_validate(
        {"accessToken": token, "expiresIn": expires_in, "accessTokenMaxTTL": max_ttl}
    )


def _jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.signature"


def test_from_login_computes_expiry() -> None:
    state = TokenState.from_login(_login(7200, 2592000), now=1000.0)
    assert state.expires_at == 8200.0 and state.max_expires_at == 2593000.0
    assert state.end_of_life == 8200.0 and state.remaining(1200.0) == 7000.0
    assert state.session_started_at == 1000.0 and state.ttl == 7200.0 and state.renewable
    assert "tok" not in repr(state)


def test_zero_ttls_mean_no_limit() -> None:
    state = TokenState.from_login(_login(0, 0), now=0.0)
    assert state.end_of_life is None and not state.expired(1e12)
    assert state.needs_refresh(1e12) is RefreshNeed.NONE


@pytest.mark.parametrize(
    ("lifetime", "advisory", "mandatory"),
    [
        (2_592_000, 300.0, 60.0),  # 30 days: both capped
        (7200, 300.0, 60.0),
        (1000, 250.0, 60.0),  # 25 % / capped 10 %
        (100, 25.0, 10.0),  # 25 % / 10 %
        (8, 2.0, 1.0),  # floors
        (1, 0.75, 0.5),  # tiny: floors limited to 3/4 and 1/2 of the lifetime
        (0, 0.0, 0.0),
    ],
)
def test_window_sizes(lifetime: float, advisory: float, mandatory: float) -> None:
    assert refresh_windows(lifetime) == pytest.approx((advisory, mandatory))


def test_windows_for_a_long_token() -> None:
    state = TokenState.from_login(_login(7200, 0), now=0.0)
    assert state.needs_refresh(0.0) is RefreshNeed.NONE
    assert state.needs_refresh(7200 - 301) is RefreshNeed.NONE
    assert state.needs_refresh(7200 - 299) is RefreshNeed.ADVISORY
    assert state.needs_refresh(7200 - 61) is RefreshNeed.ADVISORY
    assert state.needs_refresh(7200 - 59) is RefreshNeed.MANDATORY
    assert state.needs_refresh(7300) is RefreshNeed.MANDATORY and state.expired(7300)


def test_windows_scale_with_a_short_token() -> None:
    state = TokenState.from_login(_login(20, 0), now=0.0)
    assert state.needs_refresh(14.0) is RefreshNeed.NONE
    assert state.needs_refresh(16.0) is RefreshNeed.ADVISORY  # last quarter: 5 s
    assert state.needs_refresh(18.5) is RefreshNeed.MANDATORY  # last tenth, floored at 2 s


def test_max_ttl_caps_the_lifetime() -> None:
    state = TokenState.from_login(_login(7200, 100), now=0.0)
    assert state.end_of_life == 100.0
    assert state.needs_refresh(95.0) is RefreshNeed.MANDATORY


def test_static_tokens_without_exp_never_expire() -> None:
    assert TokenState.static("t").needs_refresh(1e9) is RefreshNeed.NONE
    assert not TokenState.static("t").renewable


def test_renew_keeps_the_session_start_and_max() -> None:
    state = TokenState.from_login(_login(100, 1000, "t1"), now=10.0)
    renewed = state.renewed(_login(100, 1000, "t2"), now=90.0)
    assert renewed.access_token == "t2" and renewed.expires_at == 190.0
    assert renewed.session_started_at == 10.0 and renewed.max_expires_at == 1010.0
    assert renewed.needs_refresh(100.0) is RefreshNeed.NONE


def test_plan_renews_until_the_max_ttl_would_be_passed() -> None:
    state = TokenState.from_login(_login(100, 250), now=0.0)
    assert plan_refresh(state, 80.0) is RefreshAction.RENEW
    state = state.renewed(_login(100, 250), now=80.0)  # now valid until 180
    assert plan_refresh(state, 150.0) is RefreshAction.RENEW  # 150 + 100 == 250: still inside
    assert plan_refresh(state, 150.5) is RefreshAction.LOGIN  # the renewed token would outlive it


def test_plan_logs_in_when_renewing_is_impossible() -> None:
    assert plan_refresh(None, 0.0) is RefreshAction.LOGIN
    expired = TokenState.from_login(_login(100, 0), now=0.0)
    assert plan_refresh(expired, 99.0) is RefreshAction.RENEW
    assert plan_refresh(expired, 100.0) is RefreshAction.LOGIN  # the server would say TokenError
    same_ttl = TokenState.from_login(_login(100, 100), now=0.0)  # TTL == max TTL: never renewable
    assert plan_refresh(same_ttl, 1.0) is RefreshAction.LOGIN
    unlimited = TokenState.from_login(_login(0, 0), now=0.0)
    assert plan_refresh(unlimited, 1.0) is RefreshAction.LOGIN
    user = TokenState.from_jwt(_jwt({"exp": 1_000_100}), now=0.0, wall_now=1_000_000.0)
    assert not user.renewable and plan_refresh(user, 50.0) is RefreshAction.LOGIN


def test_jwt_expiry_is_read_without_verification() -> None:
    assert jwt_expiry(_jwt({"exp": 1700000000, "sub": "x"})) == 1700000000.0
    assert jwt_expiry(_jwt({"sub": "x"})) is None
    assert jwt_expiry(_jwt({"exp": "soon"})) is None
    assert jwt_expiry(_jwt({"exp": True})) is None
    for not_a_jwt in ("st.abc.def", "plain-token", "a.%%%.c", "a..c", "a.bm90IGpzb24.c"):
        assert jwt_expiry(not_a_jwt) is None


def test_user_token_state_maps_wall_time_onto_the_clock() -> None:
    state = TokenState.from_jwt(_jwt({"exp": 1_000_600}), now=50.0, wall_now=1_000_000.0)
    assert state.expires_at == 650.0 and state.ttl == 600.0
    assert state.needs_refresh(50.0 + 600 - 100) is RefreshNeed.ADVISORY
    assert state.needs_refresh(50.0 + 600 - 30) is RefreshNeed.MANDATORY
    assert _jwt({"exp": 1_000_600}) not in repr(state)

"""Helpers for the platform tests: log in over HTTP and build an authorised client."""

from __future__ import annotations

from typing import Any

import httpx

LOGIN = "/api/v1/auth/universal-auth/login"


def login(url: str, bootstrap: dict[str, Any]) -> str:
    """Universal-auth login with the bootstrap identity; returns the access token."""
    resp = httpx.post(
        url + LOGIN,
        json={"clientId": bootstrap["client_id"], "clientSecret": bootstrap["client_secret"]},
        timeout=10,
    )
    assert resp.status_code == 200, resp.status_code
    token: str = resp.json()["accessToken"]
    return token


def authed(url: str, bootstrap: dict[str, Any], **kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` on ``url`` carrying a fresh Bearer token."""
    token = login(url, bootstrap)
    return httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30, **kwargs
    )


def assert_envelope(resp: httpx.Response, status: int, error: str | None = None) -> dict[str, Any]:
    """The response is ``status`` with the Infisical error envelope; returns the body."""
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    body: dict[str, Any] = resp.json()
    assert set(body) >= {"reqId", "statusCode", "message", "error"}, body
    assert body["statusCode"] == status
    if error is not None:
        assert body["error"] == error, body
    return body

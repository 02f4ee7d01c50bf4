"""Rate limiting: 429 in the envelope with Retry-After and x-ratelimit-* headers, shared in the
database (so every process of one server counts together), /api/status exempt, and recovery
when the window rolls over."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from infisical_kit.server.db import make_engine, upgrade
from infisical_kit.server.ratelimit import WINDOW_SECONDS, RateLimiter, bucket_for
from infisical_kit.server.settings import ENV_FORWARDED_ALLOW_IPS, ServerSettings
from infisical_kit.testing import LocalServer

from ._platform import assert_envelope, authed

V4 = "/api/v4/secrets"


def test_429_with_headers_and_status_exempt(tmp_path: Path) -> None:
    args = ["--rate-limit-secrets", "5", "--rate-limit-read", "3"]
    with (
        LocalServer(tmp_path / "srv", extra_args=args) as srv,
        authed(srv.url, srv.bootstrap) as http,
    ):
        scope = {"projectId": srv.bootstrap["project_id"], "environment": "dev"}
        seen_remaining = []
        for _ in range(5):
            resp = http.get(V4, params=scope)
            assert resp.status_code == 200, resp.text
            assert resp.headers["x-ratelimit-limit"] == "5"
            seen_remaining.append(int(resp.headers["x-ratelimit-remaining"]))
            assert 1 <= int(resp.headers["x-ratelimit-reset"]) <= WINDOW_SECONDS
        assert seen_remaining[0] == 4
        limited = None
        for _ in range(6):
            resp = http.get(V4, params=scope)
            if resp.status_code == 429:
                limited = resp
                break
        assert limited is not None, "no 429 after exceeding the secrets limit"
        body = assert_envelope(limited, 429, "RateLimitExceeded")
        retry = int(limited.headers["retry-after"])
        assert 1 <= retry <= WINDOW_SECONDS
        assert body["message"] == (f"Rate limit exceeded. Please try again in {retry} seconds")
        assert limited.headers["x-ratelimit-limit"] == "5"
        assert limited.headers["x-ratelimit-remaining"] == "0"
        assert limited.headers["x-ratelimit-reset"] == str(retry)
        # /api/status is exempt and has no rate-limit headers.
        for _ in range(10):
            status = http.get("/api/status")
            assert status.status_code == 200
            assert "x-ratelimit-limit" not in status.headers
        # A different bucket (read) has its own counter and limit.
        other = http.get("/api/v1/nothing-here")
        assert other.headers.get("x-ratelimit-limit") == "3"
        # Write bucket is unlimited in dev mode unless set: no headers.
        login = http.post("/api/v1/auth/universal-auth/login", json={})
        assert "x-ratelimit-limit" not in login.headers


def test_dev_mode_has_no_rate_limit_by_default(infisical_server: LocalServer) -> None:
    with authed(infisical_server.url, infisical_server.bootstrap) as http:
        resp = http.get(V4, params={"projectId": infisical_server.bootstrap["project_id"]})
        assert "x-ratelimit-limit" not in resp.headers


def test_counters_shared_and_window_recovers(tmp_path: Path) -> None:
    """Two limiters on one database (as two processes would be) share one counter, and a new
    window starts from zero."""
    engine = make_engine(f"sqlite:///{tmp_path / 'rl.db'}")
    upgrade(engine)
    a = RateLimiter(engine, {"secrets": 3})
    b = RateLimiter(make_engine(f"sqlite:///{tmp_path / 'rl.db'}"), {"secrets": 3})
    now = 60.0 * 16_667 + 20  # 20 s into a window
    decisions = [lim.hit("secrets", "10.0.0.1", now) for lim in (a, b, a, b)]
    assert [d.allowed for d in decisions if d] == [True, True, True, False]
    last = decisions[-1]
    assert last is not None and last.remaining == 0 and last.reset_after == 40
    assert a.current("secrets", "10.0.0.1", now) == 4
    # Another client is not affected; an unlimited bucket is not counted.
    other = a.hit("secrets", "10.0.0.2", now)
    assert other is not None and other.allowed and other.remaining == 2
    assert a.hit("read", "10.0.0.1", now) is None
    # Next window: allowed again.
    later = b.hit("secrets", "10.0.0.1", now + WINDOW_SECONDS)
    assert later is not None and later.allowed and later.remaining == 2


@pytest.mark.parametrize(
    ("method", "path", "bucket"),
    [
        ("GET", "/api/status", None),
        ("GET", "/api/docs/json", None),
        ("GET", "/api/v4/secrets/X", "secrets"),
        ("DELETE", "/api/v3/secrets/raw/X", "secrets"),
        ("POST", "/api/v2/folders", "secrets"),
        ("GET", "/api/v1/projects", "read"),
        ("POST", "/api/v1/auth/universal-auth/login", "write"),
    ],
)
def test_buckets(method: str, path: str, bucket: str | None) -> None:
    assert bucket_for(method, path) == bucket


def _counted_clients(srv: LocalServer) -> set[str]:
    """The client addresses the server's rate-limit counters are keyed on."""
    with contextlib.closing(sqlite3.connect(srv.data_dir / "infisical-kit.db")) as db:
        keys = [row[0] for row in db.execute("SELECT key FROM rate_limit_counters")]
    return {key.split("|")[1] for key in keys}


def test_spoofed_forwarded_for_does_not_reset_the_limit(tmp_path: Path) -> None:
    """By default no proxy is trusted: a fresh X-Forwarded-For per request (from loopback,
    which uvicorn alone would trust) is ignored and the socket's address is limited."""
    with (
        LocalServer(tmp_path / "srv", extra_args=["--rate-limit-read", "3"]) as srv,
        authed(srv.url, srv.bootstrap) as http,
    ):
        answers = [
            http.get("/api/v1/projects", headers={"X-Forwarded-For": f"198.51.100.{n}"})
            for n in range(5)
        ]
        assert [r.status_code for r in answers] == [200, 200, 200, 429, 429]
        assert_envelope(answers[3], 429, "RateLimitExceeded")
        assert _counted_clients(srv) == {"127.0.0.1"}


def test_configured_proxy_forwarded_for_is_honoured(tmp_path: Path) -> None:
    """With --forwarded-allow-ips naming the proxy (here: loopback), its X-Forwarded-For is
    the client: each forwarded client has its own budget."""
    args = ["--rate-limit-read", "2", "--forwarded-allow-ips", "127.0.0.1"]
    with (
        LocalServer(tmp_path / "srv", extra_args=args) as srv,
        authed(srv.url, srv.bootstrap) as http,
    ):

        def get(client: str) -> int:
            resp = http.get("/api/v1/projects", headers={"X-Forwarded-For": client})
            return resp.status_code

        assert [get("203.0.113.7") for _ in range(3)] == [200, 200, 429]
        assert [get("203.0.113.8") for _ in range(3)] == [200, 200, 429]
        # The proxy's own address is the last hop: a client-supplied first hop is not trusted.
        assert get("192.0.2.1, 203.0.113.7") == 429
        assert _counted_clients(srv) == {"203.0.113.7", "203.0.113.8"}


def test_forwarded_allow_ips_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_FORWARDED_ALLOW_IPS, " 10.0.0.1 , 10.1.0.0/16 ,")
    assert ServerSettings.from_env(data_dir="x").forwarded_allow_ips == "10.0.0.1,10.1.0.0/16"
    assert ServerSettings.from_env(data_dir="x", forwarded_allow_ips="").forwarded_allow_ips == ""
    monkeypatch.delenv(ENV_FORWARDED_ALLOW_IPS)
    assert ServerSettings.from_env(data_dir="x").forwarded_allow_ips == ""

"""A storm of 429s with ``Retry-After``: the client waits as told, then succeeds.

The server's own limits use 60-second windows (``Retry-After`` up to 60 s), too slow for the
suite, so the 429s are injected by a transport that wraps the real one: the first answers to
each request are 429 with ``Retry-After: 1``, later ones reach the real server.
"""

from __future__ import annotations

import itertools
import threading
import time

import httpx

from infisical_kit.testing import LocalServer

from .conftest import client_for


class StormTransport(httpx.BaseTransport):
    """Answers 429 (``Retry-After: 1``) `per_request` times per URL, then forwards for real."""

    def __init__(self, per_request: int) -> None:
        self._real = httpx.HTTPTransport()
        self._per_request = per_request
        self._refused: dict[str, int] = {}
        self._lock = threading.Lock()
        self.times: dict[str, list[float]] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = f"{request.method} {request.url.path}"
        with self._lock:
            self.times.setdefault(key, []).append(time.monotonic())
            refused = self._refused.get(key, 0)
            if refused < self._per_request:
                self._refused[key] = refused + 1
                return httpx.Response(
                    429,
                    headers={"Retry-After": "1"},
                    json={
                        "reqId": "storm",
                        "statusCode": 429,
                        "message": "Rate limit exceeded",
                        "error": "RateLimitExceeded",
                    },
                )
        return self._real.handle_request(request)

    def close(self) -> None:
        self._real.close()


def test_429_storm_waits_as_told_and_succeeds(infisical_server: LocalServer) -> None:
    storm = StormTransport(per_request=2)
    with client_for(infisical_server, transport=storm, cache_ttl=0) as client:
        started = time.monotonic()
        created = client.secrets.create("STORM_KEY", "storm-value")
        assert created.key == "STORM_KEY"
        assert client.secrets.get("STORM_KEY").value == "storm-value"
        took = time.monotonic() - started
    get_key = next(k for k in storm.times if k.startswith("GET ") and "STORM_KEY" in k)
    post_key = next(k for k in storm.times if k.startswith("POST ") and "STORM_KEY" in k)
    for key in (get_key, post_key):
        stamps = storm.times[key]
        assert len(stamps) == 3, (key, len(stamps))  # two refusals, then the real answer
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        assert all(gap >= 0.95 for gap in gaps), gaps  # waited the full Retry-After
    assert took >= 4 * 0.95  # login, create and get each refused twice: at least 4 waits of 1 s

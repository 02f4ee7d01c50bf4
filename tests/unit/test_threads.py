"""The sync client shares one login across threads."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from infisical_kit import Client


def test_concurrent_first_use_logs_in_once() -> None:
    logins = 0
    guard = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal logins
        if request.url.path.endswith("/login"):
            with guard:
                logins += 1
            time.sleep(0.05)  # a slow login widens the race window
            return httpx.Response(200, json={"accessToken": "t", "expiresIn": 3600})
        return httpx.Response(200, json={"secrets": []})

    with (
        Client(
            "http://server.test",
            client_id="cid",
            client_secret="sec",
            project_id="p",
            environment="dev",
            transport=httpx.MockTransport(handler),
        ) as client,
        ThreadPoolExecutor(max_workers=16) as pool,
    ):
        results = list(pool.map(lambda _: client.secrets.list(), range(32)))
    assert logins == 1 and results == [[]] * 32

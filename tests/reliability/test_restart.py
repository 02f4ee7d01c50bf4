"""The server is killed and restarted while a client keeps calling: nothing but success."""

from __future__ import annotations

import threading
import time

from infisical_kit._core.retry import RetryPolicy
from infisical_kit.testing import LocalServer

from .conftest import client_for


def test_kill_and_restart_during_calls(private_server: LocalServer) -> None:
    server = private_server
    policy = RetryPolicy(max_attempts=4, backoff_base=0.05, backoff_cap=0.3)
    with client_for(server, cache_ttl=0.05, cache_stale_if_error=3600, retries=policy) as client:
        client.secrets.create("RESTART_A", "value-a")
        client.secrets.batch_create({f"RESTART_L{i}": f"l{i}" for i in range(5)})
        client.secrets.get("RESTART_A")  # primes the cache (the stale window needs an entry)
        client.secrets.list()
        restarts = 0
        stop = threading.Event()
        errors: list[BaseException] = []

        def chaos() -> None:
            nonlocal restarts
            try:
                while not stop.is_set() and restarts < 2:
                    time.sleep(0.3)  # let some calls succeed between outages
                    server.stop(kill=True)
                    time.sleep(0.5)  # a real outage, longer than the retry budget
                    server.start()
                    restarts += 1
            except BaseException as exc:  # surfaced by the assertion below
                errors.append(exc)

        thread = threading.Thread(target=chaos)
        thread.start()
        calls = 0
        deadline = time.monotonic() + 90
        try:
            while thread.is_alive() and time.monotonic() < deadline:
                assert client.secrets.get("RESTART_A").value == "value-a"
                listed = {s.key: s.value for s in client.secrets.list()}
                assert {k: v for k, v in listed.items() if k.startswith("RESTART_L")} == {
                    f"RESTART_L{i}": f"l{i}" for i in range(5)
                }
                calls += 2
        finally:
            stop.set()
            thread.join()
        assert not errors, errors
        assert restarts == 2
        assert calls > 10
        # after the outages the client talks to the restarted server again (fresh answers)
        client.secrets.update("RESTART_A", value="value-b")
        assert client.secrets.get("RESTART_A").value == "value-b"

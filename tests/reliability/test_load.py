"""Load: 50 concurrent clients (49 reading, 1 writing) for ``INFISICAL_KIT_LOAD_SECONDS``
(10 s in the default test run, 60 s under ``make bench``): zero errors, p50/p99 printed.

The load clients share one access token (static-token clients), so the measurement is the
steady state; 50 simultaneous universal-auth logins are a separate test (all must answer 200:
the argon2 check runs outside the write transaction, and writers queue in-process).
"""

from __future__ import annotations

import asyncio
import statistics
import time

import httpx
import pytest

from infisical_kit import AsyncClient
from infisical_kit.testing import LocalServer

from .conftest import load_seconds

CLIENTS = 50


async def _run(server: LocalServer, seconds: float) -> tuple[list[float], list[str], int]:
    boot = server.bootstrap

    async with httpx.AsyncClient() as http:
        login = await http.post(
            f"{server.url}/api/v1/auth/universal-auth/login",
            json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        )
        assert login.status_code == 200, login.text
        token = login.json()["accessToken"]

    def make() -> AsyncClient:
        return AsyncClient(
            server.url,
            token=token,
            project_id=boot["project_id"],
            environment=boot["environments"][0],
            cache_ttl=0,  # every call reaches the server
        )

    async with make() as setup:
        await setup.secrets.batch_create({f"LOAD_{i:02d}": f"value-{i}" for i in range(20)})
    latencies: list[float] = []
    errors: list[str] = []
    writes = 0
    end = time.monotonic() + seconds

    async def reader(n: int) -> None:
        async with make() as client:
            i = n
            while time.monotonic() < end:
                started = time.perf_counter()
                try:
                    if i % 5 == 0:
                        assert len(await client.secrets.list()) >= 20
                    else:
                        got = await client.secrets.get(f"LOAD_{i % 20:02d}")
                        assert got.value == f"value-{i % 20}"
                except Exception as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - started)
                i += 1

    async def writer() -> None:
        nonlocal writes
        async with make() as client:
            while time.monotonic() < end:
                started = time.perf_counter()
                try:
                    await client.secrets.upsert("LOAD_WRITTEN", f"w{writes}")
                    writes += 1
                except Exception as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - started)

    await asyncio.gather(writer(), *(reader(n) for n in range(CLIENTS - 1)))
    return latencies, errors, writes


def test_fifty_concurrent_clients(
    private_server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    seconds = load_seconds()
    latencies, errors, writes = asyncio.run(_run(private_server, seconds))
    cuts = statistics.quantiles(latencies, n=100)
    with capsys.disabled():
        print(
            f"\nload: {CLIENTS} clients, {seconds:.0f} s: {len(latencies)} calls "
            f"({len(latencies) / seconds:.0f}/s, {writes} writes), "
            f"p50 {cuts[49] * 1e3:.1f} ms, p99 {cuts[98] * 1e3:.1f} ms, {len(errors)} errors"
        )
    assert errors == [], errors[:5]
    assert writes > 0
    assert len(latencies) > CLIENTS


def test_fifty_simultaneous_logins(private_server: LocalServer) -> None:
    boot = private_server.bootstrap

    async def run() -> list[int]:
        async with httpx.AsyncClient(timeout=60) as http:
            answers = await asyncio.gather(
                *(
                    http.post(
                        f"{private_server.url}/api/v1/auth/universal-auth/login",
                        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
                    )
                    for _ in range(CLIENTS)
                )
            )
        return [answer.status_code for answer in answers]

    statuses = asyncio.run(run())
    assert [s for s in statuses if s != 200] == []

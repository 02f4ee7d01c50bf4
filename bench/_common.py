"""Shared benchmark helpers: a seeded local server, timing, and the result rows.

The fixture data: one secret ``BENCH_GET`` at ``/`` and 100 secrets in the folder ``/list100``
of the bootstrap project's first environment.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from infisical_kit import Client
from infisical_kit.testing import LocalServer

GET_NAME = "BENCH_GET"
LIST_PATH = "/list100"
LIST_SIZE = 100


@dataclass
class Row:
    """One benchmark line: what was measured, the unit, and each contender's number."""

    section: str
    what: str
    unit: str
    ours: float
    others: dict[str, float] = field(default_factory=dict)
    goal: str = ""
    #: which contender `ours` is compared with for the goal, and the goal's ratio check
    baseline: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Target:
    """The server under test and the credentials/scope every contender uses."""

    url: str
    boot: dict[str, Any]
    token: str

    @property
    def project_id(self) -> str:
        return str(self.boot["project_id"])

    @property
    def environment(self) -> str:
        return str(self.boot["environments"][0])


def login_token(url: str, boot: dict[str, Any]) -> str:
    """A fresh universal-auth access token (so every contender skips its own login)."""
    response = httpx.post(
        f"{url}/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
    )
    response.raise_for_status()
    return str(response.json()["accessToken"])


def seed(server: LocalServer) -> Target:
    """Create the benchmark secrets on `server` and return the target description."""
    boot = server.bootstrap
    env = boot["environments"][0]
    with Client(
        server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=env,
        cache_ttl=0,
    ) as client:
        client.secrets.upsert(GET_NAME, "x" * 40)
        existing = {f.name for f in client.folders.list()}
        if LIST_PATH.strip("/") not in existing:
            client.folders.create(LIST_PATH.strip("/"))
            items = {f"BENCH_{i:03d}": f"value-{i:03d}-" + "y" * 24 for i in range(LIST_SIZE)}
            client.secrets.batch_create(items, secret_path=LIST_PATH)
    return Target(server.url, boot, login_token(server.url, boot))


def per_call(fn: Callable[[], object], calls: int, rounds: int = 5) -> float:
    """Seconds per call of `fn`: the best of `rounds` rounds of `calls` calls (load-robust)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - started) / calls)
    return best


def interleaved(
    contenders: dict[str, Callable[[], object]], calls: int, rounds: int
) -> dict[str, float]:
    """Seconds per call for each contender, rounds interleaved so machine load hits all alike.

    Each contender's figure is the median over rounds of the round's mean per call.
    """
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():  # warm up: connections, caches, imports
        for _ in range(10):
            fn()
    for _ in range(rounds):
        for name, fn in contenders.items():
            started = time.perf_counter()
            for _ in range(calls):
                fn()
            samples[name].append((time.perf_counter() - started) / calls)
    return {name: statistics.median(values) for name, values in samples.items()}

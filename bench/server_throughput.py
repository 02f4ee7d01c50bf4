"""Throughput of the local server: get-by-name and list-of-100, SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/server_throughput.py [--seconds 4] [--concurrency 32]
[--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]``. Starts each server with
``infisical_kit.testing.LocalServer``, seeds 100 secrets, drives it with ``concurrency`` asyncio
tasks on one ``httpx.AsyncClient`` and prints req/s with p50/p99 latency. The load generator
runs on the same machine and competes for its cores, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from infisical_kit.testing import LocalServer

V4 = "/api/v4/secrets"


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards."""
    import psycopg

    name = f"ik_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + "/" + name
        finally:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(srv: LocalServer) -> tuple[dict[str, str], dict[str, str]]:
    """Log in and create 100 secrets; returns (auth headers, scope params)."""
    boot = srv.bootstrap
    token = httpx.post(
        srv.url + "/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
    ).json()["accessToken"]
    headers = {"Authorization": f"Bearer {token}"}
    scope = {"projectId": boot["project_id"], "environment": "dev", "secretPath": "/"}
    with httpx.Client(base_url=srv.url, headers=headers, timeout=30) as http:
        for i in range(100):
            r = http.post(f"{V4}/BENCH_{i:03d}", json={**scope, "secretValue": f"value-{i}"})
            r.raise_for_status()
    return headers, scope


async def drive(
    url: str, headers: dict[str, str], path: str, params: dict[str, str], seconds: float, tasks: int
) -> dict[str, Any]:
    """Hammer ``GET path`` for ``seconds`` with ``tasks`` concurrent tasks."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=tasks, max_keepalive_connections=tasks)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=30) as http:
        for _ in range(3):  # warm-up
            await http.get(path, params=params)
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                r = await http.get(path, params=params)
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(tasks)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


def run_one(label: str, srv: LocalServer, seconds: float, tasks: int) -> list[tuple[str, ...]]:
    """Seed and measure one server; returns table rows."""
    headers, scope = seed(srv)
    rows = []
    for what, path in (("get-by-name", f"{V4}/BENCH_042"), ("list-of-100", V4)):
        res = asyncio.run(drive(srv.url, headers, path, scope, seconds, tasks))
        rows.append(
            (
                label,
                what,
                f"{res['rps']:.0f}",
                f"{res['p50']:.1f}",
                f"{res['p99']:.1f}",
                str(res["n"]),
                str(res["errors"]),
            )
        )
        print("  ".join(rows[-1]), flush=True)
    return rows


def main() -> None:
    """Parse arguments, run every configuration and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    quiet = ["--log-level", "warning"]
    rows: list[tuple[str, ...]] = []
    configs: list[tuple[str, str | None, int]] = [("sqlite 1w", None, 1), ("sqlite 2w", None, 2)]
    if not args.skip_postgres:
        configs += [("postgres 1w", "pg", 1), ("postgres 2w", "pg", 2)]
    for label, db, workers in configs:
        extra = [*quiet, "--workers", str(workers)]
        if db is None:
            with LocalServer(extra_args=extra) as srv:
                rows += run_one(label, srv, args.seconds, args.concurrency)
        else:
            with (
                postgres_database(args.postgres_url) as url,
                LocalServer(database_url=url, extra_args=extra) as srv,
            ):
                rows += run_one(label, srv, args.seconds, args.concurrency)
    header = ("server", "request", "req/s", "p50 ms", "p99 ms", "requests", "errors")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()

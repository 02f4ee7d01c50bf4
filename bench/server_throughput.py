"""Throughput of the local server: get-by-name and list-of-100, SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/server_throughput.py [--seconds 4] [--concurrency 32]
[--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]``. Starts each server with
``infisical_kit.testing.LocalServer``, seeds 100 secrets, drives it with ``concurrency``
keep-alive connections of a lean raw-bytes HTTP/1.1 client (:class:`LeanClient`, on uvloop when
installed) and prints req/s with p50/p99 latency, the load average and the errors (non-200
answers). The generator still shares the machine's cores, so the figures are a floor.

Then (unless ``--only``) the server CPU per request of row 4 (:func:`cpu_rounds`): the
contenders all running, measured in interleaved rounds, medians printed as ``CPU_MS_JSON``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from infisical_kit.testing import LocalServer, free_port

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


class LeanClient:
    """A minimal keep-alive HTTP/1.1 client: one connection, requests written as raw bytes,
    responses read by ``Content-Length``. Costs a fraction of httpx's CPU per request, so
    the load generator does not eat the core the server needs."""

    def __init__(self, host: str, port: int, request: bytes) -> None:
        self.host, self.port, self.request = host, port, request
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        """Open (or reopen) the connection."""
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def call(self) -> int:
        """Send the request once and return the status code (the body is read and dropped)."""
        if self.writer is None or self.reader is None:
            await self.connect()
        assert self.writer is not None and self.reader is not None
        self.writer.write(self.request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            lname = name.strip().lower()
            if lname == b"content-length":
                length = int(value)
            elif lname == b"connection" and value.strip().lower() == b"close":
                close = True
        if length:
            await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        """Close the connection (reopened on the next call)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


def raw_get(url: str, headers: dict[str, str], path: str, params: dict[str, str]) -> bytes:
    """The bytes of ``GET path?params`` with ``headers`` on a keep-alive connection."""
    host = urlsplit(url).netloc
    target = f"{path}?{urlencode(params)}" if params else path
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def drive(
    url: str,
    headers: dict[str, str],
    path: str,
    params: dict[str, str],
    seconds: float,
    tasks: int,
    min_requests: int = 0,
) -> dict[str, Any]:
    """Hammer ``GET path`` for ``seconds`` (and at least `min_requests` requests) over
    ``tasks`` keep-alive connections."""
    parts = urlsplit(url)
    request = raw_get(url, headers, path, params)
    clients = [LeanClient(parts.hostname or "127.0.0.1", parts.port or 80, request)]
    clients += [LeanClient(clients[0].host, clients[0].port, request) for _ in range(tasks - 1)]
    for client in clients:  # warm-up: every connection once
        if await client.call() != 200:
            raise RuntimeError(f"warm-up request to {path} failed")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: LeanClient) -> None:
        nonlocal errors
        clock = time.perf_counter
        while clock() < deadline or len(latencies) < min_requests:
            t0 = clock()
            try:
                ok = await client.call() == 200
            except (OSError, asyncio.IncompleteReadError, ValueError):
                ok = False
                await client.close()
            latencies.append(clock() - t0)
            if not ok:
                errors += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in clients))
    elapsed = time.perf_counter() - start
    for client in clients:
        await client.close()
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000,
        "n": len(latencies),
        "errors": errors,
    }


WARM_UP_REQUESTS = 500


def warm_up(
    url: str, headers: dict[str, str], path: str, params: dict[str, str], tasks: int
) -> None:
    """Unmeasured requests before a measurement (the server's first requests pay one-time
    costs: imports, caches, pools), for our server and the hello-world alike."""
    run_async(drive(url, headers, path, params, 0.0, tasks, WARM_UP_REQUESTS))


def measured(
    url: str,
    pid: int,
    headers: dict[str, str],
    path: str,
    params: dict[str, str],
    seconds: float,
    tasks: int,
    min_requests: int,
) -> tuple[dict[str, Any], float]:
    """Warm up, then :func:`drive` one request: its figures and the server process's CPU ms
    per request over the measured requests."""
    warm_up(url, headers, path, params, tasks)
    cpu0 = cpu_seconds(pid)
    res = run_async(drive(url, headers, path, params, seconds, tasks, min_requests))
    return res, (cpu_seconds(pid) - cpu0) * 1000 / max(res["n"], 1)


def run_async(coro: Any) -> Any:
    """Run ``coro`` on uvloop when installed (a cheaper event loop for the generator)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and its children so far (Linux; else 0)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                pids += [int(c) for c in fh.read().split()]
        for p in pids:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    except (OSError, ValueError, IndexError):
        return 0.0
    return total


def run_one(
    label: str, srv: LocalServer, seconds: float, tasks: int, min_requests: int
) -> list[tuple[str, ...]]:
    """Seed and measure one server; returns table rows (``cpu ms`` is the server's CPU time
    per request, all workers together)."""
    headers, scope = seed(srv)
    rows = []
    pid = srv.process.pid if srv.process is not None else 0
    requests: list[tuple[str, str, dict[str, str]]] = [
        ("get-by-name", f"{V4}/BENCH_042", scope),
        ("list-of-100", V4, scope),
        ("/api/status", "/api/status", {}),
    ]
    for what, path, params in requests:
        res, cpu_ms = measured(srv.url, pid, headers, path, params, seconds, tasks, min_requests)
        rows.append(
            (
                label,
                what,
                f"{res['rps']:.0f}",
                f"{res['p50']:.1f}",
                f"{res['p99']:.1f}",
                str(res["n"]),
                str(res["errors"]),
                f"{cpu_ms:.2f}",
                f"{os.getloadavg()[0]:.1f}",
            )
        )
        print("  ".join(rows[-1]), flush=True)
    return rows


def run_pair(
    admin_url: str, seconds: float, tasks: int, min_requests: int
) -> list[tuple[str, ...]]:
    """Two server processes (one worker each) on one PostgreSQL database, sharing the root
    key: half the connections go to each. p50/p99 are the worse of the two halves."""
    import base64
    import secrets

    env = {"INFISICAL_KIT_ROOT_KEY": base64.b64encode(secrets.token_bytes(32)).decode()}
    quiet = ["--log-level", "warning"]
    rows = []
    with (
        postgres_database(admin_url) as url,
        LocalServer(database_url=url, env=env, extra_args=quiet) as a,
        LocalServer(database_url=url, env=env, extra_args=quiet) as b,
    ):
        headers, scope = seed(a)
        pids = [srv.process.pid for srv in (a, b) if srv.process is not None]
        for what, path in (("get-by-name", f"{V4}/BENCH_042"), ("list-of-100", V4)):
            for srv in (a, b):
                warm_up(srv.url, headers, path, scope, tasks // 2)
            cpu0 = sum(cpu_seconds(pid) for pid in pids)

            async def both(path: str = path, half: int = max(min_requests // 2, 1)) -> list[Any]:
                return list(
                    await asyncio.gather(
                        drive(a.url, headers, path, scope, seconds, tasks // 2, half),
                        drive(b.url, headers, path, scope, seconds, tasks // 2, half),
                    )
                )

            res = run_async(both())
            n = sum(r["n"] for r in res)
            cpu_ms = (sum(cpu_seconds(pid) for pid in pids) - cpu0) * 1000 / max(n, 1)
            rows.append(
                (
                    "postgres 2 processes",
                    what,
                    f"{sum(r['rps'] for r in res):.0f}",
                    f"{max(r['p50'] for r in res):.1f}",
                    f"{max(r['p99'] for r in res):.1f}",
                    str(n),
                    str(sum(r["errors"] for r in res)),
                    f"{cpu_ms:.2f}",
                    f"{os.getloadavg()[0]:.1f}",
                )
            )
            print("  ".join(rows[-1]), flush=True)
    return rows


@contextmanager
def hello_server() -> Iterator[tuple[str, int]]:
    """``bench/hello_app.py`` on uvicorn, one worker: its URL and pid while the block runs."""
    port = free_port("127.0.0.1")
    command = [sys.executable, "-m", "uvicorn", "bench.hello_app:app", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/hello").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)  # the server is starting
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def hello_world(seconds: float, tasks: int, min_requests: int) -> tuple[str, ...]:
    """The floor's line in the throughput table, driven like our server."""
    with hello_server() as (url, pid):
        res, cpu_ms = measured(url, pid, {}, "/hello", {}, seconds, tasks, min_requests)
    row = (
        "FastAPI hello-world 1w",
        "/hello",
        f"{res['rps']:.0f}",
        f"{res['p50']:.1f}",
        f"{res['p99']:.1f}",
        str(res["n"]),
        str(res["errors"]),
        f"{cpu_ms:.2f}",
        f"{os.getloadavg()[0]:.1f}",
    )
    print("  ".join(row), flush=True)
    return row


ROUNDS = 5


def cpu_rounds(
    postgres_url: str | None, seconds: float, tasks: int, min_requests: int
) -> dict[str, float]:
    """Row 4: server CPU ms per request of each contender (the hello-world, our SQLite
    server, the same with the list memo off, and ours on PostgreSQL, one worker each, all
    running), measured in :data:`ROUNDS` interleaved rounds of at least `min_requests`
    requests; the median per contender. Interleaving makes the machine's drift hit all
    contenders alike, which one measurement after the other does not."""
    quiet = ["--log-level", "warning", "--workers", "1"]
    with contextlib.ExitStack() as stack:
        hello_url, hello_pid = stack.enter_context(hello_server())
        servers = [
            (
                "sqlite 1w",
                LocalServer(extra_args=quiet),
                ("get-by-name", "/api/status", "list-of-100"),
            ),
            (
                "sqlite 1w memo off",
                LocalServer(extra_args=quiet, env={"INFISICAL_KIT_LIST_MEMO_MB": "0"}),
                ("list-of-100",),
            ),
        ]
        if postgres_url:
            url = stack.enter_context(postgres_database(postgres_url))
            servers.append(
                ("postgres 1w", LocalServer(database_url=url, extra_args=quiet), ("get-by-name",))
            )
        targets = [("fastapi hello-world", hello_url, hello_pid, {}, "/hello", {})]
        for label, srv, whats in servers:
            stack.enter_context(srv)
            headers, scope = seed(srv)
            pid = srv.process.pid if srv.process is not None else 0
            paths = {
                "get-by-name": (f"{V4}/BENCH_042", scope),
                "list-of-100": (V4, scope),
                "/api/status": ("/api/status", {}),
            }
            for what in whats:
                path, params = paths[what]
                targets.append((f"{label} {what}", srv.url, pid, headers, path, params))
        figures: dict[str, list[float]] = {}
        for round_no in range(ROUNDS):
            for key, url, pid, headers, path, params in targets:
                measure = (seconds, tasks, min_requests)
                _, cpu_ms = measured(url, pid, headers, path, params, *measure)
                figures.setdefault(key, []).append(cpu_ms)
                print(f"round {round_no + 1}: {key}: {cpu_ms:.3f} CPU ms/req", file=sys.stderr)
    return {key: statistics.median(values) for key, values in figures.items()}


def main() -> None:
    """Parse arguments, run every configuration and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--round-seconds", type=float, default=1.5, help="row 4: per measurement")
    parser.add_argument("--min-requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--only", default="", help="run only configurations containing this")
    args = parser.parse_args()
    quiet = ["--log-level", "warning"]
    rows: list[tuple[str, ...]] = []
    configs: list[tuple[str, str | None, int]] = [("sqlite 1w", None, 1), ("sqlite 2w", None, 2)]
    if not args.skip_postgres:
        configs += [("postgres 1w", "pg", 1), ("postgres 2w", "pg", 2)]
    for label, db, workers in configs:
        if args.only not in label:
            continue
        extra = [*quiet, "--workers", str(workers)]
        if db is None:
            with LocalServer(extra_args=extra) as srv:
                rows += run_one(label, srv, args.seconds, args.concurrency, args.min_requests)
        else:
            with (
                postgres_database(args.postgres_url) as url,
                LocalServer(database_url=url, extra_args=extra) as srv,
            ):
                rows += run_one(label, srv, args.seconds, args.concurrency, args.min_requests)
    if not args.skip_postgres and args.only in "postgres 2 processes":
        rows += run_pair(args.postgres_url, args.seconds, args.concurrency, args.min_requests)
    if args.only in "FastAPI hello-world":
        rows.append(hello_world(args.seconds, args.concurrency, args.min_requests))
    header = (
        "server",
        "request",
        "req/s",
        "p50 ms",
        "p99 ms",
        "requests",
        "errors",
        "cpu ms",
        "load1",
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    if not args.only:
        cpu = cpu_rounds(
            None if args.skip_postgres else args.postgres_url,
            args.round_seconds,
            args.concurrency,
            args.min_requests,
        )
        print("CPU_MS_JSON " + json.dumps(cpu))


if __name__ == "__main__":
    main()

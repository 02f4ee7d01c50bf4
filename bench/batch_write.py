"""Big batches against small writers: how long one maximal batch create takes, and how
the small writes that run beside it fare.

Run: ``.venv/bin/python bench/batch_write.py [--items 3000] [--writers 16] [--rounds 3]
[--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]``. Starts a SQLite server
(and a PostgreSQL one when a URL is given) with ``infisical_kit.testing.LocalServer``, then
per round: one batch create of ``items`` secrets into a fresh folder, timed alone; then the
same size again while ``writers`` threads each create small secrets one by one until the
batch has answered. Prints the batch's wall time (best and median of the rounds), the small
writes' count, their worst latency and how many were not a 200 (a 503 means a writer waited
out the database lock).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import httpx

from infisical_kit.testing import LocalServer

BATCH = "/api/v4/secrets/batch"


@contextmanager
def _server(postgres_url: str | None) -> Iterator[LocalServer]:
    with ExitStack() as stack:
        url = None
        if postgres_url:
            from server_throughput import postgres_database  # run as a script from bench/

            url = stack.enter_context(postgres_database(postgres_url))
            url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        yield stack.enter_context(LocalServer(database_url=url))


def _token(srv: LocalServer) -> str:
    boot = srv.bootstrap
    resp = httpx.post(
        srv.url + "/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        timeout=60,
    )
    resp.raise_for_status()
    return str(resp.json()["accessToken"])


def _client(srv: LocalServer, token: str) -> httpx.Client:
    return httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {token}"}, timeout=120)


def _folder(http: httpx.Client, scope: dict[str, Any]) -> str:
    name = "batch" + uuid.uuid4().hex[:8]
    resp = http.post("/api/v2/folders", json={**scope, "name": name, "path": "/"})
    resp.raise_for_status()
    return "/" + name


def _batch(http: httpx.Client, scope: dict[str, Any], items: int) -> float:
    body = {
        **scope,
        "secretPath": _folder(http, scope),
        "secrets": [
            {"secretKey": f"K_{i:05d}", "secretValue": f"value-{i}", "secretComment": "bench"}
            for i in range(items)
        ],
    }
    started = time.perf_counter()
    resp = http.post(BATCH, json=body)
    elapsed = time.perf_counter() - started
    if resp.status_code != 200:
        raise SystemExit(f"batch answered {resp.status_code}: {resp.text[:200]}")
    return elapsed


def _with_writers(
    srv: LocalServer, token: str, scope: dict[str, Any], items: int, writers: int
) -> tuple[float, list[tuple[int, float]]]:
    done = threading.Event()
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        with _client(srv, token) as http:
            i = 0
            while not done.is_set():
                started = time.perf_counter()
                resp = http.post(
                    f"/api/v4/secrets/W{n}_{i}_{uuid.uuid4().hex[:6]}",
                    json={**scope, "secretValue": "small"},
                )
                with lock:
                    results.append((resp.status_code, time.perf_counter() - started))
                i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    with _client(srv, token) as http:
        for t in threads:
            t.start()
        time.sleep(0.2)  # let the writers get going before the batch arrives
        elapsed = _batch(http, scope, items)
    done.set()
    for t in threads:
        t.join()
    return elapsed, results


def run(srv: LocalServer, label: str, items: int, writers: int, rounds: int) -> None:
    """Time ``rounds`` batches alone and ``rounds`` beside ``writers`` small writers."""
    scope = {"projectId": srv.bootstrap["project_id"], "environment": "dev"}
    token = _token(srv)
    with _client(srv, token) as http:
        _batch(http, scope, 10)  # warm up
        alone = [_batch(http, scope, items) for _ in range(rounds)]
    print(
        f"{label}: batch create of {items} secrets: best {min(alone):.3f} s, "
        f"median {statistics.median(alone):.3f} s"
    )
    for _ in range(rounds):
        elapsed, results = _with_writers(srv, token, scope, items, writers)
        bad = sum(1 for status, _ in results if status != 200)
        worst = max((latency for _, latency in results), default=0.0)
        print(
            f"{label}: with {writers} writers: batch {elapsed:.3f} s; small writes "
            f"{len(results)}, not 200: {bad}, worst latency {worst:.3f} s"
        )


def main() -> None:
    """Parse the arguments and run the benchmark on SQLite (and PostgreSQL when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args()
    with _server(None) as srv:
        run(srv, "sqlite", args.items, args.writers, args.rounds)
    if args.postgres_url:
        with _server(args.postgres_url) as srv:
            run(srv, "postgresql", args.items, args.writers, args.rounds)


if __name__ == "__main__":
    main()

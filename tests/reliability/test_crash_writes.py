"""kill -9 of the server during 1000 concurrent writes: acknowledged writes survive, the
database is intact (SQLite ``PRAGMA integrity_check``; PostgreSQL counts and constraints)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from infisical_kit import AsyncClient
from infisical_kit.errors import InfisicalError
from infisical_kit.testing import LocalServer

from .conftest import client_for

WRITES = 1000
#: writes in flight at once; SQLite's writers queue in-process on the server's write gate.
SQLITE_CONCURRENCY = 50
PG_CONCURRENCY = 50
KILL_AFTER = 100  # acknowledged writes before the kill -9


async def _write_until_killed(server: LocalServer, concurrency: int) -> set[str]:
    """Create ``W_0000..`` concurrently; kill -9 the server mid-way. Return the acknowledged."""
    boot = server.bootstrap
    acked: set[str] = set()
    killed = asyncio.Event()
    async with AsyncClient(
        server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        retries=0,  # an acknowledgement is exactly one successful answer
        cache_ttl=0,
        timeout=30,
    ) as client:
        await client.auth.login()
        gate = asyncio.Semaphore(concurrency)

        async def write(i: int) -> None:
            name = f"W_{i:04d}"
            async with gate:
                if killed.is_set():
                    return
                try:
                    await client.secrets.create(name, f"value-{i}")
                except InfisicalError:
                    return  # refused or cut off by the kill: not acknowledged
                acked.add(name)
                if len(acked) >= KILL_AFTER and not killed.is_set():
                    killed.set()
                    server.stop(kill=True)  # SIGKILL while ~50 writes are in flight

        await asyncio.gather(*(write(i) for i in range(WRITES)))
    assert killed.is_set(), f"only {len(acked)} writes were acknowledged before the end"
    return acked


def _present(server: LocalServer) -> set[str]:
    with client_for(server, cache_ttl=0) as client:
        return {s.key for s in client.secrets.list() if s.key.startswith("W_")}


def test_kill9_during_writes_sqlite(tmp_path: Path) -> None:
    with LocalServer(tmp_path / "srv") as server:
        acked = asyncio.run(_write_until_killed(server, SQLITE_CONCURRENCY))
        db = server.data_dir / "infisical-kit.db"
        with sqlite3.connect(db) as conn:  # recovery of the WAL happens here, before restart
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        server.start()
        present = _present(server)
    assert acked <= present, sorted(acked - present)[:10]
    assert len(present) < WRITES  # the kill really cut the run short


@pytest.mark.postgres
def test_kill9_during_writes_postgres(tmp_path: Path, postgres_url: str) -> None:
    with LocalServer(tmp_path / "srv", database_url=postgres_url) as server:
        acked = asyncio.run(_write_until_killed(server, PG_CONCURRENCY))
        server.start()
        present = _present(server)
    assert acked <= present, sorted(acked - present)[:10]
    assert len(present) < WRITES
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT key, count(*) FROM secrets WHERE key LIKE 'W\\_%' GROUP BY key")
            ).all()
            assert {key for key, _ in rows} == present
            assert all(count == 1 for _, count in rows)  # no duplicates
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM secrets s WHERE s.key LIKE 'W\\_%' AND NOT EXISTS "
                    "(SELECT 1 FROM secret_versions v WHERE v.secret_id = s.id "
                    "AND v.version = s.version)"
                )
            ).scalar_one()
            assert orphans == 0  # every secret has its version row
            invalid = conn.execute(
                text(
                    "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n "
                    "ON n.oid = c.connamespace WHERE n.nspname = 'public' AND NOT c.convalidated"
                )
            ).scalar_one()
            assert invalid == 0
    finally:
        engine.dispose()

"""Where the hot secret reads run: on the event loop, never on a worker thread.

The fast read path (:mod:`.services.read_path`) needs one to three SELECTs. A worker-thread
hop, a pool checkout with its pre-ping and psycopg's round trip cost a PostgreSQL read three
times what the whole SQLite read costs, so each backend gets the cheapest honest runner:

* SQLite: the precompiled statements (:mod:`.precompiled`) inline on the event loop, a local
  file read of tens of microseconds (a WAL reader never waits for a writer), on a pooled
  connection kept for them.
* PostgreSQL: asyncpg on the event loop, from a small pool of its own. No pre-ping: a
  connection that fails is closed and the request goes on to the general path, which answers
  through SQLAlchemy's pre-pinged pool; after a failed connect the fast path stays off for
  :data:`RETRY_AFTER` seconds. Each statement runs in autocommit, as on the read-only engine.

Statements other than precompiled SELECTs (tags, metadata) run through
:meth:`Reads.run` on a SQLAlchemy connection: inline on SQLite, in a worker thread on
PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from starlette.concurrency import run_in_threadpool

from .precompiled import Precompiled, Reader, Statement, precompiled, reading, reading_on

R = TypeVar("R")
logger = logging.getLogger("infisical_kit.server")

POOL_SIZE = 20
"""asyncpg connections per worker process (requests beyond wait for one)."""
RETRY_AFTER = 30.0
"""Seconds the PostgreSQL fast path stays off after a failed connect."""
CONNECT_TIMEOUT = 5.0
APPLICATION_NAME = "infisical-kit hot reads"
"""How the PostgreSQL fast path's connections show in ``pg_stat_activity``."""


class Reads(Protocol):
    """The statements of one hot read."""

    async def first(self, statement: Statement, values: dict[str, Any]) -> Any | None:
        """The first row of `statement` (a named tuple, processed), or ``None``."""

    async def raw_all(
        self, statement: Statement, values: dict[str, Any]
    ) -> tuple[Precompiled, list[Sequence[Any]]]:
        """Every row as the driver returned it, and the statement to process one with."""

    async def run(self, work: Callable[[Connection], R]) -> R:
        """`work` on a SQLAlchemy connection of the same database."""


class HotReads(Protocol):
    """Opens :class:`Reads` for one request."""

    def reading(self) -> contextlib.AbstractAsyncContextManager[Reads]:
        """A :class:`Reads` for the length of the block."""

    async def close(self) -> None:
        """Close what is held open (at shutdown)."""


class _Inline:
    """SQLite: a :class:`.precompiled.Reader`, run inline."""

    def __init__(self, reader: Reader) -> None:
        self._reader = reader

    async def first(self, statement: Statement, values: dict[str, Any]) -> Any | None:
        return self._reader.first(statement, values)

    async def raw_all(
        self, statement: Statement, values: dict[str, Any]
    ) -> tuple[Precompiled, list[Sequence[Any]]]:
        return self._reader.raw_all(statement, values)

    async def run(self, work: Callable[[Connection], R]) -> R:
        return work(self._reader.connection)


class InlineReads:
    """SQLite's hot reads: inline on the event loop, on a connection of the engine's pool kept
    for them (the loop runs one read at a time, so one connection serves them all; a second
    thread or a nested read checks one out of the pool as usual)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._kept: Any | None = None  # a checked-out pool connection (SQLAlchemy's fairy)
        self._lock = threading.Lock()

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[Reads]:
        """One hot read (each statement on its own, see :func:`.precompiled.reading_on`)."""
        if not self._lock.acquire(blocking=False):
            with reading(self._engine) as reader:
                yield _Inline(reader)
            return
        try:
            if self._kept is None:
                self._kept = self._engine.raw_connection()
            try:
                with reading_on(self._engine, self._kept.driver_connection) as reader:
                    yield _Inline(reader)
            except BaseException:
                self._kept.invalidate()  # whatever went wrong, the next read starts afresh
                self._kept = None
                raise
        finally:
            self._lock.release()

    async def close(self) -> None:
        """Give the kept connection back to the pool."""
        with self._lock:
            if self._kept is not None:
                self._kept.close()
                self._kept = None


class _Asyncpg:
    """PostgreSQL: statements on one asyncpg connection."""

    def __init__(self, owner: AsyncpgReads, conn: Any) -> None:
        self._owner = owner
        self._conn = conn

    async def first(self, statement: Statement, values: dict[str, Any]) -> Any | None:
        prepared = precompiled(statement, self._owner.dialect)
        raw = await self._conn.fetchrow(prepared.sql, *prepared.params(values))
        return None if raw is None else prepared.row(tuple(raw))

    async def raw_all(
        self, statement: Statement, values: dict[str, Any]
    ) -> tuple[Precompiled, list[Sequence[Any]]]:
        prepared = precompiled(statement, self._owner.dialect)
        records = await self._conn.fetch(prepared.sql, *prepared.params(values))
        return prepared, [tuple(r) for r in records]

    async def run(self, work: Callable[[Connection], R]) -> R:
        engine = self._owner.engine

        def in_thread() -> R:
            with engine.connect() as conn:
                return work(conn)

        return await run_in_threadpool(in_thread)


class AsyncpgReads:
    """PostgreSQL's hot reads: asyncpg connections of this process's event loop."""

    def __init__(self, engine: Engine, size: int = POOL_SIZE) -> None:
        self.engine = engine
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.dialect = asyncpg_dialect.dialect()  # type: ignore[no-untyped-call]
        self._size = size
        self._idle: list[Any] = []
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._off_until = 0.0

    def __repr__(self) -> str:  # the DSN may hold a password
        return f"AsyncpgReads(size={self._size}, idle={len(self._idle)})"

    def _bind(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or loop is not self._loop:
            for conn in self._idle:  # opened on another loop: unusable here
                conn.terminate()
            self._idle.clear()
            self._loop, self._slots = loop, asyncio.Semaphore(self._size)
        return self._slots

    async def _connect(self) -> Any:
        import asyncpg  # only PostgreSQL servers load it

        if time.monotonic() < self._off_until:
            raise ConnectionError("the PostgreSQL fast path is off after a failed connect")
        try:
            return await asyncpg.connect(
                self._dsn,
                timeout=CONNECT_TIMEOUT,
                server_settings={"application_name": APPLICATION_NAME},
            )
        except Exception as exc:
            self._off_until = time.monotonic() + RETRY_AFTER
            logger.warning(  # the type only: a driver's message may quote the DSN
                "PostgreSQL fast path cannot connect (%s); secret reads take the general path "
                "for %.0f s",
                type(exc).__name__,
                RETRY_AFTER,
            )
            raise

    @contextlib.asynccontextmanager
    async def reading(self) -> AsyncIterator[Reads]:
        """An idle connection (or a new one) for the block; closed if the block raises."""
        slots = self._bind()
        async with slots:
            conn = None
            while self._idle and conn is None:
                conn = self._idle.pop()
                if conn.is_closed():  # the server dropped it while idle
                    conn = None
            if conn is None:
                conn = await self._connect()
            try:
                yield _Asyncpg(self, conn)
            except BaseException:
                conn.terminate()
                raise
            if conn.is_closed():
                return
            self._idle.append(conn)

    async def close(self) -> None:
        """Close the idle connections."""
        idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(Exception):
                await conn.close(timeout=2)


def hot_reads_for(engine: Engine) -> HotReads:
    """The runner for `engine`'s backend."""
    if engine.dialect.name == "postgresql":
        return AsyncpgReads(engine)
    return InlineReads(engine)

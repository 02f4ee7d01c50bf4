"""Engine and session factory, the unit of work; SQLite pragmas; Alembic upgrade under a lock.

SQLite transactions are ``BEGIN IMMEDIATE`` (write lock up front, so writers queue on the busy
timeout instead of deadlocking on a lock upgrade) unless the connection carries the execution
option ``READ_ONLY_OPTION``, in which case a plain deferred ``BEGIN`` lets readers run in
parallel with one writer (WAL). PostgreSQL needs none of this.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import write_gate
from .files import private_sqlite_file

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Execution option that marks a connection as read-only (SQLite: deferred ``BEGIN``).
READ_ONLY_OPTION = "infisical_kit_read_only"

_IN_UNIT = "infisical_kit_unit_of_work"

#: ``Session.info`` key of a read-only session: the writable engine behind its view.
WRITER_INFO = "infisical_kit_writer"

#: Key of the PostgreSQL advisory lock held while migrations run (any constant 64-bit int).
MIGRATION_LOCK_KEY = 0x1F15_1CA1_0001


def normalize_url(url: str) -> str:
    """Map ``postgres://`` and ``postgresql://`` to the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (see below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Straight to the driver: exec_driver_sql costs as much as the read that follows.
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION)
        # Writers queue on the engine's in-process write gate first (write_gate.py).
        write_gate.begin(conn.connection.driver_connection, bool(read_only))


def make_engine(url: str) -> Engine:
    """Create the engine for ``url`` (SQLite gets WAL, foreign keys and a busy timeout).

    Bound parameters never appear in SQLAlchemy's errors or logs (``hide_parameters``): they
    carry argon2 hashes, client-secret prefixes and ciphertexts."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_sqlite_file(parsed.database)
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "timeout": 10,
                "factory": write_gate.connection_factory(write_gate.WriteGate()),
            },
            # Enough pooled connections for every worker thread (anyio's 40): an overflow
            # connection is closed on return, and reopening one (pragmas) costs a request.
            pool_size=40,
            max_overflow=16,
            hide_parameters=True,
        )
        _install_sqlite_pragmas(engine)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=16, max_overflow=24, hide_parameters=True
    )


def read_only(engine: Engine) -> Engine:
    """A view of ``engine`` whose transactions do not take SQLite's write lock.

    On PostgreSQL the view runs in autocommit: READ COMMITTED already gives every statement
    its own snapshot, so this only saves the BEGIN and the ROLLBACK round trips of a read.
    """
    if engine.url.get_backend_name() == "postgresql":
        return engine.execution_options(**{READ_ONLY_OPTION: True}, isolation_level="AUTOCOMMIT")
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """A session factory bound to ``engine`` (objects stay usable after commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextlib.contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """One write transaction: commit when the block ends, roll back when it raises.

    The only place the server commits a session (docs/architecture.md, "Transactions"): a
    service function that changes data runs its checks and writes in one such block and
    builds what it returns before the block ends, so nothing after the commit can fail or
    wait for SQLite's write lock again. Rolling back at once on an error frees that lock
    before the error response is written. A unit opened inside another one joins it: the
    outer unit commits or rolls back everything (a batch is all or nothing).
    """
    if session.info.get(_IN_UNIT):
        yield session
        return
    session.info[_IN_UNIT] = True
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_IN_UNIT, None)


@contextlib.contextmanager
def write_unit(session: Session) -> Iterator[Session]:
    """`unit_of_work` that also works from a read-only session (a GET's): there the write
    runs in a short session of its own on the writable engine, through the write gate,
    instead of upgrading the read transaction to a write (which SQLite refuses at once
    under concurrency, "database is locked", so a 503)."""
    writer = session.info.get(WRITER_INFO)
    if writer is None:
        with unit_of_work(session):
            yield session
        return
    with Session(bind=writer, expire_on_commit=False) as own, unit_of_work(own):
        yield own


@contextlib.contextmanager
def read_only_session(session: Session) -> Iterator[Session]:
    """A separate session on the read-only view of ``session``'s engine: work done in it
    (argon2 checks after a lookup) never holds SQLite's write lock."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    info = {WRITER_INFO: session.info.get(WRITER_INFO, engine)}
    with Session(bind=read_only(engine), expire_on_commit=False, info=info) as reader:
        yield reader


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at the packaged migrations and sharing ``engine``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    cfg.attributes["engine"] = engine
    return cfg


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations across processes: a PostgreSQL advisory lock, or a file lock
    next to the SQLite database (other backends: no lock)."""
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    database = engine.url.database if backend == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: BEGIN IMMEDIATE in alembic suffices
        yield
        return
    fd = os.open(database + ".migrate.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def upgrade(engine: Engine) -> None:
    """Run ``alembic upgrade head`` on ``engine``, one process at a time."""
    with migration_lock(engine):
        command.upgrade(alembic_config(engine), "head")

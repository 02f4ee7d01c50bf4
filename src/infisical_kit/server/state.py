"""Per-process server context (engine, sessions, keys) and its FastAPI dependencies."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from fastapi import Request
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .crypto import seal_server_value, unseal_server_value
from .db import WRITER_INFO, read_only, unit_of_work
from .hot_reads import HotReads, hot_reads_for
from .schema import ServerSetting
from .settings import ServerSettings

JWT_SECRET_KEY = "jwt_secret"


@dataclass
class ServerContext:
    """What a worker process shares between requests. Holds no state another process needs."""

    settings: ServerSettings
    engine: Engine
    sessions: sessionmaker[Session]
    root_key: bytes = field(repr=False)
    jwt_secret: str = field(default="", repr=False)
    read_engine: Engine | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.read_engine is None:
            self.read_engine = read_only(self.engine)

    @property
    def reader(self) -> Engine:
        """The read-only view of the engine (reads never take SQLite's write lock)."""
        return self.read_engine if self.read_engine is not None else self.engine

    @cached_property
    def hot_reads(self) -> HotReads:
        """Where the fast read path runs its statements (:mod:`.hot_reads`)."""
        return hot_reads_for(self.reader)

    def session_for(self, method: str) -> Session:
        """A session for an HTTP ``method``: GET/HEAD/OPTIONS do not take SQLite's write lock."""
        if method in _READ_METHODS:
            return self.sessions(bind=self.reader, info={WRITER_INFO: self.engine})
        return self.sessions()


_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_server_value(session: Session, root_key: bytes, name: str) -> str | None:
    """Read and decrypt a server-wide value, or ``None`` when unset."""
    row = session.get(ServerSetting, name)
    if row is None:
        return None
    return unseal_server_value(root_key, name, row.value)


def ensure_server_value(sessions: sessionmaker[Session], root_key: bytes, name: str) -> str:
    """Return the stored value ``name``, creating a random one first if absent (race-safe)."""
    with sessions() as session:
        existing = get_server_value(session, root_key, name)
        if existing is not None:
            return existing
        value = secrets.token_hex(32)
        try:
            with unit_of_work(session):
                session.add(ServerSetting(key=name, value=seal_server_value(root_key, name, value)))
            return value
        except IntegrityError:
            pass  # another process stored it first: read theirs
    with sessions() as session:
        row = session.scalars(select(ServerSetting).where(ServerSetting.key == name)).one()
        return unseal_server_value(root_key, name, row.value)


def get_context(request: Request) -> ServerContext:
    """FastAPI dependency: the server context stored on the app."""
    ctx: ServerContext = request.app.state.ctx
    return ctx


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: a database session for the request (closed afterwards)."""
    ctx = get_context(request)
    session = ctx.session_for(request.method)
    request.state.db_session = session  # errors.py: did this request already commit a write?
    try:
        yield session
    finally:
        session.close()

"""An in-process, first-come first-served queue for SQLite write transactions.

SQLite has one writer. Left to itself, every thread that wants to write runs ``BEGIN
IMMEDIATE`` and sleeps in SQLite's busy handler, which retries at growing intervals and
favours nobody: at 50 concurrent writers most of them wait out the busy timeout. Instead,
a write transaction first takes this process's `WriteGate` (one per engine), in arrival
order, and only then runs ``BEGIN IMMEDIATE``; the gate is released by the driver connection
right after its ``COMMIT`` or ``ROLLBACK`` (or when it is closed). So threads of one process
queue fairly here and only other processes ever meet the busy timeout.

Read-only transactions (deferred ``BEGIN``) never touch the gate.

Every failure to begin is raised as SQLAlchemy's `OperationalError` ("database is locked"),
which the error handlers turn into a 503 with ``Retry-After``: the transaction never started,
so nothing was written by it. Sessions remember whether they committed a write
(`committed_write`), so a 503 raised later in the same request can say that part of it was
saved and leave out ``Retry-After``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

#: Seconds a write transaction waits for its turn before answering "database is locked".
DEFAULT_TIMEOUT = 10.0

_WRITE_TXN = "infisical_kit_write_txn"
_COMMITTED = "infisical_kit_committed_write"


class WriteGate:
    """A FIFO lock that any thread may release (ownership passes to the next in line)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Lock] = deque()

    def acquire(self, timeout: float | None = None) -> bool:
        """Wait for the gate, first come first served; ``False`` after ``timeout`` seconds."""
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        if turn.acquire(timeout=self.timeout if timeout is None else timeout):
            return True
        with self._mutex:
            try:
                self._waiters.remove(turn)
            except ValueError:
                return True  # handed over to us just as the wait timed out: it is ours
        return False

    def release(self) -> None:
        """Hand the gate to the longest waiter, or open it."""
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()  # stays held: ownership moves
            else:
                self._held = False

    @property
    def queued(self) -> int:
        """How many transactions are waiting (for diagnostics and tests)."""
        return len(self._waiters)


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that releases its engine's gate after COMMIT/ROLLBACK/close."""

    gate: WriteGate  # set on the per-engine subclass made by `connection_factory`
    holds_gate = False

    def commit(self) -> None:
        """COMMIT, then release the gate if this connection held it."""
        super().commit()
        self._release_if_done()

    def rollback(self) -> None:
        """ROLLBACK, then release the gate if this connection held it."""
        try:
            super().rollback()
        finally:
            self._release_if_done()

    def close(self) -> None:
        """Close (SQLite drops its locks), then release the gate if held."""
        try:
            super().close()
        finally:
            if self.holds_gate:
                self.holds_gate = False
                self.gate.release()

    def _release_if_done(self) -> None:
        if self.holds_gate and not self.in_transaction:
            self.holds_gate = False
            self.gate.release()


def connection_factory(gate: WriteGate) -> type[GatedConnection]:
    """A `GatedConnection` class bound to ``gate`` (pass as sqlite3's ``factory``)."""
    return type("GatedConnection", (GatedConnection,), {"gate": gate})


def _locked(statement: str, why: str) -> OperationalError:
    return OperationalError(statement, None, sqlite3.OperationalError(why))


def begin(driver_conn: Any, read_only: bool) -> None:
    """Start a SQLite transaction: deferred for readers; gate, then IMMEDIATE for writers.

    Failures leave as SQLAlchemy's `OperationalError` (the raw driver error raised from a
    ``begin`` event would escape SQLAlchemy's wrapping and the error handlers).
    """
    if read_only:
        try:
            driver_conn.execute("BEGIN")
        except sqlite3.OperationalError as exc:
            raise _locked("BEGIN", str(exc)) from None
        return
    gate: WriteGate | None = getattr(driver_conn, "gate", None)
    if gate is not None:
        if not gate.acquire():
            raise _locked("BEGIN IMMEDIATE", "database is locked (write queue timeout)")
        driver_conn.holds_gate = True
    try:
        driver_conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if gate is not None and driver_conn.holds_gate:
            driver_conn.holds_gate = False
            gate.release()
        raise _locked("BEGIN IMMEDIATE", str(exc)) from None


def committed_write(session: Session | None) -> bool:
    """Whether ``session`` has committed a write transaction (SQLite or PostgreSQL)."""
    return session is not None and bool(session.info.get(_COMMITTED))


def end_transaction(session: Session) -> None:
    """Commit ``session``'s open transaction, if any, so that it (and the write gate) does not
    stay open across a thread hop: a gate holder must never wait for a worker thread while
    every worker thread waits for the gate."""
    if session.in_transaction():
        session.commit()


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WRITE_TXN] = True


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: Any) -> None:
    session.info[_WRITE_TXN] = True  # rows went out: a commit from here on is a write


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_WRITE_TXN, False):
        session.info[_COMMITTED] = True


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: SessionTransaction) -> None:
    session.info.pop(_WRITE_TXN, None)

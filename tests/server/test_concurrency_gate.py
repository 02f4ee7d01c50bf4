"""The in-process SQLite write gate: first come first served, timeouts leave the queue, and
the driver connection releases it after COMMIT or ROLLBACK (not before)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from infisical_kit.server.write_gate import WriteGate, begin, connection_factory


def _wait_until(condition: Callable[[], bool], deadline: float = 10.0) -> None:
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, "condition not reached"
        time.sleep(0.001)


def _wait_queued(gate: WriteGate, count: int) -> None:
    _wait_until(lambda: gate.queued == count)


def test_waiters_get_the_gate_in_arrival_order() -> None:
    gate = WriteGate(timeout=10)
    assert gate.acquire()
    order: list[int] = []
    threads = []
    for n in range(8):

        def take(n: int = n) -> None:
            assert gate.acquire()
            order.append(n)
            gate.release()

        thread = threading.Thread(target=take)
        thread.start()
        threads.append(thread)
        _wait_queued(gate, n + 1)  # queued in this order
    gate.release()
    for thread in threads:
        thread.join(10)
    assert order == list(range(8))
    assert gate.acquire(timeout=0)  # open again


def test_a_timed_out_waiter_leaves_the_queue() -> None:
    gate = WriteGate(timeout=10)
    assert gate.acquire()
    assert gate.acquire(timeout=0.01) is False
    assert gate.queued == 0
    gate.release()
    assert gate.acquire(timeout=0)


def test_connection_holds_the_gate_until_commit_or_rollback(tmp_path: Path) -> None:
    import sqlite3

    gate = WriteGate(timeout=10)
    factory = connection_factory(gate)
    conn = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None, factory=factory)
    conn.execute("CREATE TABLE t (x INTEGER)")
    begin(conn, read_only=False)
    conn.execute("INSERT INTO t VALUES (1)")
    assert gate.acquire(timeout=0) is False  # held by the open write transaction
    conn.commit()
    assert gate.acquire(timeout=0)  # released right after COMMIT
    gate.release()
    begin(conn, read_only=False)
    conn.rollback()
    assert gate.acquire(timeout=0)  # and after ROLLBACK
    gate.release()
    begin(conn, read_only=True)  # readers never take it
    assert gate.acquire(timeout=0)
    gate.release()
    conn.rollback()
    conn.close()

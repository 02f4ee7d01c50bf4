"""Lock primitives with matching names for the async and the generated sync code.

`AsyncLock` creates its `anyio.Lock` on first use, so a client can be built outside any event
loop (and never binds one at construction). `Lock` wraps `threading.Lock`. scripts/unasync.py
rewrites ``AsyncLock`` to ``Lock`` when it generates the sync client.
"""

from __future__ import annotations

import threading
from types import TracebackType

import anyio

__all__ = ["AsyncLock", "Lock"]


class AsyncLock:
    """An `anyio.Lock` created lazily, inside the event loop that first uses it."""

    def __init__(self) -> None:
        self._lock: anyio.Lock | None = None

    def _get(self) -> anyio.Lock:
        if self._lock is None:
            self._lock = anyio.Lock()
        return self._lock

    def locked(self) -> bool:
        """True while some task holds the lock."""
        return self._lock is not None and self._lock.locked()

    async def __aenter__(self) -> AsyncLock:
        await self._get().acquire()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._get().release()


class Lock:
    """A `threading.Lock` with the same interface as `AsyncLock`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def locked(self) -> bool:
        """True while some thread holds the lock."""
        return self._lock.locked()

    def __enter__(self) -> Lock:
        self._lock.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()

"""Synchronization primitives with matching names for the async and the generated sync code.

As httpcore's ``_synchronization.py``, this lives beside ``_async/`` and ``_sync/``:
scripts/unasync.py rewrites ``AsyncLock`` to ``Lock``, ``AsyncEvent`` to ``Event``,
``AsyncFetch`` to ``Fetch`` and ``AsyncTransform`` to ``Transform``, so both clients have the
same code with their own primitive.
`AsyncLock` and `AsyncEvent` create their anyio object on first use, so a client can be built
outside any event loop (and never binds one at construction).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

import anyio

__all__ = [
    "AsyncEvent",
    "AsyncFetch",
    "AsyncLock",
    "AsyncTransform",
    "Event",
    "Fetch",
    "Lock",
    "Transform",
]

T = TypeVar("T")

#: what the async cache calls on a miss
AsyncFetch = Callable[[], Awaitable[T]]
#: what the sync cache calls on a miss
Fetch = Callable[[], T]
#: an async step that turns a value into another of its type (e.g. a request before it is sent)
AsyncTransform = Callable[[T], Awaitable[T]]
#: the sync twin of `AsyncTransform`
Transform = Callable[[T], T]


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


class AsyncEvent:
    """An `anyio.Event` created lazily, inside the event loop that first uses it."""

    def __init__(self) -> None:
        self._event: anyio.Event | None = None

    def _get(self) -> anyio.Event:
        if self._event is None:
            self._event = anyio.Event()
        return self._event

    def set(self) -> None:
        """Wake every waiter."""
        self._get().set()

    async def wait(self) -> None:
        """Wait until `set` is called."""
        await self._get().wait()


class Event:
    """A `threading.Event` with the same interface as `AsyncEvent`."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        """Wake every waiter."""
        self._event.set()

    def wait(self) -> None:
        """Wait until `set` is called."""
        self._event.wait()

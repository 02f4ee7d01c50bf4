"""The read cache: bounded LRU storage, single-flight misses and stale-if-error (policy in _core).

No background threads: expired entries are dropped when they are met or evicted. Cached models
are frozen all the way down (nested collections are tuples), so a hit returns the cached object
itself; list results are always a new list, so callers cannot corrupt the cache.

The hot path (`hit`): a namespace may `remember` the entry a call's *raw arguments* led to
(the client's default scope and identity are fixed per cache, so they need not be in that
alias key). The next call with the same arguments is then one dict lookup and one clock check,
with no validation or request building. Every invalidation drops all aliases, under the same
lock that removes entries, so an alias never outlives a write; an entry that is evicted or
replaced is marked expired, so an alias to it misses (the LRU bound is exact).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from infisical_kit._core.cache import (
    CacheEntry,
    CacheKey,
    CachePolicy,
    WriteScope,
    entry_scope,
    invalidates,
    make_key,
    stale_usable,
    write_scope,
)
from infisical_kit._core.request import ApiRequest
from infisical_kit._synchronization import AsyncEvent, AsyncFetch
from infisical_kit.errors import ServerError, TransportError

__all__ = ["AsyncReadCache"]

logger = logging.getLogger("infisical_kit.cache")

T = TypeVar("T")
_KEEP_WRITES = 32
#: `expires_at` of an entry that left the cache (evicted or replaced): every alias to it misses
_GONE = float("-inf")


class _Flight:
    """One in-flight fetch that other callers for the same key wait on."""

    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = AsyncEvent()
        self.value: Any = None
        self.error: BaseException | None = None


def _detach(value: Any) -> Any:
    """What a caller gets: a frozen model itself, a list as a new list (of frozen models)."""
    if isinstance(value, list):
        return list(value)
    return value


class AsyncReadCache:
    """Cache of read results for one client (identity fixed at construction)."""

    def __init__(
        self,
        policy: CachePolicy,
        identity: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy
        self._identity = identity
        self._clock = clock
        self._ttl = policy.ttl
        self._sliding = policy.sliding
        self._entries: OrderedDict[CacheKey, CacheEntry] = OrderedDict()
        self._aliases: dict[Hashable, CacheEntry] = {}
        self._flights: dict[CacheKey, _Flight] = {}
        self._mutex = threading.Lock()  # held only briefly, never across an await
        self._epoch = 0  # bumped by every invalidation
        self._writes: list[WriteScope] = []  # the last few writes, to vet fetches that overlapped

    def key(self, request: ApiRequest) -> CacheKey:
        """The cache key of `request` for this client's identity."""
        return make_key(self._identity, request)

    def lookup(self, key: CacheKey) -> Any | None:
        """The fresh cached value for `key` (sliding its expiry if the policy says so), or
        ``None``. The hot path."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        now = self._clock()
        if now >= entry.expires_at:
            return None
        if self._sliding:
            entry.expires_at = now + self._ttl
        try:  # noqa: SIM105 (contextlib.suppress is slower on this hot path)
            self._entries.move_to_end(key)
        except KeyError:
            pass  # evicted by another thread meanwhile; the value is still good to return
        return _detach(entry.value)

    def hit(self, alias: Hashable) -> Any | None:
        """The fresh value `remember` tied to `alias` (sliding its expiry if the policy says
        so), or ``None``.

        The hottest path: no key building, no copies; values must be frozen (not lists).
        """
        entry = self._aliases.get(alias)
        if entry is None:
            return None
        now = self._clock()
        if now >= entry.expires_at:
            return None
        if self._sliding:
            entry.expires_at = now + self._ttl
        try:
            self._entries.move_to_end(entry.key)
        except KeyError:
            return None  # evicted by another thread just now: a miss, as after any eviction
        return entry.value

    def remember(self, alias: Hashable, key: CacheKey) -> None:
        """Tie `alias` (a call's raw arguments) to the current entry of `key`, if any."""
        with self._mutex:
            entry = self._entries.get(key)
            if entry is None or isinstance(entry.value, list):
                return
            if len(self._aliases) >= 2 * self.policy.max_entries:
                self._aliases.clear()
            self._aliases[alias] = entry

    async def get_or_fetch(
        self, request: ApiRequest, fetch: AsyncFetch[T], key: CacheKey | None = None
    ) -> T:
        """Return the cached answer to `request`, or fetch it once for all concurrent callers."""
        if key is None:
            key = self.key(request)
        while True:
            hit = self.lookup(key)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
            with self._mutex:
                flight = self._flights.get(key)
                leader = flight is None
                if flight is None:
                    flight = self._flights[key] = _Flight()
                epoch = self._epoch
            if leader:
                break
            await flight.done.wait()
            if flight.error is not None:
                raise flight.error
            if flight.value is not None:
                return _detach(flight.value)  # type: ignore[no-any-return]
            # the leader's answer was invalidated meanwhile: try again
        try:
            value = await fetch()
        except (TransportError, ServerError) as exc:
            stale = self._stale(key)
            flight.error = exc if stale is None else None
            flight.value = stale
            if stale is None:
                raise
            logger.warning(
                "serving a stale cached answer for %s %s: %s", request.method, request.path, exc
            )
            return _detach(stale)  # type: ignore[no-any-return]
        except BaseException as exc:
            flight.error = exc
            raise
        else:
            self._store(key, request, value, epoch)  # before the flight ends: no second leader
            flight.value = value
        finally:
            with self._mutex:
                self._flights.pop(key, None)
            flight.done.set()
        return _detach(value)  # type: ignore[no-any-return]

    def _stale(self, key: CacheKey) -> Any | None:
        if self.policy.stale_if_error <= 0:
            return None
        entry = self._entries.get(key)
        if entry is None or not stale_usable(entry, self._clock(), self.policy):
            return None
        return entry.value

    def _store(self, key: CacheKey, request: ApiRequest, value: Any, epoch: int) -> None:
        now = self._clock()
        entry = CacheEntry(value, now, now + self.policy.ttl, entry_scope(request), key)
        with self._mutex:
            if epoch != self._epoch:
                # writes happened while we were fetching: store only if none touched this folder
                missed = self._epoch - epoch
                if missed > len(self._writes) or any(
                    invalidates(write, entry.scope) for write in self._writes[-missed:]
                ):
                    return
            replaced = self._entries.get(key)
            if replaced is not None:
                replaced.expires_at = _GONE  # an alias still holding it must miss
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.policy.max_entries:
                self._entries.popitem(last=False)[1].expires_at = _GONE

    def invalidate(self, request: ApiRequest) -> int:
        """Drop every entry a write `request` may have made stale; return how many."""
        write = write_scope(request)
        with self._mutex:
            self._epoch += 1
            self._writes = [*self._writes[-(_KEEP_WRITES - 1) :], write]
            stale = [k for k, e in self._entries.items() if invalidates(write, e.scope)]
            for k in stale:
                del self._entries[k]
            self._aliases = {}
        return len(stale)

    def clear(self) -> None:
        """Drop every entry."""
        with self._mutex:
            self._epoch += 1
            self._writes = [*self._writes[-(_KEEP_WRITES - 1) :], WriteScope(None)]
            self._entries.clear()
            self._aliases = {}

    def __len__(self) -> int:
        return len(self._entries)

"""argon2id hashing for client secrets and passwords, behind a bounded gate.

Parameters: argon2id, memory 19 MiB, 2 passes, 1 lane (OWASP's recommended minimum). At most
:data:`MAX_CONCURRENT_HASHES` hashes run at once per server process, so the memory hashing
can take is bounded: ``MAX_CONCURRENT_HASHES * 19 MiB`` for current hashes, and
``MAX_CONCURRENT_HASHES * 64 MiB`` while hashes of the earlier default (64 MiB, t=3, p=4)
are still stored. Such a hash is verified with its own parameters and replaced at the next
successful login (:func:`needs_rehash`).

Logins queue for a slot *before* they take a request thread (:func:`login_slot`, an async
dependency of the login routes): a waiting login is a coroutine, not a blocked thread, so a
flood of logins leaves the request threads to other requests. A login that gets no slot within
:data:`LOGIN_WAIT_SECONDS`, or any other caller that finds every slot taken for
:data:`HASH_WAIT_SECONDS`, gets a 503 ``ServiceUnavailable`` with ``Retry-After`` in the
Infisical envelope (a check that never ran is not a wrong password: lockouts do not count it).

The hashes run on a pool of :data:`MAX_CONCURRENT_HASHES` threads of their own, not on the
request's thread: the C allocator keeps a freed argon2 block cached in the arena of the thread
that used it, so hashing on each of the server's 40 request threads would leave up to one
block per arena resident (measured in the flood test: 555 MB peak instead of 170-215 MB).
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import ApiError

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1
#: Concurrent argon2 computations per process (the machine's cores, from 2 to 4).
MAX_CONCURRENT_HASHES = min(4, max(2, os.cpu_count() or 2))
#: How long a login queues for a slot (on the event loop) before it is refused with 503.
LOGIN_WAIT_SECONDS = 10.0
#: How long another caller (creating a secret or a user) waits, holding its thread.
HASH_WAIT_SECONDS = 2.0
RETRY_AFTER_SECONDS = 1

_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)
_gate = threading.BoundedSemaphore(MAX_CONCURRENT_HASHES)
_pool = ThreadPoolExecutor(MAX_CONCURRENT_HASHES, thread_name_prefix="argon2")
_T = TypeVar("_T")
_login_slots: anyio.Semaphore | None = None  # created on first use, in the server's event loop


def hashing_busy() -> ApiError:
    """503 with ``Retry-After``: every hashing slot stayed taken for the whole wait."""
    return ApiError(
        503,
        "Too many logins are being checked at once; retry the request in "
        f"{RETRY_AFTER_SECONDS} second",
        "ServiceUnavailable",
        headers={"retry-after": str(RETRY_AFTER_SECONDS)},
    )


async def login_slot() -> AsyncIterator[None]:
    """FastAPI dependency of the password and client-secret logins: hold one of
    :data:`MAX_CONCURRENT_HASHES` login slots while the route runs (503 after
    :data:`LOGIN_WAIT_SECONDS` without one)."""
    global _login_slots
    if _login_slots is None:
        _login_slots = anyio.Semaphore(MAX_CONCURRENT_HASHES)
    slots = _login_slots
    acquired = False
    with anyio.move_on_after(LOGIN_WAIT_SECONDS):
        await slots.acquire()
        acquired = True
    if not acquired:
        raise hashing_busy()
    try:
        yield
    finally:
        slots.release()


def _gated(work: Callable[[], _T]) -> _T:
    """Run ``work`` on the hashing pool once a slot is free (503 if none frees in time)."""
    if not _gate.acquire(timeout=HASH_WAIT_SECONDS):
        raise hashing_busy()
    try:
        return _pool.submit(work).result()
    finally:
        _gate.release()


def hash_secret(secret: str) -> str:
    """Hash a client secret or password with the current parameters."""
    return _gated(lambda: str(_hasher.hash(secret)))


def verify_secret(stored_hash: str, secret: str) -> bool:
    """True when ``secret`` matches ``stored_hash`` (verified with the parameters recorded in
    the hash); never raises on a mismatch. 503 when no hashing slot frees up in time."""

    def verify() -> bool:
        try:
            return bool(_hasher.verify(stored_hash, secret))
        except (VerificationError, InvalidHashError):
            return False

    return _gated(verify)


def needs_rehash(stored_hash: str) -> bool:
    """Whether ``stored_hash`` was made with other parameters than the current ones (cheap:
    it only parses the hash)."""
    try:
        return bool(_hasher.check_needs_rehash(stored_hash))
    except InvalidHashError:
        return False

"""A bounded memo of the fast list's answer items, keyed by the stored row they come from.

Shaping one stored secret row into an answer item (two AES-GCM decryptions, the columns'
result processing, the answer's dict) costs several times fetching it, and the same folder is
listed again and again (every replica of an app pulls the same configuration). The key is
the whole row as the driver returned it, ciphertexts, version and timestamps included, plus
what else the item depends on (project, environment, path, masking, the data key and the
shaping function): a secret that changes in any way is a new key, so an entry can only ever
answer for the very bytes it was made from. Authentication, authorization and the query run
on every request as before; only the shaping is remembered.

Entries hold decrypted values in this process's memory only (which already holds the root
key and the projects' data keys): at most :data:`MEMO_BYTES` of ciphertext (the server's
``INFISICAL_KIT_LIST_MEMO_MB``, :func:`configure`; 0 turns the memo off), a row over
:data:`ROW_BYTES` is never kept, and the memo is cleared whole when full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

MEMO_BYTES = 16 * 1024 * 1024
"""Ciphertext bytes (plus :data:`ENTRY_OVERHEAD` per entry) the memo holds before it is
cleared; 0: nothing is remembered."""
ROW_BYTES = 16 * 1024
"""Rows whose value and comment ciphertexts are larger than this are shaped every time."""
ENTRY_OVERHEAD = 1024

_MEMO: dict[Hashable, tuple[Any, bool]] = {}
_held = 0


def shaped(key: Hashable, size: int, shape: Callable[[], tuple[Any, bool]]) -> tuple[Any, bool]:
    """``shape()`` (an answer item and whether its value holds a reference), remembered under
    `key` when the row's ciphertexts take `size` bytes or fewer. A key that cannot be hashed
    (a driver that returned a parsed JSON object) is shaped every time."""
    global _held
    if not MEMO_BYTES:
        return shape()
    try:
        found = _MEMO.get(key)
    except TypeError:
        return shape()
    if found is not None:
        return found
    made = shape()
    if size <= ROW_BYTES:
        if _held + size + ENTRY_OVERHEAD > MEMO_BYTES:
            clear()
        _MEMO[key] = made
        _held += size + ENTRY_OVERHEAD
    return made


def configure(memo_bytes: int) -> None:
    """Hold at most `memo_bytes` from now on (0: remember nothing); forgets every entry."""
    global MEMO_BYTES
    MEMO_BYTES = memo_bytes
    clear()


def clear() -> None:
    """Forget every entry."""
    global _held
    _MEMO.clear()
    _held = 0

"""A bounded memo of the fast list's answer items, checked against the stored row they come from.

Shaping one stored secret row into an answer item (two AES-GCM decryptions, the columns'
result processing, the answer's dict) costs several times fetching it, and the same folder is
listed again and again (every replica of an app pulls the same configuration). Entries are
filed under what else the item depends on (project, environment, path, masking, the data key
and the shaping function) and the secret's id, and hold the whole row as the driver returned
it, ciphertexts, version and timestamps included: an entry answers only when the row read now
equals that row (a tuple comparison, cheaper than hashing the row), so a secret that changes
in any way is shaped afresh and an entry can only ever answer for the very bytes it was made
from. Authentication, authorization and the query run
on every request as before; only the shaping is remembered.

Entries hold decrypted values in this process's memory only (which already holds the root
key and the projects' data keys): at most :data:`MEMO_BYTES` of ciphertext (the server's
``INFISICAL_KIT_LIST_MEMO_MB``, :func:`configure`; 0 turns the memo off), a row over
:data:`ROW_BYTES` is never kept, and the memo is cleared whole when full.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Sequence
from typing import Any

MEMO_BYTES = 16 * 1024 * 1024
"""Ciphertext bytes (plus :data:`ENTRY_OVERHEAD` per entry) the memo holds before it is
cleared; 0: nothing is remembered."""
ROW_BYTES = 16 * 1024
"""Rows whose value and comment ciphertexts are larger than this are shaped every time."""
ENTRY_OVERHEAD = 1024

Entry = tuple[Sequence[Any], Any, bool]
"""The stored row, its item, whether the item's value holds a reference."""
Entries = dict[str, Entry]
"""One scope's entries, by secret id."""

_MEMO: dict[Hashable, Entries] = {}
_held = 0


def entries_for(scope: Hashable) -> Entries:
    """The entries filed under `scope` (what items depend on besides the row)."""
    found = _MEMO.get(scope)
    if found is None:
        found = _MEMO[scope] = {}
    return found


def shaped_all(
    entries: Entries,
    rows: Sequence[Sequence[Any]],
    *,
    id_at: int,
    skip: Container[str],
    size: Callable[[Sequence[Any]], int],
    shape: Callable[[Sequence[Any]], tuple[Any, bool]],
) -> tuple[list[Any], bool]:
    """The items of `rows`, in order, and whether any holds a reference: ``shape(row)``, or
    the item made from an equal row; remembered when ``size(row)`` (its ciphertexts' bytes)
    is at most :data:`ROW_BYTES`. Rows whose id (at `id_at`) is in `skip` get ``None``, for
    the caller to fill."""
    items: list[Any] = []
    append = items.append
    found_for = entries.get
    refs = False
    keep = True  # until the memo fills up during this call (then `entries` is detached)
    for row in rows:
        row_id = row[id_at]
        if row_id in skip:
            append(None)
            continue
        found = found_for(row_id)
        if found is not None and found[0] == row:
            append(found[1])
            refs = refs or found[2]
            continue
        item, has_ref = shape(row)
        if keep:
            keep = _remember(entries, row_id, (row, item, has_ref), size(row))
        append(item)
        refs = refs or has_ref
    return items, refs


def _remember(entries: Entries, row_id: str, entry: Entry, size: int) -> bool:
    """File `entry`; ``False`` when the memo was full (and is now cleared)."""
    global _held
    if not MEMO_BYTES or size > ROW_BYTES:
        return True
    if _held + size + ENTRY_OVERHEAD > MEMO_BYTES:
        clear()  # full: start again with the next request
        return False
    entries[row_id] = entry
    _held += size + ENTRY_OVERHEAD
    return True


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

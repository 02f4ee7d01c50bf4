"""argon2id hashing for client secrets and passwords."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_secret(secret: str) -> str:
    """Hash a client secret or password."""
    result: str = _hasher.hash(secret)
    return result


def verify_secret(stored_hash: str, secret: str) -> bool:
    """True when ``secret`` matches ``stored_hash``; never raises on a mismatch."""
    try:
        return bool(_hasher.verify(stored_hash, secret))
    except (VerificationError, InvalidHashError):
        return False

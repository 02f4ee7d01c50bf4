"""Authentication: JWT access tokens, argon2 hashing and the request dependency."""

from .deps import Actor, require_actor
from .hashing import hash_secret, verify_secret
from .tokens import issue_access_token

__all__ = ["Actor", "hash_secret", "issue_access_token", "require_actor", "verify_secret"]

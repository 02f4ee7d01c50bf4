"""Legacy service tokens (``st.<id>.<secret>``): who they are and what they may reach.

A service token names its row by ``<id>``; only a keyed hash of ``<secret>`` is stored. The
secret is 32 random bytes (256 bits), so a slow password hash (argon2, bcrypt) would buy
nothing against guessing and cost tens of milliseconds on EVERY request a service token
makes (it is sent as is, with no login step). HMAC-SHA256 under a key derived from the root
key instead: microseconds per check, compared in constant time, and a copy of the database
alone cannot even test a guess. A fourth part (``st.<id>.<secret>.<key>``, the old clients'
decryption key) is accepted and ignored, as Infisical does.

What a token reaches is a `PathGrant`: its project, its ``{environment, secretPath}`` scopes
(the path a glob: ``*`` within a segment, ``**`` across segments) and read/write.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError, token_error, unauthorized
from ..schema import Project, ServiceToken, utcnow

PREFIX = "st."
SERVICE = "service"
INVALID = "Invalid service token"
_HASH_LABEL = b"infisical-kit/service-token-secret/v1"
_HASH_SCHEME = "hmac-sha256:"


def _hash_key(root_key: bytes) -> bytes:
    return hmac.new(root_key, _HASH_LABEL, hashlib.sha256).digest()


def hash_token_secret(root_key: bytes, secret: str) -> str:
    """The stored form of a token secret: ``hmac-sha256:<hex>`` under a root-key subkey."""
    digest = hmac.new(_hash_key(root_key), secret.encode(), hashlib.sha256).hexdigest()
    return _HASH_SCHEME + digest


def _split(token: str) -> tuple[str, str]:
    parts = token.split(".")
    if len(parts) not in (3, 4) or parts[0] != "st" or not parts[1] or not parts[2]:
        raise unauthorized(INVALID)
    return parts[1], parts[2]


def service_token_row(session: Session, root_key: bytes, token: str) -> ServiceToken:
    """The row of a presented service token: 401 when unknown or the secret is wrong, 403
    TokenError once it has expired."""
    token_id, secret = _split(token)
    row = session.get(ServiceToken, token_id)
    if row is None or not hmac.compare_digest(
        row.secret_hash.encode(), hash_token_secret(root_key, secret).encode()
    ):
        raise unauthorized(INVALID)
    if row.expires_at is not None and utcnow() >= row.expires_at:
        raise token_error("Service token has expired")
    return row


def service_actor(session: Session, root_key: bytes, token: str) -> Actor:
    """The `Actor` of a service token (``kind="service"``, ``id`` the token's id), acting in
    its project's organization."""
    row = service_token_row(session, root_key, token)
    project = session.get(Project, row.project_id)
    if project is None:
        raise unauthorized(INVALID)
    return Actor(kind=SERVICE, id=row.id, token_id=row.id, org_id=project.org_id)


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """picomatch's ``$glob`` on secret paths: ``**`` any segments (also none), ``*`` and
    ``?`` within one segment, everything else literal."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("/**", i) and (i + 3 == len(pattern) or pattern[i + 3] == "/"):
            out += "(?:/.*)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out or "/")


def is_glob(path: str) -> bool:
    """True when a scope's path is a pattern rather than one folder."""
    return any(c in path for c in "*?")


@dataclass(frozen=True)
class PathGrant:
    """What a service token reaches in its project: environment/path scopes, read, write."""

    project_id: str
    scopes: tuple[tuple[str, str], ...]
    can_read: bool
    can_write: bool

    def allows(self, environment: str, path: str) -> bool:
        """True when some scope covers ``path`` (a normalised folder path) in ``environment``."""
        return any(
            env == environment and _glob(pattern).fullmatch(path) is not None
            for env, pattern in self.scopes
        )

    def require(self, environment: str, path: str) -> None:
        """403 PermissionDenied unless a scope covers ``environment`` and ``path``."""
        if not self.allows(environment, path):
            raise ApiError(
                403,
                f"This service token has no access to environment '{environment}'"
                f" and path '{path}'",
                "PermissionDenied",
            )


def grant_of(row: ServiceToken) -> PathGrant:
    """The `PathGrant` of a service-token row."""
    scopes = tuple(
        (str(s.get("environment", "")), str(s.get("secretPath", "/")))
        for s in (row.scopes or [])
        if isinstance(s, dict)
    )
    permissions = set(row.permissions or [])
    return PathGrant(row.project_id, scopes, "read" in permissions, "write" in permissions)


def actor_grant(session: Session, actor: Actor) -> PathGrant | None:
    """The grant of a service-token actor; ``None`` for anyone else (their role decides)."""
    if actor.kind != SERVICE:
        return None
    row = session.get(ServiceToken, actor.id)
    if row is None:
        raise unauthorized(INVALID)
    return grant_of(row)

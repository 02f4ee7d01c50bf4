"""Cache policy (pure): keys, freshness (absolute TTL), stale-if-error and invalidation.

* The key is the whole normalized request: an identity hash (never a token), the method, the
  path and every query parameter, sorted. Two calls that differ in a version or a flag never
  share an entry.
* An entry is fresh for `CachePolicy.ttl` seconds from when it was fetched (an absolute TTL: a
  value served from the cache is never older than that, so a secret rotated elsewhere is seen
  within `ttl`). With `CachePolicy.sliding`, every hit moves the expiry forward instead (the
  legacy official SDK's behaviour; a value read more often than `ttl` is then never refreshed).
* When a refresh fails (server unreachable or 5xx after retries), an entry may still be served
  while it is younger than `CachePolicy.stale_if_error` seconds, counted from when it was
  fetched (not from its expiry), whatever `sliding` did to the expiry.
* A write to (project, environment, path) makes stale: every entry of that folder, recursive
  lists of its ancestors, entries under it (a folder write can remove a subtree), and every entry
  of the project whose answer can depend on other folders (imports or expanded references).

The storage itself (dict + locks + single flight) lives in ``_async/_cache.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit.errors import ConfigurationError

__all__ = [
    "CacheEntry",
    "CacheKey",
    "CachePolicy",
    "EntryScope",
    "WriteScope",
    "entry_scope",
    "identity_hash",
    "invalidates",
    "make_key",
    "stale_usable",
    "write_scope",
]

#: (identity, method, path, sorted params)
CacheKey = tuple[str, str, str, tuple[tuple[str, str], ...]]

_TRUE = "true"
_CROSS_FOLDER_FLAGS = ("includeImports", "include_imports", "expandSecretReferences")


@dataclass(frozen=True)
class CachePolicy:
    """Cache settings: `ttl` (seconds an entry is fresh after it was fetched; 0 disables),
    `stale_if_error` (maximum age, counted from the fetch, of an entry served when a refresh
    fails; 0 disables), `max_entries` (least recently used entries are evicted beyond it),
    `sliding` (every hit restarts the `ttl`; off by default)."""

    ttl: float = 300.0
    stale_if_error: float = 86400.0
    max_entries: int = 1000
    sliding: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.ttl < 0:
            problems.append("cache_ttl must not be negative")
        if self.stale_if_error < 0:
            problems.append("cache_stale_if_error must not be negative")
        if self.max_entries < 1:
            problems.append("cache_max_entries must be at least 1")
        if problems:
            raise ConfigurationError("invalid cache settings: " + "; ".join(problems))

    @property
    def enabled(self) -> bool:
        """False when ``ttl == 0``."""
        return self.ttl > 0


@dataclass(frozen=True)
class EntryScope:
    """Where a cached answer came from, for invalidation."""

    project_id: str
    environment: str
    secret_path: str
    recursive: bool = False
    cross_folder: bool = False


@dataclass(frozen=True)
class WriteScope:
    """What a write touched; ``project_id=None`` means unknown (invalidate everything)."""

    project_id: str | None
    environment: str | None = None
    secret_paths: tuple[str, ...] = ("/",)


@dataclass
class CacheEntry:
    """One cached value under `key`: fetched at `stored_at`, fresh until `expires_at` (monotonic
    seconds; moved forward on hits only by a sliding policy)."""

    __slots__ = ("expires_at", "key", "scope", "stored_at", "value")

    value: Any
    stored_at: float
    expires_at: float
    scope: EntryScope
    key: CacheKey


def identity_hash(site_url: str, *parts: str) -> str:
    """A short, one-way hash of who is asking: the server and the credential's `parts`
    (its method and fields, secrets included: they are hashed, never stored)."""
    digest = hashlib.sha256(site_url.encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:24]


def make_key(identity: str, request: ApiRequest) -> CacheKey:
    """The cache key of a read request: identity, method, path and sorted query parameters."""
    return (identity, request.method, request.path, tuple(sorted(request.params)))


def entry_scope(request: ApiRequest) -> EntryScope:
    """The folder a read request depends on, from its query parameters."""
    params = dict(request.params)
    project = params.get("projectId") or params.get("workspaceId") or ""
    return EntryScope(
        project_id=project,
        environment=params.get("environment", ""),
        secret_path=_norm_path(params.get("secretPath", "/")),
        recursive=params.get("recursive") == _TRUE,
        cross_folder=any(params.get(flag) == _TRUE for flag in _CROSS_FOLDER_FLAGS),
    )


def write_scope(request: ApiRequest) -> WriteScope:
    """What a write request may change, from its JSON body (and query); unknown -> everything."""
    body: Mapping[str, Any] = request.json or {}
    params = dict(request.params)
    project = _first_str(body, params, "projectId", "workspaceId")
    if project is None:
        return WriteScope(None)
    environment = _first_str(body, params, "environment")
    paths = {_norm_path(p) for p in _strings(body, params, "secretPath", "path", "directory")}
    for item in body.get("secrets") or ():
        if isinstance(item, Mapping) and isinstance(item.get("secretPath"), str):
            paths.add(_norm_path(item["secretPath"]))
    for key in ("destinationSecretPath", "sourceSecretPath"):
        if isinstance(body.get(key), str):
            paths.add(_norm_path(body[key]))
    return WriteScope(project, environment, tuple(sorted(paths)) or ("/",))


def invalidates(write: WriteScope, scope: EntryScope) -> bool:
    """True if an entry with `scope` may be stale after `write`."""
    if write.project_id is None:
        return True
    if scope.project_id != write.project_id:
        return False
    if scope.cross_folder:
        return True
    if write.environment is not None and scope.environment != write.environment:
        return False
    for path in write.secret_paths:
        if scope.secret_path == path or _is_under(scope.secret_path, path):
            return True  # the folder itself, or a subtree a folder write may have removed
        if scope.recursive and _is_under(path, scope.secret_path):
            return True  # a recursive list of an ancestor
    return False


def stale_usable(entry: CacheEntry, now: float, policy: CachePolicy) -> bool:
    """True if the entry may answer for a failed refresh: fetched less than
    `CachePolicy.stale_if_error` seconds ago."""
    return now < entry.stored_at + policy.stale_if_error


def _is_under(path: str, ancestor: str) -> bool:
    if ancestor == "/":
        return path != "/"
    return path.startswith(ancestor + "/")


def _norm_path(path: str) -> str:
    path = "/" + path.strip().strip("/")
    return path if path != "/" else "/"


def _first_str(body: Mapping[str, Any], params: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        value = body.get(name, params.get(name))
        if isinstance(value, str) and value:
            return value
    return None


def _strings(body: Mapping[str, Any], params: Mapping[str, str], *names: str) -> list[str]:
    found = []
    for name in names:
        value = body.get(name, params.get(name))
        if isinstance(value, str):
            found.append(value)
    return found

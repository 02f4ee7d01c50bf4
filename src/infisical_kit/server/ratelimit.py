"""Fixed-window rate limits per client IP, counted in the database so processes share them.

Buckets follow Infisical (``@fastify/rate-limit``): ``secrets`` (secrets, folders, imports),
``read`` (other GETs) and ``write`` (other methods); windows are 60 s. ``/api/status`` and the
OpenAPI document are exempt.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

WINDOW_SECONDS = 60

metadata = MetaData()

#: One row per (bucket, client, window); created by migration ``0005_platform``.
rate_limit_counters = Table(
    "rate_limit_counters",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("window_start", Integer, nullable=False, index=True),
    Column("count", Integer, nullable=False),
)

EXEMPT_PATHS = frozenset({"/api/status", "/api/docs/json", "/api/docs"})
SECRETS_PREFIXES = (
    "/api/v1/secrets",
    "/api/v2/secrets",
    "/api/v3/secrets",
    "/api/v4/secrets",
    "/api/v1/folders",
    "/api/v2/folders",
    "/api/v1/secret-imports",
    "/api/v2/secret-imports",
)


def bucket_for(method: str, path: str) -> str | None:
    """The bucket a request counts against, or ``None`` when it is exempt."""
    if path in EXEMPT_PATHS or not path.startswith("/api/"):
        return None
    if path.startswith(SECRETS_PREFIXES):
        return "secrets"
    return "read" if method in ("GET", "HEAD") else "write"


@dataclass(frozen=True)
class Decision:
    """The outcome of counting one request."""

    allowed: bool
    limit: int
    remaining: int
    reset_after: int


class RateLimiter:
    """Counts requests in ``rate_limit_counters`` with one atomic upsert per request."""

    def __init__(self, engine: Engine, limits: dict[str, int]) -> None:
        self.engine = engine
        self.limits = {k: v for k, v in limits.items() if v > 0}

    @property
    def enabled(self) -> bool:
        """Whether any bucket is limited."""
        return bool(self.limits)

    def hit(self, bucket: str, client: str, now: float | None = None) -> Decision | None:
        """Count one request of ``client`` in ``bucket``; ``None`` when the bucket is unlimited."""
        limit = self.limits.get(bucket)
        if not limit:
            return None
        now = time.time() if now is None else now
        window = int(now) - int(now) % WINDOW_SECONDS
        key = f"{bucket}|{client}|{window}"[:255]
        count = self._increment(key, window)
        reset_after = max(1, window + WINDOW_SECONDS - int(now))
        return Decision(
            allowed=count <= limit,
            limit=limit,
            remaining=max(0, limit - count),
            reset_after=reset_after,
        )

    def _increment(self, key: str, window: int) -> int:
        table = rate_limit_counters
        dialect = self.engine.dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = (
            insert(table)
            .values(key=key, window_start=window, count=1)
            .on_conflict_do_update(index_elements=[table.c.key], set_={"count": table.c.count + 1})
            .returning(table.c.count)
        )
        with self.engine.begin() as conn:
            count = conn.execute(stmt).scalar_one()
            if random.random() < 0.01:  # housekeeping, not security
                conn.execute(delete(table).where(table.c.window_start < window - WINDOW_SECONDS))
        return int(count)

    def current(self, bucket: str, client: str, now: float | None = None) -> int:
        """How many requests ``client`` made in ``bucket`` this window (for tests/inspection)."""
        now = time.time() if now is None else now
        window = int(now) - int(now) % WINDOW_SECONDS
        with self.engine.connect() as conn:
            value = conn.execute(
                select(rate_limit_counters.c.count).where(
                    rate_limit_counters.c.key == f"{bucket}|{client}|{window}"
                )
            ).scalar()
        return int(value or 0)

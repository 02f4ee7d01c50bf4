"""A use-limited access token under 400 concurrent reads on SQLite: every GET counts its use in
a short write transaction of its own (through the write gate), so none answers 503, the
count is exact, and exactly the allowed number of reads succeed."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, db_path, token_id

READS = 400


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A private SQLite server (the test hammers it)."""
    with LocalServer(tmp_path_factory.mktemp("use-limits") / "srv") as srv:
        yield srv


async def _reads(server: LocalServer, token: str) -> list[httpx.Response]:
    """``READS`` GETs of the secret list at once (no retries: each answer is the first)."""
    params = {"projectId": server.bootstrap["project_id"], "environment": "dev"}
    limits = httpx.Limits(max_connections=READS)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=server.url, headers=headers, timeout=120, limits=limits
    ) as http:
        return list(
            await asyncio.gather(
                *(http.get("/api/v4/secrets", params=params) for _ in range(READS))
            )
        )


def _uses(server: LocalServer, token: str) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(db_path(server))) as db:
        row = db.execute(
            "SELECT num_uses, is_revoked FROM identity_access_tokens WHERE id=?", (token_id(token),)
        ).fetchone()
    return int(row[0]), int(row[1])


@pytest.mark.parametrize(("limit", "allowed"), [(READS + 100, READS), (READS - 100, READS - 100)])
def test_concurrent_reads_with_a_use_limited_token(
    server: LocalServer, limit: int, allowed: int
) -> None:
    admin = admin_token(server)
    mi = MachineIdentity(server, admin, accessTokenNumUsesLimit=limit)
    mi.join(admin, "viewer")
    token = mi.token()
    answers = asyncio.run(_reads(server, token))
    statuses = Counter(a.status_code for a in answers)
    assert statuses == Counter({200: allowed, 401: READS - allowed}), statuses
    uses, revoked = _uses(server, token)
    assert uses == allowed
    assert bool(revoked) == (allowed < READS)

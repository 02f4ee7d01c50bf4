"""Several server processes on one PostgreSQL behave as one server."""

from __future__ import annotations

import base64
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from infisical_kit.server.db import make_engine
from infisical_kit.server.schema import SecretVersion
from infisical_kit.testing import LocalServer

from ._platform import assert_envelope, login

V4 = "/api/v4/secrets"


@pytest.fixture
def two_servers(tmp_path: Path, postgres_url: str) -> Iterator[tuple[LocalServer, LocalServer]]:
    env = {"INFISICAL_KIT_ROOT_KEY": base64.b64encode(secrets.token_bytes(32)).decode()}
    a = LocalServer(tmp_path / "a", database_url=postgres_url, env=env).start()
    try:
        b = LocalServer(tmp_path / "b", database_url=postgres_url, env=env).start()
        try:
            yield a, b
        finally:
            b.close()
    finally:
        a.close()


def test_token_and_revocation_shared(two_servers: tuple[LocalServer, LocalServer]) -> None:
    a, b = two_servers
    assert a.bootstrap["project_id"] == b.bootstrap["project_id"]
    token = login(a.url, a.bootstrap)
    auth = {"Authorization": f"Bearer {token}"}
    params = {"projectId": a.bootstrap["project_id"], "environment": "dev"}
    created = httpx.post(
        f"{a.url}{V4}/SHARED_K", json={**params, "secretValue": "v1"}, headers=auth
    )
    assert created.status_code == 200, created.text
    got = httpx.get(f"{b.url}{V4}/SHARED_K", params=params, headers=auth)
    assert got.status_code == 200, got.text
    assert got.json()["secret"]["secretValue"] == "v1"
    revoked = httpx.post(f"{a.url}/api/v1/auth/token/revoke", json={"accessToken": token})
    assert revoked.status_code == 200, revoked.text
    assert_envelope(httpx.get(f"{b.url}{V4}/SHARED_K", params=params, headers=auth), 401)
    assert_envelope(httpx.get(f"{a.url}{V4}/SHARED_K", params=params, headers=auth), 401)


def test_concurrent_updates_lose_nothing(
    two_servers: tuple[LocalServer, LocalServer], postgres_url: str
) -> None:
    a, b = two_servers
    token = login(a.url, a.bootstrap)
    auth = {"Authorization": f"Bearer {token}"}
    params = {"projectId": a.bootstrap["project_id"], "environment": "dev"}
    resp = httpx.post(f"{a.url}{V4}/RACE", json={**params, "secretValue": "start"}, headers=auth)
    assert resp.status_code == 200, resp.text
    failures: list[str] = []
    versions: list[int] = []
    lock = threading.Lock()

    def update(i: int) -> None:
        url = (a if i % 2 else b).url
        r = httpx.patch(
            f"{url}{V4}/RACE", json={**params, "secretValue": f"v{i}"}, headers=auth, timeout=60
        )
        with lock:
            if r.status_code == 200:
                versions.append(r.json()["secret"]["version"])
            else:
                failures.append(f"{r.status_code}: {r.text[:200]}")

    threads = [threading.Thread(target=update, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert sorted(versions) == list(range(2, 52))
    final = httpx.get(f"{b.url}{V4}/RACE", params=params, headers=auth).json()["secret"]
    assert final["version"] == 51
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            history = conn.execute(
                select(SecretVersion.version).where(SecretVersion.secret_id == final["id"])
            ).scalars()
            assert sorted(history) == list(range(1, 52))
    finally:
        engine.dispose()


def test_workers_flag_runs_several_processes(tmp_path: Path, postgres_url: str) -> None:
    with LocalServer(
        tmp_path / "w", database_url=postgres_url, extra_args=["--workers", "2"]
    ) as srv:
        token = login(srv.url, srv.bootstrap)
        auth = {"Authorization": f"Bearer {token}"}
        params = {"projectId": srv.bootstrap["project_id"], "environment": "dev"}
        r = httpx.post(f"{srv.url}{V4}/W_K", json={**params, "secretValue": "x"}, headers=auth)
        assert r.status_code == 200, r.text
        with httpx.Client(headers=auth) as http:
            for _ in range(20):
                got = http.get(f"{srv.url}{V4}/W_K", params=params)
                assert got.status_code == 200 and got.json()["secret"]["secretValue"] == "x"
        assert "Started parent process" in srv.log_tail(200) or "workers" in srv.log_tail(200)

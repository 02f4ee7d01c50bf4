"""PostgreSQL: CRUD through the server, URL spellings, migrations racing from several processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from infisical_kit.server.db import make_engine, normalize_url
from infisical_kit.testing import LocalServer

from ._platform import assert_envelope, authed

V4 = "/api/v4/secrets"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u:p@h:5/db", "postgresql+psycopg://u:p@h:5/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_url_spellings(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_crud_through_server(tmp_path: Path, postgres_url: str) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgres://", 1)
    with (
        LocalServer(tmp_path / "pg", database_url=plain) as srv,
        authed(srv.url, srv.bootstrap) as http,
    ):
        scope = {"projectId": srv.bootstrap["project_id"], "environment": "dev"}
        r = http.post(f"{V4}/PG_KEY", json={**scope, "secretValue": "one"})
        assert r.status_code == 200, r.text
        assert r.json()["secret"]["version"] == 1
        r = http.patch(f"{V4}/PG_KEY", json={**scope, "secretValue": "two"})
        assert r.status_code == 200 and r.json()["secret"]["version"] == 2
        got = http.get(f"{V4}/PG_KEY", params=scope).json()["secret"]
        assert got["secretValue"] == "two"
        names = [s["secretKey"] for s in http.get(V4, params=scope).json()["secrets"]]
        assert "PG_KEY" in names
        dup = http.post(f"{V4}/PG_KEY", json={**scope, "secretValue": "x"})
        assert 400 <= dup.status_code < 500
        assert http.request("DELETE", f"{V4}/PG_KEY", json=scope).status_code == 200
        assert_envelope(http.get(f"{V4}/PG_KEY", params=scope), 404, "NotFound")
    # The data really is in PostgreSQL, encrypted.
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM secret_versions")).scalar() == 2
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def test_migrations_race_from_several_processes(postgres_url: str) -> None:
    code = (
        "import sys\n"
        "from infisical_kit.server.db import make_engine, upgrade\n"
        "e = make_engine(sys.argv[1]); upgrade(e); e.dispose(); print('migrated')\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, postgres_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()[-2000:]
        assert b"migrated" in out
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert len(rows) == 1
            assert conn.execute(text("SELECT count(*) FROM rate_limit_counters")).scalar() == 0
    finally:
        engine.dispose()

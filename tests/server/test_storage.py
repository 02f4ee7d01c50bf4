"""At-rest encryption, bootstrap idempotency, root-key handling, migrations, isolation."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from infisical_kit.server.db import alembic_config, make_engine, make_sessionmaker, upgrade
from infisical_kit.server.runner import main_bootstrap
from infisical_kit.server.services.projects import create_project
from infisical_kit.server.settings import ServerSettings, SettingsError

from .conftest import RunningServer, assert_error, free_port, server_env, start_server

TABLES = {
    "organizations",
    "users",
    "projects",
    "environments",
    "folders",
    "secrets",
    "secret_versions",
    "identities",
    "identity_universal_auth",
    "identity_client_secrets",
    "identity_access_tokens",
    "project_memberships",
    "server_settings",
}


@pytest.fixture(autouse=True)
def _no_root_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (
        "INFISICAL_KIT_ROOT_KEY",
        "INFISICAL_KIT_ROOT_KEY_FILE",
        "INFISICAL_KIT_DATABASE_URL",
    ):
        monkeypatch.delenv(var, raising=False)


def _raw_db_bytes(db_path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal"):
        path = Path(str(db_path) + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def test_values_encrypted_at_rest(
    server: RunningServer, http: httpx.Client, pid: str, name: str
) -> None:
    value = "plaintext-value-" + uuid.uuid4().hex
    comment = "plaintext-comment-" + uuid.uuid4().hex
    scope = {"projectId": pid, "environment": "dev"}
    assert (
        http.post(
            f"/api/v4/secrets/{name}",
            json={**scope, "secretValue": value, "secretComment": comment},
        ).status_code
        == 200
    )
    assert (
        http.patch(
            f"/api/v4/secrets/{name}", json={**scope, "secretValue": value + "-2"}
        ).status_code
        == 200
    )
    with contextlib.closing(sqlite3.connect(server.db_path, timeout=10)) as db:
        row = db.execute(
            "SELECT value_ciphertext, comment_ciphertext FROM secrets WHERE key = ?", (name,)
        ).fetchone()
        versions = db.execute(
            "SELECT count(*) FROM secret_versions v"
            " JOIN secrets s ON s.id = v.secret_id WHERE s.key = ?",
            (name,),
        ).fetchone()[0]
    assert row is not None
    assert value.encode() not in row[0] and len(row[0]) >= len(value) + 28
    assert comment.encode() not in row[1]
    assert versions == 2
    raw = _raw_db_bytes(server.db_path)
    assert name.encode() in raw  # keys are stored in clear: the scan does see table content
    for secret_text in (
        value,
        comment,
        server.bootstrap["client_secret"],
        server.bootstrap["admin_password"],
    ):
        assert secret_text.encode() not in raw


def test_other_projects_look_missing(server: RunningServer, http: httpx.Client) -> None:
    engine = make_engine(f"sqlite:///{server.db_path}")
    try:
        with make_sessionmaker(engine)() as session:
            project = create_project(
                session,
                server.root_key(),
                org_id=server.bootstrap["organization_id"],
                name="Not Yours",
                slug="not-yours-" + uuid.uuid4().hex[:6],
            )
            session.commit()
            foreign = project.id
    finally:
        engine.dispose()
    resp = http.get("/api/v4/secrets", params={"projectId": foreign, "environment": "dev"})
    assert_error(resp, 404, "NotFound", f"Project with ID '{foreign}' not found")
    resp = http.post(
        "/api/v3/secrets/raw/X",
        json={"workspaceId": foreign, "environment": "dev", "secretValue": "x"},
    )
    assert_error(resp, 404, "NotFound", f"Project with ID '{foreign}' not found")


def test_bootstrap_idempotent_in_process(tmp_path: Path) -> None:
    first = main_bootstrap(tmp_path / "d")
    second = main_bootstrap(data_dir=tmp_path / "d", database_url=None)
    assert first == second
    assert set(first) >= {
        "project_id",
        "project_slug",
        "project_name",
        "environments",
        "client_id",
        "client_secret",
        "identity_id",
        "organization_id",
        "admin_email",
        "admin_password",
    }
    assert first["environments"] == ["dev", "staging", "prod"]
    for fname in ("bootstrap.json", "root.key"):
        mode = stat.S_IMODE(os.stat(tmp_path / "d" / fname).st_mode)
        assert mode == 0o600, (fname, oct(mode))
    assert json.loads((tmp_path / "d" / "bootstrap.json").read_text()) == first


def test_bootstrap_survives_restart(tmp_path: Path) -> None:
    data = tmp_path / "data"
    srv = start_server(data)
    try:
        first = srv.bootstrap
        assert main_bootstrap(data) == first  # the CLI path sees the same record
    finally:
        srv.stop()
    again = start_server(data)
    try:
        assert again.bootstrap == first
        token = again.login()  # the stored client secret still validates
        with again.client(token) as http:
            resp = http.get(
                "/api/v4/secrets", params={"projectId": first["project_id"], "environment": "prod"}
            )
            assert resp.status_code == 200
    finally:
        again.stop()


def test_refuses_to_start_without_root_key(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "infisical_kit.server", "--data-dir", str(tmp_path / "d")]
    cmd += ["--port", str(free_port())]
    proc = subprocess.run(cmd, env=server_env(), capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert b"INFISICAL_KIT_ROOT_KEY" in proc.stderr


def test_non_dev_with_root_key_from_env(tmp_path: Path) -> None:
    key = base64.b64encode(os.urandom(32)).decode()
    srv = start_server(tmp_path / "d", dev=False, env={"INFISICAL_KIT_ROOT_KEY": key})
    try:
        assert not (tmp_path / "d" / "root.key").exists()
        assert not (tmp_path / "d" / "bootstrap.json").exists()
        with httpx.Client(base_url=srv.url) as http:
            assert_error(http.get("/api/v4/secrets"), 401, "UnauthorizedError", "Token missing")
    finally:
        srv.stop()


@pytest.mark.parametrize("bad", ["not base64!!", base64.b64encode(b"short").decode()])
def test_bad_root_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("INFISICAL_KIT_ROOT_KEY", bad)
    with pytest.raises(SettingsError):
        ServerSettings(data_dir=tmp_path).load_root_key()


def test_root_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = os.urandom(32)
    (tmp_path / "k").write_text(base64.b64encode(key).decode() + "\n")
    monkeypatch.setenv("INFISICAL_KIT_ROOT_KEY_FILE", str(tmp_path / "k"))
    assert ServerSettings(data_dir=tmp_path).load_root_key() == key
    monkeypatch.setenv("INFISICAL_KIT_ROOT_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(SettingsError):
        ServerSettings(data_dir=tmp_path).load_root_key()


def test_migrations_create_schema_and_rerun(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        upgrade(engine)
        upgrade(engine)  # already at head: a no-op
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as conn:
            head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
            assert head is not None
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_end_to_end(tmp_path: Path, postgres_url: str) -> None:
    srv = start_server(tmp_path / "pg", "--database-url", postgres_url)
    try:
        assert not (tmp_path / "pg" / "infisical-kit.db").exists()
        token = srv.login()
        pid = srv.project_id
        with srv.client(token) as http:
            scope = {"projectId": pid, "environment": "dev"}
            assert (
                http.post(
                    "/api/v4/secrets/PG_KEY", json={**scope, "secretValue": "one"}
                ).status_code
                == 200
            )
            assert (
                http.patch("/api/v4/secrets/PG_KEY", json={**scope, "secretValue": "two"}).json()[
                    "secret"
                ]["version"]
                == 2
            )
            got = http.get("/api/v4/secrets/PG_KEY", params={**scope, "version": "1"})
            assert got.json()["secret"]["secretValue"] == "one"
            assert_error(
                http.post("/api/v4/secrets/PG_KEY", json={**scope, "secretValue": "x"}),
                400,
                "BadRequest",
            )
        engine = make_engine(postgres_url)
        try:
            assert set(inspect(engine).get_table_names()) >= TABLES
        finally:
            engine.dispose()
    finally:
        srv.stop()

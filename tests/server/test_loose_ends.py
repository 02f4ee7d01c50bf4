"""Server loose ends: org_role defaults (migration 0006 and the bootstrap), environment
positions kept unique and contiguous, renaming a shared secret renames its personal
overrides."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic import command
from sqlalchemy import text

from infisical_kit.server.db import alembic_config, make_engine
from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, client, db_path, user_client
from ._projects_support import new_project


@pytest.fixture
def admin(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with client(infisical_server, admin_token(infisical_server)) as http:
        yield http


@pytest.fixture
def user(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    """The bootstrap admin user, organization selected (a project admin of the bootstrap
    project, so it can write personal overrides there)."""
    with contextlib.closing(user_client(infisical_server)) as http:
        yield http


# --- org roles -----------------------------------------------------------------------------


def _column_default(db: Path, table: str) -> str | None:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"PRAGMA table_info({table})").fetchall()
    return next(str(r[4]) for r in rows if r[1] == "org_role")


def test_bootstrap_is_admin_and_default_is_member(
    infisical_server: LocalServer, admin: httpx.Client
) -> None:
    boot = infisical_server.bootstrap
    resp = admin.get(f"/api/v1/identities/{boot['identity_id']}")
    assert resp.status_code == 200, resp.text
    assert resp.json()["identity"]["role"] == "admin"
    db = db_path(infisical_server)
    with sqlite3.connect(db) as conn:
        roles = conn.execute("SELECT org_role FROM users WHERE email = ?", (boot["admin_email"],))
        assert roles.fetchall() == [("admin",)]
    for table in ("users", "identities"):
        assert _column_default(db, table) == "'member'"


def test_migration_keeps_existing_roles(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        command.upgrade(alembic_config(engine), "0005_platform")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO organizations (id, name, slug, created_at)"
                    " VALUES ('o', 'O', 'o', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO users (id, org_id, email, password_hash, created_at)"
                    " VALUES ('u', 'o', 'u@example.com', 'h', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO user_sessions (id, user_id, is_revoked, created_at)"
                    " VALUES ('s', 'u', 0, '2026-01-01')"
                )
            )
        command.upgrade(alembic_config(engine), "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT org_role FROM users")).all() == [("admin",)]
            # nothing referencing the user was lost to a table rebuild
            assert conn.execute(text("SELECT id FROM user_sessions")).all() == [("s",)]
            assert conn.execute(text("SELECT COUNT(*) FROM identity_kubernetes_auth")).scalar() == 0
    finally:
        engine.dispose()


# --- environment positions -------------------------------------------------------------------


def _order(http: httpx.Client, pid: str) -> list[tuple[str, int]]:
    resp = http.get(f"/api/v1/projects/{pid}/environments")
    assert resp.status_code == 200, resp.text
    envs = sorted(resp.json()["environments"], key=lambda e: e["position"])
    return [(e["slug"], e["position"]) for e in envs]


def test_positions_stay_unique_and_contiguous(admin: httpx.Client) -> None:
    pid = str(new_project(admin)["id"])
    coll = f"/api/v1/projects/{pid}/environments"
    assert _order(admin, pid) == [("dev", 1), ("staging", 2), ("prod", 3)]
    qa = admin.post(coll, json={"name": "QA", "slug": "qa"}).json()["environment"]
    assert qa["position"] == 4
    moved = admin.patch(f"{coll}/{qa['id']}", json={"position": 2})
    assert moved.status_code == 200, moved.text
    assert moved.json()["environment"]["position"] == 2
    assert _order(admin, pid) == [("dev", 1), ("qa", 2), ("staging", 3), ("prod", 4)]
    envs = {e["slug"]: e["id"] for e in admin.get(coll).json()["environments"]}
    assert admin.patch(f"{coll}/{envs['dev']}", json={"position": 4}).status_code == 200
    assert _order(admin, pid) == [("qa", 1), ("staging", 2), ("prod", 3), ("dev", 4)]
    # beyond the end means last; inserting at a position shifts the rest
    assert (
        admin.patch(f"{coll}/{envs['qa']}", json={"position": 99}).json()["environment"]["position"]
        == 4
    )
    uat = admin.post(coll, json={"name": "UAT", "slug": "uat", "position": 1})
    assert uat.json()["environment"]["position"] == 1
    assert _order(admin, pid) == [
        ("uat", 1),
        ("staging", 2),
        ("prod", 3),
        ("dev", 4),
        ("qa", 5),
    ]
    assert admin.delete(f"{coll}/{envs['staging']}").status_code == 200
    assert _order(admin, pid) == [("uat", 1), ("prod", 2), ("dev", 3), ("qa", 4)]


# --- renaming a shared secret renames its personal overrides -----------------------------------


def test_rename_takes_personal_overrides_along(
    infisical_server: LocalServer, admin: httpx.Client, user: httpx.Client
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    folder = "r" + uuid.uuid4().hex[:8]
    made = user.post(
        "/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": folder}
    )
    assert made.status_code == 200, made.text
    scope = {"projectId": pid, "environment": "dev", "secretPath": f"/{folder}"}
    for body in ({"secretValue": "shared"}, {"secretValue": "mine", "type": "personal"}):
        resp = user.post("/api/v4/secrets/OLD_NAME", json={**scope, **body})
        assert resp.status_code == 200, resp.text
    renamed = user.patch("/api/v4/secrets/OLD_NAME", json={**scope, "newSecretName": "NEW_NAME"})
    assert renamed.status_code == 200, renamed.text
    personal = user.get("/api/v4/secrets/NEW_NAME", params={**scope, "type": "personal"})
    assert personal.status_code == 200, personal.text
    assert (personal.json()["secret"]["secretValue"], personal.json()["secret"]["version"]) == (
        "mine",
        2,
    )
    gone = user.get("/api/v4/secrets/OLD_NAME", params={**scope, "type": "personal"})
    assert gone.status_code == 404, gone.text
    listed = user.get(
        "/api/v4/secrets", params={**scope, "includePersonalOverrides": "true"}
    ).json()["secrets"]
    assert [(s["secretKey"], s["secretValue"]) for s in listed] == [("NEW_NAME", "mine")]
    shared = admin.get("/api/v4/secrets/NEW_NAME", params=scope).json()["secret"]
    assert shared["secretValue"] == "shared"

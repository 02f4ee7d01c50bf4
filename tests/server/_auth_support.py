"""Helpers shared by the auth, identity, user and role tests (no tests in this module).

They drive a real server over HTTP; clock-dependent rules are exercised by moving stored
timestamps back in the server's SQLite database instead of sleeping.
"""

from __future__ import annotations

import base64
import contextlib
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import jwt

from infisical_kit.server.crypto import unseal_server_value
from infisical_kit.testing import LocalServer

from .conftest import assert_error as assert_error  # the auth tests import it from here

UA_LOGIN = "/api/v1/auth/universal-auth/login"


def client(server: LocalServer, token: str | None = None) -> httpx.Client:
    """An HTTP client for ``server`` (with a Bearer token when given)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, headers=headers, timeout=30.0)


def user_client(server: LocalServer) -> httpx.Client:
    """An HTTP client logged in as the bootstrap admin user, its organization selected."""
    boot = server.bootstrap
    http = client(server)
    resp = http.post(
        "/api/v3/auth/login",
        json={"email": boot["admin_email"], "password": boot["admin_password"]},
    )
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"
    resp = http.post(
        "/api/v3/auth/select-organization", json={"organizationId": boot["organization_id"]}
    )
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['token']}"
    return http


def ua_login(server: LocalServer, client_id: str, client_secret: str) -> httpx.Response:
    """POST the universal-auth login."""
    with client(server) as http:
        return http.post(UA_LOGIN, json={"clientId": client_id, "clientSecret": client_secret})


def admin_token(server: LocalServer) -> str:
    """A fresh access token of the bootstrap (org and project admin) identity."""
    b = server.bootstrap
    resp = ua_login(server, b["client_id"], b["client_secret"])
    assert resp.status_code == 200, resp.text
    return str(resp.json()["accessToken"])


class MachineIdentity:
    """An identity made through the API, with universal auth and one client secret."""

    def __init__(self, server: LocalServer, admin: str, **ua: Any) -> None:
        self.server = server
        org = server.bootstrap["organization_id"]
        name = "mi-" + uuid.uuid4().hex[:8]
        role = ua.pop("org_role", "member")
        with client(server, admin) as http:
            resp = http.post(
                "/api/v1/identities", json={"name": name, "organizationId": org, "role": role}
            )
            assert resp.status_code == 200, resp.text
            self.id: str = resp.json()["identity"]["id"]
            resp = http.post(f"/api/v1/auth/universal-auth/identities/{self.id}", json=ua)
            assert resp.status_code == 200, resp.text
            self.ua: dict[str, Any] = resp.json()["identityUniversalAuth"]
            self.client_id: str = self.ua["clientId"]
        self.client_secret = self.new_secret(admin)

    def new_secret(self, admin: str, **body: Any) -> str:
        """Create another client secret; returns the plain secret."""
        with client(self.server, admin) as http:
            resp = http.post(
                f"/api/v1/auth/universal-auth/identities/{self.id}/client-secrets", json=body
            )
        assert resp.status_code == 200, resp.text
        return str(resp.json()["clientSecret"])

    def login(self, secret: str | None = None) -> httpx.Response:
        """Universal-auth login with this identity's client id."""
        return ua_login(self.server, self.client_id, secret or self.client_secret)

    def token(self) -> str:
        """A fresh access token (asserting the login works)."""
        resp = self.login()
        assert resp.status_code == 200, resp.text
        return str(resp.json()["accessToken"])

    def join(self, admin: str, role: str, project_id: str | None = None) -> None:
        """Add the identity to a project (the bootstrap project by default) with ``role``."""
        pid = project_id or self.server.bootstrap["project_id"]
        with client(self.server, admin) as http:
            resp = http.post(
                f"/api/v2/workspace/{pid}/identity-memberships/{self.id}", json={"role": role}
            )
        assert resp.status_code == 200, resp.text


def list_secrets(server: LocalServer, token: str) -> httpx.Response:
    """GET the v4 secret list of the bootstrap project's dev environment."""
    with client(server, token) as http:
        return http.get(
            "/api/v4/secrets",
            params={"projectId": server.bootstrap["project_id"], "environment": "dev"},
        )


def db_path(server: LocalServer) -> Path:
    """The server's SQLite file."""
    return server.data_dir / "infisical-kit.db"


def db_exec(server: LocalServer, sql: str, *args: Any) -> None:
    """Run one write statement against the server's SQLite database."""
    with contextlib.closing(sqlite3.connect(db_path(server), timeout=30)) as db:
        db.execute(sql, args)
        db.commit()


def ago(seconds: float) -> str:
    """A stored (naive UTC) timestamp ``seconds`` in the past."""
    when = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(seconds=seconds)
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def token_id(token: str) -> str:
    """The ``identityAccessTokenId`` claim of an identity access token."""
    return str(jwt.decode(token, options={"verify_signature": False})["identityAccessTokenId"])


def jwt_secret(server: LocalServer) -> str:
    """The server's JWT signing secret, unsealed with the dev root key."""
    root_key = base64.b64decode((server.data_dir / "root.key").read_text().strip())
    with contextlib.closing(sqlite3.connect(db_path(server))) as db:
        row = db.execute("SELECT value FROM server_settings WHERE key='jwt_secret'").fetchone()
    return unseal_server_value(root_key, "jwt_secret", row[0])


def forge(secret: str, token: str, **changes: Any) -> str:
    """Re-sign ``token`` with changed claims."""
    claims = jwt.decode(token, options={"verify_signature": False})
    claims.update(changes)
    return jwt.encode(claims, secret, algorithm="HS256")

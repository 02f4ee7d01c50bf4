"""Helpers for the server tests (projects, environments, tags, KMS, secrets; no tests here).

Extra machine identities are written straight into the server's database (there is no
identity-management API to rely on), then log in over HTTP like any client.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import create_engine

from infisical_kit.server.auth.hashing import hash_secret
from infisical_kit.server.db import make_sessionmaker
from infisical_kit.server.schema import (
    Identity,
    IdentityClientSecret,
    IdentityUniversalAuth,
    ProjectMembership,
)
from infisical_kit.server.services.universal_auth import CLIENT_SECRET_PREFIX_LEN
from infisical_kit.testing import LocalServer


def login(url: str, client_id: str, client_secret: str) -> httpx.Client:
    """An HTTP client carrying a fresh universal-auth access token."""
    http = httpx.Client(base_url=url, timeout=30.0)
    resp = http.post(
        "/api/v1/auth/universal-auth/login",
        json={"clientId": client_id, "clientSecret": client_secret},
    )
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = "Bearer " + resp.json()["accessToken"]
    return http


def admin_client(server: LocalServer) -> httpx.Client:
    """A client logged in as the bootstrap identity."""
    boot = server.bootstrap
    return login(server.url, boot["client_id"], boot["client_secret"])


def database_url(server: LocalServer) -> str:
    """The server's SQLAlchemy URL."""
    return server.database_url or f"sqlite:///{server.data_dir / 'infisical-kit.db'}"


@contextmanager
def other_identity(server: LocalServer, memberships: dict[str, str]) -> Iterator[httpx.Client]:
    """A new identity (same org) that is a member of ``memberships`` (project id -> role)."""
    engine = create_engine(database_url(server).replace("postgresql://", "postgresql+psycopg://"))
    client_id, client_secret = str(uuid.uuid4()), secrets.token_hex(32)
    try:
        with make_sessionmaker(engine)() as session:
            identity = Identity(
                org_id=server.bootstrap["organization_id"], name="test-" + client_id[:8]
            )
            session.add(identity)
            session.flush()
            session.add(
                IdentityUniversalAuth(
                    identity_id=identity.id,
                    client_id=client_id,
                    access_token_ttl=3600,
                    access_token_max_ttl=7200,
                )
            )
            session.add(
                IdentityClientSecret(
                    identity_id=identity.id,
                    prefix=client_secret[:CLIENT_SECRET_PREFIX_LEN],
                    secret_hash=hash_secret(client_secret),
                )
            )
            for project_id, role in memberships.items():
                session.add(
                    ProjectMembership(project_id=project_id, identity_id=identity.id, role=role)
                )
            session.commit()
    finally:
        engine.dispose()
    http = login(server.url, client_id, client_secret)
    try:
        yield http
    finally:
        http.close()


def new_project(http: httpx.Client, **extra: Any) -> dict[str, Any]:
    """Create a project through the API and return it."""
    body = {"projectName": "Test " + uuid.uuid4().hex[:8], **extra}
    resp = http.post("/api/v1/projects", json=body)
    assert resp.status_code == 200, resp.text
    project: dict[str, Any] = resp.json()["project"]
    return project


def assert_error(resp: httpx.Response, status: int, error: str | None = None) -> dict[str, Any]:
    """The response is an Infisical error envelope with ``status`` (and ``error``)."""
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    assert set(body) >= {"reqId", "statusCode", "message", "error"}
    assert body["statusCode"] == status
    if error is not None:
        assert body["error"] == error
    return body

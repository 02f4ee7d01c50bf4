"""``infisical-api`` 1.0.3 (PyPI), the legacy service-token client, against our server on SQLite
and on PostgreSQL: it reads ``GET /api/v2/service-token`` for the project, then secrets through
``/api/v3/secrets/raw`` with ``Authorization: Bearer st.<id>.<secret>``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from infisical_api import infisical_api

from infisical_kit.testing import LocalServer

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the package says so


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalServer]:
    """A server of this test's own on SQLite or on a fresh PostgreSQL database."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    with LocalServer(tmp_path / "server", database_url=url) as server:
        yield server


def _admin_user(server: LocalServer) -> httpx.Client:
    """The bootstrap admin user, its organization selected (service tokens come from users)."""
    boot = server.bootstrap
    http = httpx.Client(base_url=server.url, timeout=30)
    login = http.post(
        "/api/v3/auth/login",
        json={"email": boot["admin_email"], "password": boot["admin_password"]},
    )
    http.headers["Authorization"] = f"Bearer {login.json()['accessToken']}"
    org = {"organizationId": boot["organization_id"]}
    selected = http.post("/api/v3/auth/select-organization", json=org)
    http.headers["Authorization"] = f"Bearer {selected.json()['token']}"
    return http


def _ok(resp: httpx.Response) -> dict[str, Any]:
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def _token(http: httpx.Client, pid: str, scopes: list[dict[str, str]]) -> str:
    body = {
        "name": "infisical-api",
        "workspaceId": pid,
        "scopes": scopes,
        "permissions": ["read"],
        "expiresIn": None,
        "encryptedKey": "",
        "iv": "",
        "tag": "",
    }
    return str(_ok(http.post("/api/v2/service-token", json=body))["serviceToken"])


def test_service_token_flow(backend_server: LocalServer) -> None:
    pid = backend_server.bootstrap["project_id"]
    with closing(_admin_user(backend_server)) as admin:
        folder = {"projectId": pid, "environment": "prod", "path": "/", "name": "MYSQL"}
        _ok(admin.post("/api/v2/folders", json=folder))
        for env, path, key, value in (
            ("prod", "/MYSQL", "USERNAME", "db-user"),
            ("dev", "/", "API_URL", "https://dev.example"),
            ("staging", "/", "API_URL", "https://staging.example"),
        ):
            body = {"projectId": pid, "environment": env, "secretPath": path, "secretValue": value}
            _ok(admin.post(f"/api/v4/secrets/{key}", json=body))
        mysql = _token(admin, pid, [{"environment": "prod", "secretPath": "/MYSQL"}])
        both = _token(
            admin,
            pid,
            [
                {"environment": "dev", "secretPath": "/"},
                {"environment": "staging", "secretPath": "/"},
            ],
        )

    # the package's documented use: the project comes from GET /api/v2/service-token
    secrets = infisical_api(
        service_token=mysql, infisical_url=backend_server.url, log_level="WARNING"
    )
    assert secrets.get_workspace_id() == pid
    assert secrets.get_secret(secret_name="USERNAME", path="/MYSQL").secretValue == "db-user"
    # one plain scope: the token's environment and path win over the request's
    pinned = secrets.get_secret(secret_name="USERNAME", environment="dev")
    assert (pinned.secretValue, pinned.environment) == ("db-user", "prod")

    # two scopes: the request names the environment, and only those two are reachable
    scoped = infisical_api(service_token=both, infisical_url=backend_server.url, workspace_id=pid)
    assert scoped.get_secret("API_URL", environment="dev").secretValue == "https://dev.example"
    staged = scoped.get_secret("API_URL", environment="staging")
    assert staged.secretValue == "https://staging.example"
    with pytest.raises(KeyError):  # the package indexes the answer's "secret": a 403 has none
        scoped.get_secret("USERNAME", environment="prod", path="/MYSQL")

"""Helpers of the dynamic-secret tests over HTTP: the API calls, and waiting for the sweeper
(the PostgreSQL side is in tests/_pg_roles.py)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from _pg_roles import (  # noqa: F401 - re-exported for the server tests
    AUDITED_REVOKE,
    admin,
    login_works,
    role,
    scram_matches,
    sql_inputs,
    target_database,
)
from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, client

#: How often the test servers sweep (seconds): fast, so the tests wait little.
FAST_SWEEP = {"INFISICAL_KIT_LEASE_SWEEP_INTERVAL": "0.1"}


class Api:
    """The bootstrap machine identity of a server, calling the dynamic-secret routes."""

    def __init__(self, server: LocalServer, token: str | None = None) -> None:
        self.server = server
        self.http = client(server, token or admin_token(server))
        pid = server.bootstrap["project_id"]
        project = self.http.get(f"/api/v1/projects/{pid}").json()["project"]
        self.scope = {"projectSlug": project["slug"], "environmentSlug": "dev", "path": "/"}

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()

    def create(
        self, provider: str, inputs: dict[str, Any], *, name: str | None = None, **extra: Any
    ) -> httpx.Response:
        """``POST /api/v1/dynamic-secrets`` (default TTL 1h, max 1d)."""
        body = {
            **self.scope,
            "name": name or "ds-" + uuid.uuid4().hex[:8],
            "provider": {"type": provider, "inputs": inputs},
            "defaultTTL": "1h",
            "maxTTL": "1d",
            **extra,
        }
        return self.http.post("/api/v1/dynamic-secrets", json=body)

    def lease(self, name: str, **extra: Any) -> httpx.Response:
        """``POST /api/v1/dynamic-secrets/leases``."""
        body = {**self.scope, "dynamicSecretName": name, **extra}
        return self.http.post("/api/v1/dynamic-secrets/leases", json=body)

    def get_lease(self, lease_id: str) -> httpx.Response:
        """``GET /api/v1/dynamic-secrets/leases/{id}``."""
        return self.http.get(f"/api/v1/dynamic-secrets/leases/{lease_id}", params=self.scope)

    def revoke(self, lease_id: str, **extra: Any) -> httpx.Response:
        """``DELETE /api/v1/dynamic-secrets/leases/{id}``."""
        path = f"/api/v1/dynamic-secrets/leases/{lease_id}"
        return self.http.request("DELETE", path, json={**self.scope, **extra})

    def renew(self, lease_id: str, **extra: Any) -> httpx.Response:
        """``POST /api/v1/dynamic-secrets/leases/{id}/renew``."""
        path = f"/api/v1/dynamic-secrets/leases/{lease_id}/renew"
        return self.http.post(path, json={**self.scope, **extra})


def ok(resp: httpx.Response) -> dict[str, Any]:
    """The JSON body of a 200 (the failure shows only the error envelope)."""
    assert resp.status_code == 200, resp.text if resp.status_code >= 400 else resp.status_code
    body: dict[str, Any] = resp.json()
    return body


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not after {timeout:.0f}s")
        time.sleep(0.05)  # poll interval; the condition decides

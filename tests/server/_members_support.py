"""Helpers of the members and service-token tests (no tests in this module): users invited
through the API, given a password by the admin route, and logged in."""

from __future__ import annotations

import uuid
from contextlib import closing
from typing import Any

import httpx

from infisical_kit.testing import LocalServer

from ._auth_support import client, user_client

PASSWORD = "a long enough password"


def fresh_email(prefix: str = "member") -> str:
    """An e-mail address nobody used before."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


def invite(
    admin: httpx.Client, pid: str, emails: list[str], roles: list[str] | None = None
) -> list[dict[str, Any]]:
    """Invite ``emails`` to the project (asserting success); the new memberships."""
    body: dict[str, Any] = {"emails": emails}
    if roles is not None:
        body["roleSlugs"] = roles
    resp = admin.post(f"/api/v2/workspace/{pid}/memberships", json=body)
    assert resp.status_code == 200, resp.text
    memberships: list[dict[str, Any]] = resp.json()["memberships"]
    return memberships


def activate(admin: httpx.Client, user_id: str, password: str = PASSWORD) -> None:
    """Give an invited user its password (the admin route)."""
    resp = admin.post(f"/api/v1/admin/users/{user_id}/password", json={"password": password})
    assert resp.status_code == 200, resp.text


def login_user(server: LocalServer, email: str, password: str = PASSWORD) -> httpx.Client:
    """A client logged in as ``email``, its organization selected."""
    http = client(server)
    resp = http.post("/api/v3/auth/login", json={"email": email, "password": password})
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"
    org = server.bootstrap["organization_id"]
    resp = http.post("/api/v3/auth/select-organization", json={"organizationId": org})
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['token']}"
    return http


def member_user(server: LocalServer, role: str) -> tuple[httpx.Client, dict[str, Any]]:
    """A new user of the bootstrap project with ``role``, logged in; and its membership."""
    email = fresh_email(role)
    with closing(user_client(server)) as admin:
        (membership,) = invite(admin, server.bootstrap["project_id"], [email], [role])
        activate(admin, membership["userId"])
    return login_user(server, email), membership

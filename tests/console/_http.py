"""A console session over raw HTTP (httpx): log in with the form, post forms with the page's
CSRF token, and the machine identity's API view of the same data."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import httpx

from infisical_kit.testing import LocalServer

CSRF_META = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
LOGIN_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


class ConsoleHttp:
    """One logged-in console user, driven with plain HTTP requests."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=30.0)
        self.csrf = ""

    def login(self, email: str, password: str) -> httpx.Response:
        """Post the login form (with the token of the form's cookie); keep the cookie."""
        form = self.http.get("/login")
        token = LOGIN_TOKEN.search(form.text)
        assert token is not None, form.text
        data = {"csrf": token.group(1), "email": email, "password": password, "next": "/"}
        resp = self.http.post("/login", data=data)
        if resp.status_code == 303:
            page = self.http.get("/")
            found = CSRF_META.search(page.text)
            assert found is not None, page.text
            self.csrf = found.group(1)
        return resp

    def post(self, path: str, data: dict[str, Any], **kwargs: Any) -> httpx.Response:
        """Post a form with this session's CSRF token."""
        return self.http.post(path, data={"csrf": self.csrf, **data}, **kwargs)

    def close(self) -> None:
        self.http.close()


def admin(server: LocalServer) -> ConsoleHttp:
    """A console session of the bootstrap admin."""
    console = ConsoleHttp(server)
    resp = console.login(server.bootstrap["admin_email"], server.bootstrap["admin_password"])
    assert resp.status_code == 303, resp.text
    return console


PASSWORD = re.compile(r'<code id="new-user-password" class="mono">([^<]+)</code>')


def add_user(server: LocalServer, email: str, role: str) -> str:
    """Add a user through the admin's console, make it a project member with ``role``;
    its one-time password."""
    console = admin(server)
    try:
        resp = console.post("/users", {"email": email, "role": "member"})
        assert resp.status_code == 201, resp.text
        found = PASSWORD.search(resp.text)
        assert found is not None
        members = console.http.get(f"/projects/{server.bootstrap['project_id']}/members").text
        user_id = re.search(r'value="user:([0-9a-f-]+)">' + re.escape(email), members)
        assert user_id is not None, members
        added = console.post(
            f"/projects/{server.bootstrap['project_id']}/members",
            {"member": f"user:{user_id.group(1)}", "role": role},
        )
        assert added.status_code == 303, added.text
        return found.group(1)
    finally:
        console.close()


class Api:
    """The bootstrap machine identity over the REST API: what the API says is stored."""

    def __init__(self, server: LocalServer) -> None:
        boot = server.bootstrap
        self.project_id = boot["project_id"]
        self.http = httpx.Client(base_url=server.url, timeout=30.0)
        resp = self.http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        )
        assert resp.status_code == 200, resp.text
        self.http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"

    def get(self, name: str, env: str = "dev", path: str = "/") -> dict[str, Any] | None:
        """The secret ``name`` (``None`` when the API answers 404)."""
        resp = self.http.get(
            f"/api/v4/secrets/{quote(name, safe='')}",
            params={"projectId": self.project_id, "environment": env, "secretPath": path},
        )
        if resp.status_code == 404:
            return None
        assert resp.status_code == 200, resp.text
        secret: dict[str, Any] = resp.json()["secret"]
        return secret

    def set(
        self, name: str, value: str, env: str = "dev", path: str = "/", comment: str = ""
    ) -> None:
        """Create the secret ``name`` with ``value`` and ``comment``."""
        body = {
            "projectId": self.project_id,
            "environment": env,
            "secretPath": path,
            "secretValue": value,
            "secretComment": comment,
        }
        resp = self.http.post(f"/api/v4/secrets/{quote(name, safe='')}", json=body)
        assert resp.status_code == 200, resp.text

    def batch(self, items: list[dict[str, Any]], env: str = "dev", path: str = "/") -> None:
        """Create many secrets in one request."""
        body = {"projectId": self.project_id, "environment": env, "secretPath": path}
        resp = self.http.post("/api/v4/secrets/batch", json={**body, "secrets": items})
        assert resp.status_code == 200, resp.text

    def close(self) -> None:
        self.http.close()

"""Raw HTTP set-up and clean-up on a site, independent of the SDK under test.

The fixtures must not depend on what they are testing: a folder for a test is made here with
plain httpx, trying the current route first and the older one when the server answers a
Fastify "Route ... not found" 404 (the 2024-10 server has only the older routes). Clean-up
never raises: it is best effort after a test that may have failed half-way.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from ._sites import Site

_ROUTE_NOT_FOUND = re.compile(r"^Route [A-Z]+:\S* not found$")


def is_route_not_found(response: httpx.Response) -> bool:
    """A 404 that says the route does not exist (Fastify's envelope), not a missing resource."""
    if response.status_code != 404:
        return False
    try:
        message = response.json().get("message")
    except (ValueError, AttributeError):
        return False
    return isinstance(message, str) and bool(_ROUTE_NOT_FOUND.match(message))


class RawSite:
    """A logged-in plain httpx client of `site` for fixtures (use as a context manager)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.http = httpx.Client(base_url=site.url, timeout=30)
        login = self.http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": site.client_id, "clientSecret": site.client_secret},
        )
        login.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {login.json()['accessToken']}"

    def __enter__(self) -> RawSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def send(
        self, method: str, paths: Sequence[str], body: dict[str, Any] | None = None, **kw: Any
    ) -> httpx.Response:
        """Send to the first of `paths` the server has (a route-not-found 404 tries the next)."""
        response: httpx.Response | None = None
        for path in paths:
            response = self.http.request(method, path, json=body, **kw)
            if not is_route_not_found(response):
                break
        assert response is not None
        return response

    def call(
        self, method: str, paths: Sequence[str], body: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        """`send` and return the JSON body; raise for an error status."""
        response = self.send(method, paths, body, **kw)
        if response.is_error:
            raise AssertionError(f"set-up {method} {response.request.url.path}: {response.text}")
        data: dict[str, Any] = response.json()
        return data

    # --- folders -------------------------------------------------------------------------

    def _where(self, environment: str, path: str) -> dict[str, str]:
        project = self.site.project_id
        return {
            "workspaceId": project,
            "projectId": project,
            "environment": environment,
            "path": path,
        }

    def create_folder(self, environment: str, name: str, path: str = "/") -> str:
        """Create folder `name` under `path`; return its id."""
        body = {**self._where(environment, path), "name": name}
        data = self.call("POST", ["/api/v2/folders", "/api/v1/folders"], body)
        return str(data["folder"]["id"])

    def delete_folder(self, environment: str, name: str, path: str = "/") -> None:
        """Delete folder `name` under `path` and everything in it (best effort)."""
        with contextlib.suppress(httpx.HTTPError):
            self.send(
                "DELETE",
                [f"/api/v2/folders/{name}", f"/api/v1/folders/{name}"],
                self._where(environment, path),
            )

    # --- secrets and imports -------------------------------------------------------------

    def create_secret(
        self, environment: str, path: str, name: str, value: str, **extra: Any
    ) -> None:
        """Create a shared secret through the v3 raw route (every server version has it)."""
        project = self.site.project_id
        body = {
            "workspaceId": project,
            "projectId": project,
            "environment": environment,
            "secretPath": path,
            "secretValue": value,
            "type": "shared",
            **extra,
        }
        self.call("POST", [f"/api/v3/secrets/raw/{name}"], body)

    def create_import(self, environment: str, path: str, source_env: str, source_path: str) -> str:
        """Make folder `source_path` of `source_env` visible in `path`; return the import id."""
        project = self.site.project_id
        body = {
            "workspaceId": project,
            "projectId": project,
            "environment": environment,
            "path": path,
            "import": {"environment": source_env, "path": source_path},
        }
        data = self.call("POST", ["/api/v2/secret-imports", "/api/v1/secret-imports"], body)
        return str(data["secretImport"]["id"])

    # --- project-level resources ----------------------------------------------------------

    def _project_paths(self, tail: str, project: str | None = None) -> list[str]:
        project = project or self.site.project_id
        return [f"/api/v1/projects/{project}{tail}", f"/api/v1/workspace/{project}{tail}"]

    def create_tag(self, slug: str) -> str:
        """Create a project tag; return its id."""
        data = self.call("POST", self._project_paths("/tags"), {"slug": slug, "color": "#123456"})
        tag = data.get("tag") or data.get("workspaceTag") or {}
        return str(tag["id"])

    def delete_tag(self, tag_id: str) -> None:
        """Delete a project tag (best effort)."""
        with contextlib.suppress(httpx.HTTPError):
            self.send("DELETE", self._project_paths(f"/tags/{tag_id}"))

    def delete_environment_by_slug(self, slug: str) -> None:
        """Delete the environment with `slug`, if it exists (best effort)."""
        with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
            project = self.send("GET", self._project_paths("")).json()
            project = project.get("project") or project.get("workspace") or project
            for env in project.get("environments", []):
                if env.get("slug") == slug:
                    self.send("DELETE", self._project_paths(f"/environments/{env['id']}"))

    def delete_project(self, project_id: str) -> None:
        """Delete a project (best effort)."""
        with contextlib.suppress(httpx.HTTPError):
            self.send(
                "DELETE", [f"/api/v1/projects/{project_id}", f"/api/v1/workspace/{project_id}"]
            )

    def delete_project_by_slug(self, slug: str) -> None:
        """Delete the project with `slug`, if this identity can see it (best effort)."""
        with contextlib.suppress(httpx.HTTPError, KeyError, ValueError, TypeError):
            found = self.send("GET", [f"/api/v1/projects/slug/{slug}", f"/api/v2/workspace/{slug}"])
            if found.is_success:
                data = found.json()
                project = data.get("project") or data.get("workspace") or data
                self.delete_project(str(project["id"]))

    def delete_kms_keys_named(self, name: str) -> None:
        """Delete the KMS keys of the project whose name is `name` (best effort)."""
        with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
            params = {"projectId": self.site.project_id, "search": name}
            keys = self.http.get("/api/v1/kms/keys", params=params).json().get("keys", [])
            for key in keys:
                if key.get("name") == name:
                    self.http.delete(f"/api/v1/kms/keys/{key['id']}")


@contextlib.contextmanager
def raw(site: Site) -> Iterator[RawSite]:
    """A `RawSite` of `site` for the duration of a block."""
    with RawSite(site) as session:
        yield session

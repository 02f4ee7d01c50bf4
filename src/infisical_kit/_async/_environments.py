"""`client.environments`: the environments of a project (``/api/v1/projects/{id}/environments``)."""

from __future__ import annotations

import builtins

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._routing import send
from infisical_kit._core import requests_projects as rq
from infisical_kit._core.parsing import parse_object
from infisical_kit.models import Environment, Project

__all__ = ["AsyncEnvironments"]


class AsyncEnvironments(AsyncNamespace):
    """Environment operations; `project_id` defaults to the client's project."""

    async def list(self, *, project_id: str | None = None) -> builtins.list[Environment]:
        """The project's environments (read from the project; there is no list route)."""
        pid = self._project(project_id, [])
        request, response = await send(self._client, rq.get_project(pid))
        project = parse_object(request, response, "project", Project)
        return [
            Environment(id=e.id, name=e.name, slug=e.slug, project_id=project.id or pid)
            for e in project.environments
        ]

    async def get(self, environment_id: str, *, project_id: str | None = None) -> Environment:
        """One environment by id; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        rq.require(environment_id, "environment_id", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.get_environment(pid, environment_id))
        return parse_object(request, response, "environment", Environment)

    async def create(
        self,
        name: str,
        slug: str,
        *,
        position: int | None = None,
        project_id: str | None = None,
    ) -> Environment:
        """Add an environment `name` with URL-safe `slug` (at most 64 characters)."""
        problems: builtins.list[str] = []
        rq.require(name, "name", problems)
        rq.require(slug, "slug", problems)
        if isinstance(slug, str) and len(slug) > 64:
            problems.append("slug must be at most 64 characters long")
        if position is not None and (isinstance(position, bool) or position < 1):
            problems.append("position must be an integer >= 1")
        pid = self._project(project_id, problems)
        fields = {"name": name, "slug": slug, "position": position}
        request, response = await send(self._client, rq.create_environment(pid, fields))
        return parse_object(request, response, "environment", Environment)

    async def update(
        self,
        environment_id: str,
        *,
        name: str | None = None,
        slug: str | None = None,
        position: int | None = None,
        project_id: str | None = None,
    ) -> Environment:
        """Rename, re-slug or move an environment (only the fields given)."""
        problems: builtins.list[str] = []
        rq.require(environment_id, "environment_id", problems)
        if name is None and slug is None and position is None:
            problems.append("nothing to update: pass name, slug or position")
        if position is not None and (isinstance(position, bool) or position < 1):
            problems.append("position must be an integer >= 1")
        pid = self._project(project_id, problems)
        fields = {"name": name, "slug": slug, "position": position}
        request = rq.update_environment(pid, environment_id, fields)
        request, response = await send(self._client, request)
        return parse_object(request, response, "environment", Environment)

    async def delete(self, environment_id: str, *, project_id: str | None = None) -> Environment:
        """Delete an environment and its secrets."""
        problems: builtins.list[str] = []
        rq.require(environment_id, "environment_id", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.delete_environment(pid, environment_id))
        return parse_object(request, response, "environment", Environment)

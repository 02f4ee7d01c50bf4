"""`client.environments`: the environments of a project (``/api/v1/projects/{id}/environments``)."""

from __future__ import annotations

import builtins
from collections.abc import Callable

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import environments as rq
from infisical_kit._core.projects import get_project
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import parse_object
from infisical_kit._core.validation import require
from infisical_kit.models import Environment

__all__ = ["AsyncEnvironments"]


class AsyncEnvironments(AsyncNamespace):
    """Environment operations; `project_id` defaults to the client's project."""

    async def list(self, *, project_id: str | None = None) -> builtins.list[Environment]:
        """The project's environments (read from the project; there is no list route)."""
        pid = self._project(project_id, [])
        request, response = await self._requester.send(get_project(pid))
        return rq.parse_environments(request, response, pid)

    async def get(self, environment_id: str, *, project_id: str | None = None) -> Environment:
        """One environment by id; raises `NotFoundError`."""
        return await self._by_id(environment_id, project_id, rq.get_environment)

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
        rq.check_new_environment(name, slug, position, problems)
        pid = self._project(project_id, problems)
        fields = {"name": name, "slug": slug, "position": position}
        request, response = await self._requester.send(rq.create_environment(pid, fields))
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
        rq.check_environment_change(environment_id, name, slug, position, problems)
        pid = self._project(project_id, problems)
        fields = {"name": name, "slug": slug, "position": position}
        request = rq.update_environment(pid, environment_id, fields)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "environment", Environment)

    async def delete(self, environment_id: str, *, project_id: str | None = None) -> Environment:
        """Delete an environment and its secrets."""
        return await self._by_id(environment_id, project_id, rq.delete_environment)

    async def _by_id(
        self,
        environment_id: str,
        project_id: str | None,
        build: Callable[[str, str], ApiRequest],
    ) -> Environment:
        """Send ``build(project, environment_id)`` for one environment."""
        problems: builtins.list[str] = []
        require(environment_id, "environment_id", problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(build(pid, environment_id))
        return parse_object(request, response, "environment", Environment)

"""`client.projects`: list, get, create, update and delete projects (``/api/v1/projects``;
older servers' ``/api/v1/workspace`` routes are used when the site lacks those, see
`infisical_kit._core.projects`)."""

from __future__ import annotations

import builtins

from infisical_kit._async._members import AsyncProjectIdentities, AsyncProjectMembers
from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._requester import AsyncRequester
from infisical_kit._core import projects as rq
from infisical_kit._core.scope import Scope
from infisical_kit._core.validation import raise_problems, require
from infisical_kit.models import Project

__all__ = ["AsyncProjects"]


class AsyncProjects(AsyncNamespace):
    """Project operations; `get` without an id reads the client's default project.

    `members` manages the project's users and `identities` its machine identities.
    """

    def __init__(self, requester: AsyncRequester, default_scope: Scope) -> None:
        super().__init__(requester, default_scope)
        #: The project's users: invite, list, change roles, remove.
        self.members = AsyncProjectMembers(requester, default_scope)
        #: The project's machine identities: add with a role, list, change, remove.
        self.identities = AsyncProjectIdentities(requester, default_scope)

    async def list(self, *, type: str | None = None) -> builtins.list[Project]:
        """The projects the caller belongs to (optionally of one `type`)."""
        request, response = await self._requester.send(rq.list_projects(type))
        return rq.parse_projects(request, response)

    async def get(self, project_id: str | None = None) -> Project:
        """One project by id (default: the client's project), with its environments."""
        pid = self._project(project_id, [])
        request, response = await self._requester.send(rq.get_project(pid))
        return rq.parse_project(request, response)

    async def get_by_slug(self, slug: str) -> Project:
        """One project by slug; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(slug, "slug", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.get_project_by_slug(slug))
        return rq.parse_project(request, response)

    async def create(
        self,
        name: str,
        *,
        slug: str | None = None,
        description: str | None = None,
        type: str | None = None,
        kms_key_id: str | None = None,
        create_default_environments: bool | None = None,
        has_delete_protection: bool | None = None,
    ) -> Project:
        """Create a project (the server makes dev/staging/prod unless told otherwise)."""
        problems: builtins.list[str] = []
        rq.check_new_project(name, slug, problems)
        raise_problems(problems)
        fields = {
            "projectName": name,
            "slug": slug,
            "projectDescription": description,
            "type": type,
            "kmsKeyId": kms_key_id,
            "shouldCreateDefaultEnvs": create_default_environments,
            "hasDeleteProtection": has_delete_protection,
        }
        request, response = await self._requester.send(rq.create_project(fields))
        return rq.parse_project(request, response)

    async def update(
        self,
        project_id: str | None = None,
        *,
        name: str | None = None,
        slug: str | None = None,
        description: str | None = None,
        auto_capitalization: bool | None = None,
        has_delete_protection: bool | None = None,
    ) -> Project:
        """Change a project's name, slug, description or flags (only those given)."""
        fields = {
            "name": name,
            "slug": slug,
            "description": description,
            "autoCapitalization": auto_capitalization,
            "hasDeleteProtection": has_delete_protection,
        }
        problems: builtins.list[str] = []
        if all(value is None for value in fields.values()):
            problems.append("nothing to update: pass name, slug, description or a flag")
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(rq.update_project(pid, fields))
        return rq.parse_project(request, response)

    async def delete(self, project_id: str) -> Project:
        """Delete a project and everything in it (the id is required, never defaulted)."""
        problems: builtins.list[str] = []
        require(project_id, "project_id", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.delete_project(project_id))
        return rq.parse_project(request, response)

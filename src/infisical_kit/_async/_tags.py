"""`client.tags`: the tags of a project (``/api/v1/projects/{id}/tags``)."""

from __future__ import annotations

import builtins
from collections.abc import Callable

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import tags as rq
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.validation import require
from infisical_kit.models import ProjectTag

__all__ = ["AsyncTags"]


class AsyncTags(AsyncNamespace):
    """Tag operations; `project_id` defaults to the client's project."""

    async def list(self, *, project_id: str | None = None) -> builtins.list[ProjectTag]:
        """Every tag of the project."""
        pid = self._project(project_id, [])
        request, response = await self._requester.send(rq.list_tags(pid))
        return rq.parse_tags(request, response)

    async def get(self, tag_id: str, *, project_id: str | None = None) -> ProjectTag:
        """One tag by id; raises `NotFoundError`."""
        return await self._one(rq.get_tag, tag_id, "tag_id", project_id)

    async def get_by_slug(self, slug: str, *, project_id: str | None = None) -> ProjectTag:
        """One tag by slug; raises `NotFoundError`."""
        return await self._one(rq.get_tag_by_slug, slug, "slug", project_id)

    async def create(
        self,
        slug: str,
        *,
        color: str | None = None,
        name: str | None = None,
        project_id: str | None = None,
    ) -> ProjectTag:
        """Create a tag (`color` defaults to a neutral grey; the server requires one)."""
        problems: builtins.list[str] = []
        require(slug, "slug", problems)
        pid = self._project(project_id, problems)
        fields = {"slug": slug, "color": color or rq.DEFAULT_COLOR, "name": name}
        request, response = await self._requester.send(rq.create_tag(pid, fields))
        return rq.parse_tag(request, response)

    async def update(
        self,
        tag_id: str,
        *,
        slug: str | None = None,
        color: str | None = None,
        project_id: str | None = None,
    ) -> ProjectTag:
        """Change a tag's slug and/or color (the other is kept: the server needs both)."""
        problems: builtins.list[str] = []
        require(tag_id, "tag_id", problems)
        if slug is None and color is None:
            problems.append("nothing to update: pass slug or color")
        pid = self._project(project_id, problems)
        if slug is None or color is None:
            current = await self.get(tag_id, project_id=pid)
            slug = slug if slug is not None else current.slug
            color = color if color is not None else (current.color or rq.DEFAULT_COLOR)
        fields = {"slug": slug, "color": color}
        request, response = await self._requester.send(rq.update_tag(pid, tag_id, fields))
        return rq.parse_tag(request, response)

    async def delete(self, tag_id: str, *, project_id: str | None = None) -> ProjectTag:
        """Delete a tag (it is detached from every secret)."""
        return await self._one(rq.delete_tag, tag_id, "tag_id", project_id)

    async def _one(
        self,
        build: Callable[[str, str], ApiRequest],
        value: str,
        field: str,
        project_id: str | None,
    ) -> ProjectTag:
        """Send ``build(project, value)`` for one tag named by `value` (checked as `field`)."""
        problems: builtins.list[str] = []
        require(value, field, problems)
        pid = self._project(project_id, problems)
        request, response = await self._requester.send(build(pid, value))
        return rq.parse_tag(request, response)

"""`client.tags`: the tags of a project (``/api/v1/projects/{id}/tags``)."""

from __future__ import annotations

import builtins

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._routing import send
from infisical_kit._core import requests_projects as rq
from infisical_kit._core.parsing import parse_list, parse_object
from infisical_kit.models import ProjectTag

__all__ = ["AsyncTags"]

DEFAULT_COLOR = "#bec2c8"


class AsyncTags(AsyncNamespace):
    """Tag operations; `project_id` defaults to the client's project."""

    async def list(self, *, project_id: str | None = None) -> builtins.list[ProjectTag]:
        """Every tag of the project."""
        pid = self._project(project_id, [])
        request, response = await send(self._client, rq.list_tags(pid))
        return parse_list(request, response, "tags", ProjectTag)

    async def get(self, tag_id: str, *, project_id: str | None = None) -> ProjectTag:
        """One tag by id; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        rq.require(tag_id, "tag_id", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.get_tag(pid, tag_id))
        return parse_object(request, response, "tag", ProjectTag)

    async def get_by_slug(self, slug: str, *, project_id: str | None = None) -> ProjectTag:
        """One tag by slug; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        rq.require(slug, "slug", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.get_tag_by_slug(pid, slug))
        return parse_object(request, response, "tag", ProjectTag)

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
        rq.require(slug, "slug", problems)
        pid = self._project(project_id, problems)
        fields = {"slug": slug, "color": color or DEFAULT_COLOR, "name": name}
        request, response = await send(self._client, rq.create_tag(pid, fields))
        return parse_object(request, response, "tag", ProjectTag)

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
        rq.require(tag_id, "tag_id", problems)
        if slug is None and color is None:
            problems.append("nothing to update: pass slug or color")
        pid = self._project(project_id, problems)
        if slug is None or color is None:
            current = await self.get(tag_id, project_id=pid)
            slug = slug if slug is not None else current.slug
            color = color if color is not None else (current.color or DEFAULT_COLOR)
        fields = {"slug": slug, "color": color}
        request, response = await send(self._client, rq.update_tag(pid, tag_id, fields))
        return parse_object(request, response, "tag", ProjectTag)

    async def delete(self, tag_id: str, *, project_id: str | None = None) -> ProjectTag:
        """Delete a tag (it is detached from every secret)."""
        problems: builtins.list[str] = []
        rq.require(tag_id, "tag_id", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.delete_tag(pid, tag_id))
        return parse_object(request, response, "tag", ProjectTag)

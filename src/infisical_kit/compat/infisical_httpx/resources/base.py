"""What the resources share: the scope fields of a request, the client and project lookup."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from infisical_kit.compat.infisical_httpx.exceptions import InfisicalResourceError

__all__ = ["InfisicalResourceRequest", "Scoped"]


class InfisicalResourceRequest(BaseModel):
    """The project (``workspaceId``) and environment of a write request."""

    model_config = ConfigDict(populate_by_name=True)

    workspace_id: str = Field(alias="workspaceId")
    environment: str


class Scoped:
    """Holds the infisical-kit client (sync or async) and the project ids of slugs."""

    def __init__(self, client: Any, project_ids: dict[str, str]) -> None:
        self._client = client
        self._project_ids = project_ids

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def _project_id(self, project_id: str | None, slug: str | None) -> str:
        if project_id:
            return project_id
        if not slug:
            raise InfisicalResourceError("Missing required parameters: workspaceId")
        if slug not in self._project_ids:
            self._project_ids[slug] = self._client.projects.get_by_slug(slug).id
        return self._project_ids[slug]

    async def _aproject_id(self, project_id: str | None, slug: str | None) -> str:
        if project_id:
            return project_id
        if not slug:
            raise InfisicalResourceError("Missing required parameters: workspaceId")
        if slug not in self._project_ids:
            self._project_ids[slug] = (await self._client.projects.get_by_slug(slug)).id
        return self._project_ids[slug]

"""Request parameters: query string and JSON body merged into one validated model.

Real clients put the same parameters in different places (GET with a JSON body, DELETE with
query parameters, POST with both), so every endpoint reads both and validates the union.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import unquote

from fastapi import Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from .errors import ApiError, bad_request, validation_issues
from .input_guard import check_texts, load_json
from .services.scope import ScopeRef

M = TypeVar("M", bound=BaseModel)


def _lenient_bool(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no", "off"}
    if isinstance(value, int):
        return value != 0
    return value


def normalize_path(value: Any) -> str:
    """Trim, decode a still-encoded ``%2F``, default to ``/``, add a leading slash, drop
    a trailing one and collapse repeated slashes."""
    if value is None:
        return "/"
    text = str(value).strip()
    if "%" in text:
        text = unquote(text)
    parts = [p for p in text.split("/") if p.strip()]
    return "/" + "/".join(p.strip() for p in parts)


#: Largest integer a column holds (32-bit on PostgreSQL); bigger input is a 422, not a 500.
MAX_INT = 2**31 - 1

Bool = Annotated[bool, BeforeValidator(_lenient_bool)]
OptBool = Annotated[bool | None, BeforeValidator(_lenient_bool)]
SecretPath = Annotated[str, BeforeValidator(normalize_path)]


class Params(BaseModel):
    """Base for parameter models: unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")


class ScopeParams(Params):
    """Project, environment and folder of a request (every secrets endpoint)."""

    projectId: str | None = None
    workspaceId: str | None = None
    workspaceSlug: str | None = None
    projectSlug: str | None = None
    environment: str | None = None
    secretPath: SecretPath = "/"

    @property
    def project_ref(self) -> tuple[str | None, str | None]:
        """``(project id, project slug)`` from whichever spelling the client used."""
        pid = self.projectId or self.workspaceId
        slug = self.workspaceSlug or self.projectSlug
        return (pid.strip() if pid else None, slug.strip() if slug else None)

    @property
    def scope_ref(self) -> ScopeRef:
        """The project, environment and folder this request names."""
        pid, slug = self.project_ref
        env = self.environment.strip() if self.environment else self.environment
        return ScopeRef(pid, slug, env, self.secretPath)


class FolderParams(Params):
    """Project, environment and folder path of a folders or secret-imports call."""

    projectId: str | None = None
    workspaceId: str | None = None
    environment: str | None = None
    path: SecretPath = "/"

    @property
    def scope_ref(self) -> ScopeRef:
        """The folder this request names."""
        return ScopeRef(self.projectId or self.workspaceId, None, self.environment, self.path)


class SecretScopeParams(ScopeParams):
    """Scope plus the secret type."""

    type: Literal["shared", "personal"] = "shared"


async def request_params(request: Request) -> dict[str, Any]:
    """Merge query parameters and a JSON object body (body wins) into one dict.

    A body that is not JSON, or JSON that is not an object, is a 400, and so is text no
    request may carry (`input_guard`) in the body, the query string or the path parameters.
    """
    check_texts(request.path_params.values(), "A path parameter")
    query = request.query_params
    check_texts((t for pair in query.multi_items() for t in pair), "The query string")
    merged: dict[str, Any] = dict(query)
    raw = await request.body()
    if raw.strip():
        body = load_json(raw)
        if not isinstance(body, dict):
            raise bad_request("Request body must be a JSON object")
        merged.update({k: v for k, v in body.items() if v is not None or k not in merged})
    return merged


def parse(model: type[M], data: dict[str, Any]) -> M:
    """Validate ``data`` against ``model``; failures become 422 ValidationFailure."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, validation_issues(exc.errors()), "ValidationFailure") from None

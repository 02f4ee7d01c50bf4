"""Generic response parsing for resource calls: ``{key: object}`` and ``{key: [objects]}``.

A write that a change-approval policy intercepted comes back as ``{approval: {...}}`` instead of
the resource; every parser here raises `ApprovalRequiredError` for it. The usual shape is
validated straight from the response bytes (pydantic-core, one step); anything else goes through
the general path, which names the problem.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic import ValidationError as PydanticValidationError

from infisical_kit._core.api import ApiRequest
from infisical_kit._core.responses import read_json
from infisical_kit.errors import ApprovalRequiredError, UnexpectedResponseError

__all__ = ["check_approval", "parse_body", "parse_list", "parse_object", "read_body"]

M = TypeVar("M", bound=BaseModel)


class _Envelope(BaseModel):
    """``{key: ...}`` around a model, for the one-step bytes -> model fast path."""

    model_config = ConfigDict(extra="ignore", frozen=True)


_ENVELOPES: dict[tuple[str, type[BaseModel], bool], type[_Envelope]] = {}


def _envelope(key: str, model: type[BaseModel], many: bool) -> type[_Envelope]:
    """The (cached) envelope model whose field `item` is ``body[key]``: `model` or a list."""
    found = _ENVELOPES.get((key, model, many))
    if found is None:
        inner: Any = list[model] if many else model  # type: ignore[valid-type]
        found = create_model(
            f"_{model.__name__}{'List' if many else ''}Body",
            __base__=_Envelope,
            item=(inner, Field(alias=key)),
        )
        _ENVELOPES[(key, model, many)] = found
    return found


def _fast(response: httpx.Response, key: str, model: type[BaseModel], many: bool) -> Any:
    """``body[key]`` validated straight from the bytes, or None if the body is not that shape."""
    if not response.is_success:
        return None
    try:
        return _envelope(key, model, many).model_validate_json(response.content).item  # type: ignore[attr-defined]
    except PydanticValidationError:
        return None  # the general path below says what is wrong


def _unexpected(request: ApiRequest, response: httpx.Response, msg: str) -> UnexpectedResponseError:
    return UnexpectedResponseError(
        msg, method=request.method, path=request.path, status_code=response.status_code
    )


def check_approval(request: ApiRequest, body: dict[str, Any], key: str) -> None:
    """Raise `ApprovalRequiredError` if `body` is ``{approval}`` instead of ``{key}``."""
    approval = body.get("approval")
    if key not in body and isinstance(approval, dict):
        approval_id = approval.get("id")
        raise ApprovalRequiredError(
            method=request.method,
            path=request.path,
            approval_id=str(approval_id) if approval_id is not None else None,
        )


def read_body(request: ApiRequest, response: httpx.Response, key: str) -> dict[str, Any]:
    """The JSON object of a successful response, after the approval check for `key`."""
    body = read_json(request, response)
    check_approval(request, body, key)
    return body


def _validate(request: ApiRequest, response: httpx.Response, model: type[M], data: Any) -> M:
    if not isinstance(data, dict):
        raise _unexpected(request, response, f"expected a {model.__name__} object")
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise _unexpected(
            request, response, f"cannot parse {model.__name__} ({exc.error_count()} errors)"
        ) from None


def parse_object(
    request: ApiRequest, response: httpx.Response, key: str | None, model: type[M]
) -> M:
    """Parse ``{key: {...}}`` (or, with ``key=None``, the body itself) into `model`."""
    if key is not None:
        found = _fast(response, key, model, many=False)
        if found is not None:
            return found  # type: ignore[no-any-return]
    if key is None:
        return _validate(request, response, model, read_json(request, response))
    body = read_body(request, response, key)
    if key not in body:
        raise _unexpected(request, response, f"response has no '{key}' object")
    return _validate(request, response, model, body[key])


def parse_list(request: ApiRequest, response: httpx.Response, key: str, model: type[M]) -> list[M]:
    """Parse ``{key: [{...}, ...]}`` into a list of `model`."""
    found = _fast(response, key, model, many=True)
    if found is not None:
        return found  # type: ignore[no-any-return]
    items = read_body(request, response, key).get(key)
    if not isinstance(items, list):
        raise _unexpected(request, response, f"response has no '{key}' list")
    return [_validate(request, response, model, item) for item in items]


def parse_body(request: ApiRequest, response: httpx.Response, key: str) -> Any:
    """The raw value of ``body[key]``; raises `UnexpectedResponseError` when it is missing."""
    body = read_body(request, response, key)
    if key not in body:
        raise _unexpected(request, response, f"response has no '{key}' field")
    return body[key]

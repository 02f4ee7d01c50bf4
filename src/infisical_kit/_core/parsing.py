"""Generic response parsing for resource calls: ``{key: object}`` and ``{key: [objects]}``.

A write that a change-approval policy intercepted comes back as ``{approval: {...}}`` instead of
the resource; every parser here raises `ApprovalRequiredError` for it.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from infisical_kit._core.api import ApiRequest
from infisical_kit._core.responses import read_json
from infisical_kit.errors import ApprovalRequiredError, UnexpectedResponseError

__all__ = ["check_approval", "parse_body", "parse_list", "parse_object", "read_body"]

M = TypeVar("M", bound=BaseModel)


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
    if key is None:
        return _validate(request, response, model, read_json(request, response))
    body = read_body(request, response, key)
    if key not in body:
        raise _unexpected(request, response, f"response has no '{key}' object")
    return _validate(request, response, model, body[key])


def parse_list(request: ApiRequest, response: httpx.Response, key: str, model: type[M]) -> list[M]:
    """Parse ``{key: [{...}, ...]}`` into a list of `model`."""
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

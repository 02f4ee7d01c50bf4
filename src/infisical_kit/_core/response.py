"""Responses: error mapping and parsing, on an already-read response (no I/O here).

Errors arrive in the envelope ``{statusCode, message, error, reqId?}``; a 422 ``message`` may be
a list of validation issues; `error_from_response` maps status and ``error`` to the exception:
a rate-limit hit by its headers whatever the status (`is_rate_limited`), an answer that is not
an Infisical API's (HTML, not JSON) as `UnexpectedResponseError` naming the site, a
"Route ... not found" 404 as `UnsupportedByServerError` (the server lacks the route; never a
`NotFoundError`, which is about a missing resource), a 400 "already exists" as
`AlreadyExistsError`.

Parsing (`parse_object`, `parse_list`, `parse_body`): the usual shape is validated straight
from the response bytes (pydantic-core, one step); anything else goes through the general path,
which maps an error status, raises `ApprovalRequiredError` when a change-approval policy
answered ``{approval: {...}}`` instead of the resource, and names what is unexpected.

A response is anything shaped like `httpx.Response` (`HTTPResponse`): `_core` never imports an
HTTP library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic import ValidationError as PydanticValidationError

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.retry import is_rate_limited
from infisical_kit.errors import (
    AlreadyExistsError,
    APIError,
    ApprovalRequiredError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    UnsupportedByServerError,
)

__all__ = [
    "HTTPResponse",
    "ResponseError",
    "check_approval",
    "error_from_response",
    "is_route_not_found",
    "is_token_rejection",
    "not_infisical",
    "parse_body",
    "parse_list",
    "parse_object",
    "read_body",
    "read_json",
    "site_of",
    "unexpected",
    "validate",
]

M = TypeVar("M", bound=BaseModel)

#: what `error_from_response` returns
ResponseError = APIError | UnexpectedResponseError | UnsupportedByServerError

_MAX_TEXT = 200
_ROUTE_NOT_FOUND = re.compile(r"^Route [A-Z]+:\S* not found$")
_ALREADY_EXISTS = re.compile(r"\balready exist", re.IGNORECASE)
#: the fields of Infisical's error envelope (any one of them makes a JSON body an envelope)
_ENVELOPE_FIELDS = ("message", "error", "statusCode")


class HTTPResponse(Protocol):
    """What parsing reads from a response (`httpx.Response` has all of it)."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def content(self) -> bytes: ...
    @property
    def text(self) -> str: ...
    @property
    def reason_phrase(self) -> str: ...
    @property
    def is_success(self) -> bool: ...
    def json(self, **kwargs: Any) -> Any: ...


# -- errors ---------------------------------------------------------------------------------


def _format_issues(issues: list[Any]) -> str:
    parts = []
    for issue in issues:
        if isinstance(issue, dict):
            where = ".".join(str(p) for p in issue.get("path") or []) or "body"
            parts.append(f"{where}: {issue.get('message', 'invalid')}")
        else:
            parts.append(str(issue))
    return "; ".join(parts) or "validation failed"


def _retry_after(response: HTTPResponse) -> float | None:
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None


def _json_or_none(response: HTTPResponse) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def is_route_not_found(response: HTTPResponse) -> bool:
    """True for a 404 that says the route does not exist (Fastify's ``Route GET:/x not found``),
    not that a resource is missing."""
    if response.status_code != 404:
        return False
    body = _json_or_none(response)
    message = body.get("message") if isinstance(body, dict) else None
    return isinstance(message, str) and bool(_ROUTE_NOT_FOUND.match(message))


def site_of(request: ApiRequest, response: HTTPResponse) -> str | None:
    """The site that answered (the URL the request went to, less its path and query), or None
    when the response does not say (a response built without its request)."""
    try:
        url = str(getattr(response, "url", "") or "")
    except RuntimeError:  # httpx: a response without its request has no URL
        return None
    url = url.split("?", 1)[0]
    if not url:
        return None
    return url[: -len(request.path)] if url.endswith(request.path) else url


def not_infisical(
    request: ApiRequest, response: HTTPResponse, why: str = "the body is not JSON"
) -> UnexpectedResponseError:
    """The error for an answer that is not an Infisical API's (an HTML page, not JSON ...):
    names the site, the status, the content type and `why`, and hints at `site_url`."""
    site = site_of(request, response)
    content_type = response.headers.get("content-type") or "none"
    where = f" from {site}" if site else ""
    message = (
        f"not an Infisical API response{where} ({why}; content type {content_type}); check "
        "site_url: it must be the URL of the Infisical server (e.g. https://app.infisical.com)"
    )
    return UnexpectedResponseError(
        message,
        method=request.method,
        path=request.path,
        status_code=response.status_code,
        url=site,
        content_type=response.headers.get("content-type"),
    )


def _route_missing(request: ApiRequest, response: HTTPResponse) -> UnsupportedByServerError:
    site = site_of(request, response)
    where = f"the server at {site}" if site else "the server"
    return UnsupportedByServerError(
        f"{request.method} {request.path}: {where} has no such route (HTTP 404 'Route ... not "
        "found'): an Infisical version without this API, or not an Infisical server (check "
        "site_url)",
        method=request.method,
        path=request.path,
    )


def error_from_response(request: ApiRequest, response: HTTPResponse) -> ResponseError:
    """Build the exception that matches an error response (see the module docstring)."""
    status = response.status_code
    body = _json_or_none(response)
    if status < 500 and not is_rate_limited(status, response.headers):
        if body is None:
            return not_infisical(request, response)
        if not (isinstance(body, dict) and any(key in body for key in _ENVELOPE_FIELDS)):
            return not_infisical(request, response, "not an Infisical error envelope")
        if is_route_not_found(response):
            return _route_missing(request, response)
    envelope = body if isinstance(body, dict) else {}
    raw_message = envelope.get("message")
    issues: list[Any] | None = None
    if isinstance(raw_message, list):
        issues = raw_message
        message = _format_issues(raw_message)
    elif isinstance(raw_message, str) and raw_message:
        message = raw_message
    else:
        text = response.text.strip() if body is None else ""
        message = text[:_MAX_TEXT] or response.reason_phrase or "error"
    error = envelope.get("error") if isinstance(envelope.get("error"), str) else None
    request_id = envelope.get("reqId") or response.headers.get("x-request-id")
    kwargs: dict[str, Any] = {"method": request.method, "path": request.path, "issues": issues}
    args = (status, message, error, request_id)

    if is_rate_limited(status, response.headers):
        return RateLimitError(*args, **kwargs, retry_after=_retry_after(response))
    if error == "ValidationFailure" or status == 422:
        return BadRequestError(*args, **kwargs)
    if status == 401 or (status == 403 and error == "TokenError"):
        return AuthenticationError(*args, **kwargs)
    if status == 403:
        return PermissionDeniedError(*args, **kwargs)
    if status == 404:
        return NotFoundError(*args, **kwargs)
    if status == 409:
        return ConflictError(*args, **kwargs)
    if status == 400:
        if _ALREADY_EXISTS.search(message):
            return AlreadyExistsError(*args, **kwargs)
        return BadRequestError(*args, **kwargs)
    if status == 429:
        return RateLimitError(*args, **kwargs, retry_after=_retry_after(response))
    if status >= 500:
        return ServerError(*args, **kwargs)
    return APIError(*args, **kwargs)


def is_token_rejection(response: HTTPResponse) -> bool:
    """True for 401, or 403 ``TokenError``: the token is missing, expired or unknown."""
    if response.status_code == 401:
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return True
        return not (isinstance(body, dict) and body.get("error") == "ValidationFailure")
    if response.status_code != 403:
        return False
    body = _json_or_none(response)
    return isinstance(body, dict) and body.get("error") == "TokenError"


def unexpected(request: ApiRequest, response: HTTPResponse, msg: str) -> UnexpectedResponseError:
    """The error for a successful response whose body is not what the call expects."""
    return UnexpectedResponseError(
        msg, method=request.method, path=request.path, status_code=response.status_code
    )


# -- bodies ---------------------------------------------------------------------------------


def read_json(request: ApiRequest, response: HTTPResponse) -> dict[str, Any]:
    """Return the JSON object of a successful response; raise the mapped error otherwise."""
    if not response.is_success:
        raise error_from_response(request, response)
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise not_infisical(request, response) from exc
    if not isinstance(body, dict):
        raise unexpected(request, response, "response body is not a JSON object")
    return body


def check_approval(request: ApiRequest, body: Mapping[str, Any], key: str) -> None:
    """Raise `ApprovalRequiredError` if `body` is ``{approval}`` instead of ``{key}``."""
    approval = body.get("approval")
    if key not in body and isinstance(approval, dict):
        approval_id = approval.get("id")
        raise ApprovalRequiredError(
            method=request.method,
            path=request.path,
            approval_id=str(approval_id) if approval_id is not None else None,
        )


def read_body(request: ApiRequest, response: HTTPResponse, key: str) -> dict[str, Any]:
    """The JSON object of a successful response, after the approval check for `key`."""
    body = read_json(request, response)
    check_approval(request, body, key)
    return body


# -- models ---------------------------------------------------------------------------------


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


def _fast(response: HTTPResponse, key: str | None, model: type[BaseModel], many: bool) -> Any:
    """``body[key]`` (or the body) validated straight from the bytes; None if not that shape."""
    if not response.is_success:
        return None
    try:
        if key is None:
            return model.model_validate_json(response.content)
        return _envelope(key, model, many).model_validate_json(response.content).item  # type: ignore[attr-defined]
    except PydanticValidationError:
        return None  # the general path says what is wrong


def validate(
    request: ApiRequest, response: HTTPResponse, model: type[M], data: Any, what: str
) -> M:
    """`data` as `model`; `UnexpectedResponseError` (naming `what`, never a value) if not."""
    if not isinstance(data, dict):
        raise unexpected(request, response, f"expected a {model.__name__} object")
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise unexpected(
            request, response, f"cannot parse {what} ({exc.error_count()} errors)"
        ) from None


def parse_object(
    request: ApiRequest,
    response: HTTPResponse,
    key: str | None,
    model: type[M],
    *,
    what: str | None = None,
) -> M:
    """Parse ``{key: {...}}`` (or, with ``key=None``, the body itself) into `model`.

    `what` names the object in a parse error (default: the model's name).
    """
    found = _fast(response, key, model, many=False)
    if found is not None:
        return found  # type: ignore[no-any-return]
    label = what or model.__name__
    if key is None:
        return validate(request, response, model, read_json(request, response), label)
    body = read_body(request, response, key)
    if not isinstance(body.get(key), dict):
        raise unexpected(request, response, f"response has no '{key}' object")
    return validate(request, response, model, body[key], label)


def parse_list(request: ApiRequest, response: HTTPResponse, key: str, model: type[M]) -> list[M]:
    """Parse ``{key: [{...}, ...]}`` into a list of `model`."""
    found = _fast(response, key, model, many=True)
    if found is not None:
        return found  # type: ignore[no-any-return]
    items = read_body(request, response, key).get(key)
    if not isinstance(items, list):
        raise unexpected(request, response, f"response has no '{key}' list")
    return [validate(request, response, model, item, model.__name__) for item in items]


def parse_body(request: ApiRequest, response: HTTPResponse, key: str) -> Any:
    """The raw value of ``body[key]``; raises `UnexpectedResponseError` when it is missing."""
    body = read_body(request, response, key)
    if key not in body:
        raise unexpected(request, response, f"response has no '{key}' field")
    return body[key]

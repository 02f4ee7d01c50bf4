"""Response parsing and error mapping (sans-I/O: works on an already-read `httpx.Response`).

Errors arrive in the envelope ``{statusCode, message, error, reqId?}``; a 422 ``message`` may be a
list of validation issues. `error_from_response` maps status and ``error`` to the exception class.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import ValidationError as PydanticValidationError

from infisical_kit._core.api import ApiRequest
from infisical_kit.errors import (
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
)
from infisical_kit.models import LoginResponse, Secret, SecretList, _Model

__all__ = [
    "error_from_response",
    "flatten_secret_list",
    "is_token_rejection",
    "parse_login",
    "parse_secret",
    "parse_secret_list",
    "read_json",
]

_MAX_TEXT = 200


class _SecretBody(_Model):
    """The usual ``{secret: {...}}`` body of a single-secret response."""

    secret: Secret


def _format_issues(issues: list[Any]) -> str:
    parts = []
    for issue in issues:
        if isinstance(issue, dict):
            where = ".".join(str(p) for p in issue.get("path") or []) or "body"
            parts.append(f"{where}: {issue.get('message', 'invalid')}")
        else:
            parts.append(str(issue))
    return "; ".join(parts) or "validation failed"


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None


def error_from_response(request: ApiRequest, response: httpx.Response) -> APIError:
    """Build the `APIError` subclass that matches an error response."""
    status = response.status_code
    try:
        body: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
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
        return BadRequestError(*args, **kwargs)
    if status == 429:
        return RateLimitError(*args, **kwargs, retry_after=_retry_after(response))
    if status >= 500:
        return ServerError(*args, **kwargs)
    return APIError(*args, **kwargs)


def read_json(request: ApiRequest, response: httpx.Response) -> dict[str, Any]:
    """Return the JSON object of a successful response; raise the mapped error otherwise."""
    if not response.is_success:
        raise error_from_response(request, response)
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UnexpectedResponseError(
            "response body is not JSON",
            method=request.method,
            path=request.path,
            status_code=response.status_code,
        ) from exc
    if not isinstance(body, dict):
        raise _unexpected(request, response, "response body is not a JSON object")
    return body


def _unexpected(request: ApiRequest, response: httpx.Response, msg: str) -> Exception:
    return UnexpectedResponseError(
        msg, method=request.method, path=request.path, status_code=response.status_code
    )


def parse_secret(request: ApiRequest, response: httpx.Response) -> Secret:
    """Parse ``{secret}``; a ``{approval}`` body raises `ApprovalRequiredError`."""
    if response.is_success:  # fast path: bytes straight to the model in pydantic-core
        try:
            return _SecretBody.model_validate_json(response.content).secret
        except PydanticValidationError:
            pass  # not the usual shape: the path below says why
    body = read_json(request, response)
    if "secret" not in body and isinstance(body.get("approval"), dict):
        approval_id = body["approval"].get("id")
        raise ApprovalRequiredError(
            method=request.method,
            path=request.path,
            approval_id=str(approval_id) if approval_id is not None else None,
        )
    if not isinstance(body.get("secret"), dict):
        raise _unexpected(request, response, "response has no 'secret' object")
    try:
        return Secret.model_validate(body["secret"])
    except PydanticValidationError as exc:
        raise _unexpected(
            request, response, f"cannot parse secret ({exc.error_count()} errors)"
        ) from None


def parse_secret_list(request: ApiRequest, response: httpx.Response) -> SecretList:
    """Parse ``{secrets, imports?}`` (bytes validated in one step; errors diagnosed after)."""
    if response.is_success:
        try:
            return SecretList.model_validate_json(response.content)
        except PydanticValidationError:
            pass  # not the usual shape: the path below says why
    body = read_json(request, response)
    try:
        return SecretList.model_validate(body)
    except PydanticValidationError as exc:
        raise _unexpected(
            request, response, f"cannot parse secrets ({exc.error_count()} errors)"
        ) from None


def flatten_secret_list(result: SecretList) -> list[Secret]:
    """Direct secrets first (they win), then imported ones not shadowed; a later import wins."""
    imported: dict[str, Secret] = {}
    for block in result.imports:
        for secret in block.secrets:
            if secret.secret_path is None:
                secret = secret.model_copy(update={"secret_path": block.secret_path})
            imported[secret.key] = secret
    direct_keys = {secret.key for secret in result.secrets}
    extra = [s for key, s in imported.items() if key not in direct_keys]
    return [*result.secrets, *extra]


def parse_login(request: ApiRequest, response: httpx.Response) -> LoginResponse:
    """Parse a machine-identity login response."""
    body = read_json(request, response)
    if not isinstance(body.get("accessToken"), str) or not body["accessToken"]:
        raise _unexpected(request, response, "login response has no accessToken")
    try:
        return LoginResponse.model_validate(body)
    except PydanticValidationError as exc:
        raise _unexpected(
            request, response, f"cannot parse login ({exc.error_count()} errors)"
        ) from None


def is_token_rejection(response: httpx.Response) -> bool:
    """True for 401, or 403 ``TokenError``: the token is missing, expired or unknown."""
    if response.status_code == 401:
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return True
        return not (isinstance(body, dict) and body.get("error") == "ValidationFailure")
    if response.status_code != 403:
        return False
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(body, dict) and body.get("error") == "TokenError"

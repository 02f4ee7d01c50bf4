"""Error mapping from the server's envelope to the exception hierarchy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from infisical_kit import errors
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import error_from_response, is_token_rejection, read_json

REQUEST = ApiRequest("GET", "/api/v4/secrets/DB_URL")


def _response(status: int, body: Any = None, **kwargs: Any) -> httpx.Response:
    if body is None:
        return httpx.Response(status, **kwargs)
    return httpx.Response(status, json=body, **kwargs)


@pytest.mark.parametrize(
    ("status", "error", "cls"),
    [
        (400, "BadRequest", errors.BadRequestError),
        (401, "UnauthorizedError", errors.AuthenticationError),
        (403, "TokenError", errors.AuthenticationError),
        (403, "PermissionDenied", errors.PermissionDeniedError),
        (404, "NotFound", errors.NotFoundError),
        (409, "Conflict", errors.ConflictError),
        (422, "ValidationFailure", errors.BadRequestError),
        (401, "ValidationFailure", errors.BadRequestError),  # 2024 servers: 401 for zod errors
        (429, "RateLimitExceeded", errors.RateLimitError),
        (500, "InternalServerError", errors.ServerError),
        (504, "GatewayTimeoutError", errors.ServerError),
        (410, "Gone", errors.APIError),
    ],
)
def test_status_and_error_name_pick_the_class(status: int, error: str, cls: type) -> None:
    exc = error_from_response(
        REQUEST, _response(status, {"statusCode": status, "message": "m", "error": error})
    )
    assert type(exc) is cls
    assert isinstance(exc, errors.APIError) and isinstance(exc, errors.InfisicalError)
    assert exc.status_code == status and exc.error == error and exc.message == "m"
    assert str(exc).startswith("GET /api/v4/secrets/DB_URL: HTTP ")


def test_validation_list_message_is_joined_and_kept() -> None:
    issues = [{"code": "invalid_type", "path": ["secretValue"], "message": "Required"}]
    body = {"statusCode": 422, "message": issues, "error": "ValidationFailure"}
    exc = error_from_response(REQUEST, _response(422, body))
    assert exc.message == "secretValue: Required"
    assert exc.issues == issues


def test_request_id_and_retry_after() -> None:
    body = {"statusCode": 429, "message": "slow down", "error": "RateLimitExceeded", "reqId": "r1"}
    exc = error_from_response(REQUEST, _response(429, body, headers={"retry-after": "7"}))
    assert isinstance(exc, errors.RateLimitError)
    assert exc.retry_after == 7.0 and exc.request_id == "r1" and "r1" in str(exc)


def test_non_json_error_body_falls_back_to_text() -> None:
    exc = error_from_response(REQUEST, httpx.Response(502, text="Bad gateway from proxy"))
    assert isinstance(exc, errors.ServerError) and exc.message == "Bad gateway from proxy"
    empty = error_from_response(REQUEST, httpx.Response(503))
    assert empty.message == "Service Unavailable"


def test_success_bodies_that_are_not_objects_are_unexpected() -> None:
    with pytest.raises(errors.UnexpectedResponseError):
        read_json(REQUEST, httpx.Response(200, text="<html>"))
    with pytest.raises(errors.UnexpectedResponseError):
        read_json(REQUEST, httpx.Response(200, json=[1, 2]))


def test_token_rejection_detection() -> None:
    assert is_token_rejection(_response(401, {"error": "UnauthorizedError"}))
    assert is_token_rejection(_response(403, {"error": "TokenError"}))
    assert not is_token_rejection(_response(403, {"error": "PermissionDenied"}))
    assert not is_token_rejection(_response(401, {"error": "ValidationFailure"}))
    assert not is_token_rejection(_response(404, {"error": "NotFound"}))


def test_validation_error_lists_problems() -> None:
    exc = errors.ValidationError(["a is missing", "b is bad"])
    assert exc.problems == ["a is missing", "b is bad"]
    assert "a is missing; b is bad" in str(exc)
    assert isinstance(exc, ValueError)


def test_transport_error_counts_attempts() -> None:
    exc = errors.TransportError("timed out", method="GET", path="/api/x", attempts=3)
    assert str(exc) == "GET /api/x: timed out (after 3 attempts)"

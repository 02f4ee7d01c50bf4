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


def _bound(status: int, **kwargs: Any) -> httpx.Response:
    """A response to `REQUEST` sent to https://vault.example.com (so it knows its URL)."""
    request = httpx.Request("GET", "https://vault.example.com" + REQUEST.path)
    return httpx.Response(status, request=request, **kwargs)


def _check_not_infisical(exc: Exception, status: int) -> None:
    assert type(exc) is errors.UnexpectedResponseError, status
    text = str(exc)
    assert "https://vault.example.com" in text and "text/html" in text
    assert f"HTTP {status}" in text and "site_url" in text
    assert exc.url == "https://vault.example.com" and exc.content_type == "text/html"


def test_an_answer_that_is_not_infisical_names_site_status_and_content_type() -> None:
    page = "<html>nginx</html>"
    html = {"content-type": "text/html"}
    for status in (404, 401):
        _check_not_infisical(
            error_from_response(REQUEST, _bound(status, text=page, headers=html)), status
        )
    with pytest.raises(errors.UnexpectedResponseError) as caught:
        read_json(REQUEST, _bound(200, text=page, headers=html))
    _check_not_infisical(caught.value, 200)
    other_api = _bound(404, json={"detail": "Not Found"})  # JSON, but not Infisical's envelope
    assert type(error_from_response(REQUEST, other_api)) is errors.UnexpectedResponseError
    # a failing gateway in front of Infisical is still a server error (stale-if-error, retries)
    assert type(error_from_response(REQUEST, _bound(502, text="<html>"))) is errors.ServerError


def test_a_missing_route_is_unsupported_not_a_missing_resource() -> None:
    body = {"message": "Route GET:/api/v4/secrets/DB_URL not found", "error": "Not Found"}
    exc = error_from_response(REQUEST, _bound(404, json={**body, "statusCode": 404}))
    assert isinstance(exc, errors.UnsupportedByServerError)
    assert not isinstance(exc, errors.NotFoundError)
    assert "https://vault.example.com" in str(exc) and "no such route" in str(exc)


def test_rate_limit_headers_make_any_error_status_a_rate_limit() -> None:
    headers = {"retry-after": "59", "x-ratelimit-remaining": "0", "x-ratelimit-limit": "40"}
    body = {"statusCode": 500, "message": "Something went wrong", "error": "InternalServerError"}
    exc = error_from_response(REQUEST, _response(500, body, headers=headers))
    assert type(exc) is errors.RateLimitError
    assert exc.retry_after == 59.0 and exc.status_code == 500
    not_exhausted = {**headers, "x-ratelimit-remaining": "3"}
    assert type(error_from_response(REQUEST, _response(500, body, headers=not_exhausted))) is (
        errors.ServerError
    )


def test_a_duplicate_is_already_exists_a_bad_request() -> None:
    body = {"statusCode": 400, "message": "Secret already exist", "error": "BadRequest"}
    exc = error_from_response(REQUEST, _response(400, body))
    assert type(exc) is errors.AlreadyExistsError and isinstance(exc, errors.BadRequestError)
    other = {**body, "message": "Invalid secret name"}
    assert type(error_from_response(REQUEST, _response(400, other))) is errors.BadRequestError


def test_transport_error_with_a_url_names_it() -> None:
    exc = errors.TransportError(
        "connection refused (ConnectError)",
        method="GET",
        path="/api/x",
        attempts=1,
        url="http://127.0.0.1:9/api/x",
    )
    assert str(exc) == (
        "GET http://127.0.0.1:9/api/x: connection refused (ConnectError) (after 1 attempt)"
    )
    assert exc.url == "http://127.0.0.1:9/api/x"

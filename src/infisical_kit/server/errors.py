"""The Infisical error envelope ``{reqId, statusCode, message, error}`` and its handlers."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from .write_gate import committed_write

logger = logging.getLogger("infisical_kit.server")

_DEFAULT_ERROR = {
    400: "BadRequest",
    401: "UnauthorizedError",
    403: "PermissionDenied",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    413: "PayloadTooLarge",
    414: "URITooLong",
    415: "UnsupportedMediaType",
    422: "ValidationFailure",
    429: "RateLimitExceeded",
    500: "InternalServerError",
    503: "ServiceUnavailable",
}


class ApiError(Exception):
    """An error the API reports to the caller with a given status, message and error name."""

    def __init__(
        self,
        status_code: int,
        message: str | list[dict[str, Any]],
        error: str | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message if isinstance(message, str) else "validation failed")
        self.status_code = status_code
        self.message = message
        self.error = error or _DEFAULT_ERROR.get(status_code, "Error")
        #: Extra response headers (``retry-after`` on 429/503 and lockouts).
        self.headers = headers or {}


def bad_request(message: str) -> ApiError:
    """400 BadRequest."""
    return ApiError(400, message, "BadRequest")


def not_found(message: str) -> ApiError:
    """404 NotFound."""
    return ApiError(404, message, "NotFound")


def unauthorized(message: str) -> ApiError:
    """401 UnauthorizedError."""
    return ApiError(401, message, "UnauthorizedError")


def token_error(message: str) -> ApiError:
    """403 TokenError (expired, malformed or badly signed JWT)."""
    return ApiError(403, message, "TokenError")


def validation_issues(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Turn pydantic errors into zod-like issues ``{code, path, message}`` (no input echoed)."""
    issues: list[dict[str, Any]] = []
    for err in errors:
        loc = [p for p in err.get("loc", ()) if p not in ("body", "query", "path")]
        code = "invalid_type" if err.get("type") == "missing" else str(err.get("type", "invalid"))
        message = "Required" if err.get("type") == "missing" else str(err.get("msg", "Invalid"))
        issues.append({"code": code, "path": loc, "message": message})
    return issues


def envelope(status_code: int, message: Any, error: str) -> JSONResponse:
    """Build the JSON error response."""
    body = {
        "reqId": "req-" + secrets.token_hex(8),
        "statusCode": status_code,
        "message": message,
        "error": error,
    }
    return JSONResponse(body, status_code=status_code)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    response = envelope(exc.status_code, exc.message, exc.error)
    response.headers.update(exc.headers)
    return response


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return envelope(422, validation_issues(exc.errors()), "ValidationFailure")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        message = f"Route {request.method}:{request.url.path} not found"
        return envelope(404, message, "NotFound")
    if exc.status_code == 405:
        message = f"Method {request.method} not allowed on {request.url.path}"
        return envelope(405, message, "MethodNotAllowed")
    error = _DEFAULT_ERROR.get(exc.status_code, "Error")
    return envelope(exc.status_code, str(exc.detail), error)


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    # Two concurrent writes raced on a unique constraint (e.g. creating the same name): the
    # loser gets a 409 like a pre-checked duplicate would, never a 500.
    logger.info("conflicting concurrent write on %s %s", request.method, request.url.path)
    return envelope(409, "The resource was changed concurrently; retry the request", "Conflict")


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    # The last resort behind the request models' limits (limits.py): a value the database
    # refuses (too long for its column, a NUL, out of range) is the caller's bad input. The
    # driver's message may quote the value, so it is neither logged nor returned.
    logger.warning("database refused a value on %s %s", request.method, request.url.path)
    return envelope(400, "A value in the request is invalid or too long", "BadRequest")


async def _operational_error(request: Request, exc: Exception) -> JSONResponse:
    # SQLAlchemy's OperationalError, or the driver's own (sqlite3) should one ever escape.
    if "locked" in str(exc).lower() or "busy" in str(exc).lower():
        logger.warning("database busy on %s %s", request.method, request.url.path)
        if committed_write(getattr(request.state, "db_session", None)):
            # Part of the request is already saved: a blind retry could apply it twice.
            message = "The database is busy; part of the request was saved, check before retrying"
            return envelope(503, message, "ServiceUnavailable")
        # The failing transaction never started or was rolled back, and nothing before it in
        # this request wrote: safe to retry, which Retry-After tells the SDK (even for POST).
        response = envelope(503, "The database is busy; retry the request", "ServiceUnavailable")
        response.headers["retry-after"] = "1"
        return response
    return await _unexpected(request, exc)


async def _client_gone(request: Request, _exc: Exception) -> JSONResponse:
    # The client closed the connection before sending its whole body: nobody reads the answer,
    # and a slow or vanishing client must not write a traceback per request into the log.
    logger.debug("client disconnected during %s %s", request.method, request.url.path)
    return envelope(400, "The client disconnected before sending the whole body", "BadRequest")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.error(
        "unhandled error on %s %s: %s",
        request.method,
        request.url.path,
        type(exc).__name__,
        exc_info=exc,
    )
    return envelope(500, "Something went wrong", "InternalServerError")


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler so each error leaves in the envelope."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(sqlite3.OperationalError, _operational_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(Exception, _unexpected)

"""The exceptions of ``infisical-httpx-sdk`` (``infisical.exceptions``), placed in
infisical-kit's tree: `InfisicalHTTPError` is an `infisical_kit.errors.APIError`,
`InfisicalCredentialsError` a `ConfigurationError`, `InfisicalResourceError` a
`ValidationError`, so ``except InfisicalError`` catches all of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from infisical_kit.errors import APIError, ConfigurationError, ValidationError

__all__ = [
    "InfisicalCredentialsError",
    "InfisicalHTTPError",
    "InfisicalResourceError",
    "translated",
]


class InfisicalCredentialsError(ConfigurationError):
    """No provider of the chain had credentials, or they are misconfigured."""


class InfisicalHTTPError(APIError):
    """The server answered with an error (`status_code`, `message`, `error` as on `APIError`)."""

    def __init__(self, err_json: dict[str, Any]) -> None:
        status = int(err_json.get("statusCode", 0))
        super().__init__(
            status,
            str(err_json.get("message", "")),
            err_json.get("error"),
            err_json.get("reqId"),
        )

    @classmethod
    def from_api_error(cls, exc: APIError) -> InfisicalHTTPError:
        """The same error (status, message, method and path) under this SDK's name."""
        err = cls.__new__(cls)
        APIError.__init__(
            err,
            exc.status_code,
            exc.message,
            exc.error,
            exc.request_id,
            method=exc.method,
            path=exc.path,
            issues=exc.issues,
        )
        return err


class InfisicalResourceError(ValidationError):
    """A call lacks a required argument; nothing was sent."""

    def __init__(self, message: str) -> None:
        super().__init__([message])


@contextmanager
def translated() -> Iterator[None]:
    """Raise the `APIError` of a call as `InfisicalHTTPError` (the original as its cause)."""
    try:
        yield
    except InfisicalHTTPError:
        raise
    except APIError as exc:
        raise InfisicalHTTPError.from_api_error(exc) from exc

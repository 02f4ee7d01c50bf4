"""Exceptions raised by infisical-kit.

One hierarchy; catch `InfisicalError` to catch everything the SDK raises::

    InfisicalError
     ├── ConfigurationError          bad or missing client configuration (no credentials, bad URL)
     │    ├── InvalidConfigError      (config) every problem of a configuration, listed at once
     │    ├── ClientClosedError       the client was closed: the message names the fix
     │    ├── CredentialsNotFoundError (credentials) no provider of the chain had a credential
     │    ├── VaultError              (_cli_vault) the Infisical CLI's stored login is unreadable
     │    └── InfisicalCredentialsError (compat.infisical_httpx) no or unusable credentials
     ├── ValidationError             bad call arguments, all listed at once; nothing was sent
     │    └── InfisicalResourceError (compat.infisical_httpx) a required argument is missing
     ├── NotSupportedError           infisical-kit does not do this (a drop-in's PKI call ...)
     ├── TransportError              no response: names the URL, the cause in words, the attempts
     ├── UnexpectedResponseError     not an Infisical API answer (HTML, not JSON, unknown shape)
     ├── UnsupportedByServerError    an (older) server cannot do what the call asks; nothing faked
     ├── ApprovalRequiredError       a write was turned into a change request by an approval policy
     ├── DecryptionError             (crypto) local AES-GCM decryption failed (wrong key, tampered)
     └── APIError                    the server answered with an error envelope
          ├── AuthenticationError    401, or 403 with error "TokenError" (expired/malformed token)
          ├── PermissionDeniedError  403 otherwise
          ├── NotFoundError          404
          ├── BadRequestError        400, 422 and any "ValidationFailure"
          │    └── AlreadyExistsError  400 (or 409) "... already exists": a duplicate create
          ├── ConflictError          409
          ├── RateLimitError         429, or rate-limit headers on any error (``retry_after``)
          ├── ServerError            5xx
          └── InfisicalHTTPError     (compat.infisical_httpx) any of the above, as that SDK names it

Outside the SDK, for the tools around it::

    RuntimeError
     └── ServerStartError            (testing) the local test server did not start
    click.ClickException             (cli) a command failed: message and exit status
     ├── AddressInUse                ``infisical-kit server``: the port is taken (3)
     └── CliError
          ├── CommandNotFound        ``infisical-kit run``: the command does not exist (127)
          └── CannotRun              ``infisical-kit run``: the command cannot be run (126)

The local server (``infisical_kit.server``) answers errors as HTTP responses in the Infisical
error envelope; its exceptions never reach an SDK caller. ``tests/unit/test_errors_tree.py``
checks that every exception class outside the server is drawn here.

Messages name the HTTP method and path; they never contain a secret value, token, client secret
or password.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "APIError",
    "AlreadyExistsError",
    "ApprovalRequiredError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "InfisicalError",
    "NotFoundError",
    "NotSupportedError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "UnexpectedResponseError",
    "UnsupportedByServerError",
    "ValidationError",
]


class InfisicalError(Exception):
    """Root of every exception raised by infisical-kit."""


class ConfigurationError(InfisicalError):
    """The client is misconfigured (missing credentials, malformed URL, conflicting options)."""


class ClientClosedError(ConfigurationError):
    """The client was used after ``close()`` (or after its ``with`` block ended); nothing was
    sent. Build a new client, or keep every use inside ``with Client(...) as client:``."""


class NotSupportedError(InfisicalError, NotImplementedError):
    """The call needs something infisical-kit does not do (e.g. ``infisical-httpx-sdk``'s
    certificates: there is no PKI); the message names it and says why. Nothing was sent."""


class ValidationError(InfisicalError, ValueError):
    """Arguments were rejected before any request was sent; `problems` lists every one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: list[str] = list(problems)
        super().__init__("invalid arguments: " + "; ".join(self.problems))


class TransportError(InfisicalError):
    """The request could not be completed (connection refused, name not resolved, TLS, timeout).

    **Attributes:** `method`, `path`, `url` (the full URL without the query, when known),
    `attempts` (how many times it was tried). The message names the URL and the cause in words.
    """

    def __init__(
        self, message: str, *, method: str, path: str, attempts: int, url: str | None = None
    ) -> None:
        self.method = method
        self.path = path
        self.url = url
        self.attempts = attempts
        plural = "attempt" if attempts == 1 else "attempts"
        super().__init__(f"{method} {url or path}: {message} (after {attempts} {plural})")


class UnexpectedResponseError(InfisicalError):
    """A response the SDK cannot understand: a success body of the wrong shape, or an answer
    that is not an Infisical API's at all (an HTML page, not JSON: check `site_url`).

    **Attributes:** `method`, `path`, `status_code`, `url` (the site that answered, when
    known), `content_type`.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status_code: int,
        url: str | None = None,
        content_type: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.status_code = status_code
        self.url = url
        self.content_type = content_type
        super().__init__(f"{method} {path}: {message} (HTTP {status_code})")


class UnsupportedByServerError(InfisicalError):
    """The server cannot do what the call asks, and the SDK cannot do it for it.

    Raised instead of a silently wrong result: an older Infisical that would ignore a
    parameter, drop a field or lacks a route. **Attributes:** `parameter` (the argument
    concerned, or None for a whole operation), `method` and `path` (the request concerned,
    empty when nothing was sent).
    """

    def __init__(
        self, message: str, *, parameter: str | None = None, method: str = "", path: str = ""
    ) -> None:
        self.parameter = parameter
        self.method = method
        self.path = path
        super().__init__(message)


class ApprovalRequiredError(InfisicalError):
    """The server queued the write as a change request instead of applying it."""

    def __init__(self, *, method: str, path: str, approval_id: str | None) -> None:
        self.method = method
        self.path = path
        self.approval_id = approval_id
        super().__init__(
            f"{method} {path}: the change needs approval (change request {approval_id or '?'})"
        )


class APIError(InfisicalError):
    """The server returned an error envelope ``{statusCode, message, error}``.

    **Attributes:** `status_code`, `message` (a string; a list of 422 issues is joined),
    `error` (the server's error name, e.g. ``"NotFound"``), `request_id`, `method`, `path`,
    `issues` (the raw list when the server sent one), `attempts` (how many times the request
    was sent; more than 1 when a retryable status persisted through the retries).
    """

    #: how many times the request was sent (set by the transport after retries)
    attempts: int = 1

    def __init__(
        self,
        status_code: int,
        message: str,
        error: str | None = None,
        request_id: str | None = None,
        *,
        method: str = "",
        path: str = "",
        issues: Sequence[Any] | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.error = error
        self.request_id = request_id
        self.method = method
        self.path = path
        self.issues: list[Any] | None = list(issues) if issues is not None else None
        where = f"{method} {path}: " if method else ""
        name = f" {error}" if error else ""
        rid = f" [request {request_id}]" if request_id else ""
        super().__init__(f"{where}HTTP {status_code}{name}: {message}{rid}")

    @property
    def response(self) -> dict[str, Any]:
        """The error envelope as a dict (``statusCode``, ``message``, ``error``, ``reqId``)."""
        envelope: dict[str, Any] = {"statusCode": self.status_code, "message": self.message}
        if self.error is not None:
            envelope["error"] = self.error
        if self.request_id is not None:
            envelope["reqId"] = self.request_id
        return envelope


class AuthenticationError(APIError):
    """401, or 403 ``TokenError``: credentials are wrong or the token expired or is malformed."""


class PermissionDeniedError(APIError):
    """403 other than ``TokenError``: authenticated but not allowed."""


class NotFoundError(APIError):
    """404: the secret, folder, environment or project does not exist (or is out of scope)."""


class BadRequestError(APIError):
    """400 or 422: the server rejected the request's content."""


class AlreadyExistsError(BadRequestError):
    """A create found the secret, folder, tag ... already there (400 or 409 "already exists")."""


class ConflictError(APIError):
    """409: the request conflicts with the current state."""


class RateLimitError(APIError):
    """429, or any error status with ``x-ratelimit-remaining: 0`` and ``retry-after`` (older
    servers answer a rate-limit hit with HTTP 500): too many requests; `retry_after` holds the
    seconds to wait when known."""

    def __init__(
        self,
        status_code: int,
        message: str,
        error: str | None = None,
        request_id: str | None = None,
        *,
        method: str = "",
        path: str = "",
        issues: Sequence[Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            status_code, message, error, request_id, method=method, path=path, issues=issues
        )


class ServerError(APIError):
    """5xx: the server failed."""

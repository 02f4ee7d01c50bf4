"""The transport driver: sends an `ApiRequest` over httpx with retries, logs it redacted.

One pooled `httpx.AsyncClient` per SDK client, built from the `ClientOptions` (TLS from
`infisical_kit._tls`). Retry decisions come from ``_core/retry.py``;
this module only sleeps and counts. A request that still fails on a retryable status (or a
rate-limit hit recognised by its headers, whatever its status) after the last attempt raises
the mapped `APIError` (with ``attempts``); other statuses are returned for the caller to parse.
Network failures raise `TransportError` naming the full URL, the cause in words
(`infisical_kit._failures`) and the attempts.

Logging on ``infisical_kit.http``: each response at DEBUG (method, path, status, time); with
``echo=True`` also the request and response headers and bodies, redacted. Retries are logged at
WARNING.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import anyio
import httpx

from infisical_kit._core.redact import redact_body, redact_headers, redact_url
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import error_from_response
from infisical_kit._core.retry import (
    RETRY_STATUSES,
    Failure,
    is_rate_limited,
    parse_retry_after,
    retry_delay,
)
from infisical_kit._failures import describe_failure
from infisical_kit._http_request import to_httpx
from infisical_kit._options import ClientOptions
from infisical_kit._tls import build_ssl
from infisical_kit.errors import APIError, ClientClosedError, ConfigurationError, TransportError

# unasync: remove-start
if TYPE_CHECKING:
    from infisical_kit._aiohttp_transport import AiohttpTransport
# unasync: remove-end

__all__ = ["AsyncHTTPDriver", "client_closed"]

logger = logging.getLogger("infisical_kit.http")

#: connections open at once, all kept idle between requests: as many as may be in flight, so a
#: burst of concurrent requests reuses its connections instead of reconnecting
POOL_SIZE = 100

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def client_closed() -> ClientClosedError:
    """The error for a call on a closed client: what happened and the fix."""
    return ClientClosedError(
        "the client is closed (aclose() was called, or its `async with` block ended); "
        "create a new AsyncClient, or make every call inside "
        "`async with AsyncClient(...) as client:`"
    )


class AsyncHTTPDriver:
    """Owns the `httpx.AsyncClient`; `send` retries as ``options.retry`` allows.

    **Parameters:** `options` (site URL, timeout, TLS, proxy, user agent, echo, retry),
    `transport` (an httpx transport, for tests; then no configured proxy applies), `timeout`
    (an `httpx.Timeout` that replaces ``options.timeout``), `proxy` (the proxy passed to the
    client, which wins over ``options.proxy``), `jitter` (a uniform [0, 1) source).
    """

    def __init__(
        self,
        options: ClientOptions,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | None = None,
        proxy: str | httpx.Proxy | None = None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if transport is not None and proxy is not None:
            raise ConfigurationError("pass either proxy or transport, not both")
        self._base_url = options.site_url
        self._headers = {"User-Agent": options.user_agent, "Accept": "application/json"}
        self.echo = options.echo
        self.retry = options.retry
        self._jitter = jitter
        verify = build_ssl(options.verify, options.cert, pem=options.pem)
        if transport is None and proxy is None:
            proxy = options.proxy
        # unasync: remove-start
        self._direct: AiohttpTransport | None = None
        if transport is None:  # the default: aiohttp's pool (see _aiohttp_transport)
            from infisical_kit._aiohttp_transport import AiohttpTransport

            transport = self._direct = AiohttpTransport(
                ssl_context=verify if isinstance(verify, ssl.SSLContext) else None,
                proxy=httpx.Proxy(proxy) if isinstance(proxy, str) else proxy,
                limit=POOL_SIZE,
            )
            proxy = None
        # unasync: remove-end
        self._http = httpx.AsyncClient(
            timeout=timeout if timeout is not None else options.timeout,
            verify=verify,
            proxy=proxy,
            transport=transport,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE),
        )
        self._timeout = self._http.timeout.as_dict()

    @property
    def site_url(self) -> str:
        """The site requests go to (normalized: no trailing slash, no ``/api``)."""
        return self._base_url

    @property
    def http(self) -> httpx.AsyncClient:
        """The pooled httpx client (one per SDK client). Once handed out, every request goes
        through its ``send``, so event hooks and mounts the caller adds apply."""
        # unasync: remove-start
        self._direct = None
        # unasync: remove-end
        return self._http

    async def send(self, request: ApiRequest, *, token: str | None = None) -> httpx.Response:
        """Send `request` (with a bearer `token` if given), retrying; return the read response."""
        if self._http.is_closed:
            raise client_closed()
        headers = dict(self._headers)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        http_request = to_httpx(request, self._base_url, headers)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            sent_at = time.monotonic()
            if self.echo and logger.isEnabledFor(logging.DEBUG):
                self._log_request(http_request, attempt)
            try:
                response = await self._send(http_request)
            except httpx.TransportError as exc:
                failure = Failure.NOT_SENT if isinstance(exc, _NOT_SENT) else Failure.MAYBE_SENT
                delay = retry_delay(
                    self.retry,
                    method=request.method,
                    attempt=attempt,
                    elapsed=time.monotonic() - started,
                    random=self._jitter,
                    failure=failure,
                )
                what = describe_failure(exc)
                if delay is None:
                    raise TransportError(
                        what,
                        method=request.method,
                        path=request.path,
                        attempts=attempt,
                        url=self._base_url + request.path,
                    ) from exc
                logger.warning(
                    "%s %s: %s, retrying in %.2fs (attempt %d)",
                    request.method,
                    request.path,
                    what,
                    delay,
                    attempt,
                )
                await anyio.sleep(delay)
                continue
            if logger.isEnabledFor(logging.DEBUG):
                self._log_response(request, response, time.monotonic() - sent_at)
            status = response.status_code
            if is_rate_limited(status, response.headers):
                status = 429  # a rate-limit hit whatever its status: retried like a 429
            elif status not in RETRY_STATUSES:
                return response
            retry_after = parse_retry_after(response.headers.get("retry-after"), time.time())
            delay = retry_delay(
                self.retry,
                method=request.method,
                attempt=attempt,
                elapsed=time.monotonic() - started,
                random=self._jitter,
                status=status,
                retry_after=retry_after,
            )
            if delay is None:
                error = error_from_response(request, response)
                if isinstance(error, APIError):
                    error.attempts = attempt
                if attempt > 1:
                    error.args = (f"{error} (after {attempt} attempts)",)
                raise error
            logger.warning(
                "%s %s -> HTTP %d, retrying in %.2fs (attempt %d)",
                request.method,
                request.path,
                response.status_code,
                delay,
                attempt,
            )
            await anyio.sleep(delay)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        """Send `request` once and read the response."""
        # unasync: remove-start
        if self._direct is not None:
            # straight to aiohttp: httpx.AsyncClient.send would add its cookie jar, auth and
            # redirect handling (~0.4 ms of CPU a request), none of which the SDK uses: the
            # refresh cookie travels in `ApiRequest.cookies`, redirects are not followed
            request.extensions["timeout"] = self._timeout
            response = await self._direct.handle_async_request(request)
            await response.aread()
            return response
        # unasync: remove-end
        return await self._http.send(request)

    def _log_request(self, http_request: httpx.Request, attempt: int) -> None:
        logger.debug(
            "request %s %s attempt=%d headers=%s body=%s",
            http_request.method,
            redact_url(http_request.url.raw_path.decode("ascii", "replace")),
            attempt,
            redact_headers(http_request.headers.items()),
            redact_body(http_request.content, http_request.headers.get("content-type")),
        )

    def _log_response(self, request: ApiRequest, response: httpx.Response, took: float) -> None:
        if not self.echo:
            logger.debug(
                "response %s %s -> %d in %.3fs",
                request.method,
                request.path,
                response.status_code,
                took,
            )
            return
        logger.debug(
            "response %s %s -> %d in %.3fs headers=%s body=%s",
            request.method,
            request.path,
            response.status_code,
            took,
            redact_headers(response.headers.items()),
            redact_body(response.content, response.headers.get("content-type")),
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        """True once `aclose` has run."""
        return self._http.is_closed

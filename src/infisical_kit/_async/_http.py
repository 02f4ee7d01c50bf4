"""The transport driver: sends an `ApiRequest` over httpx, logs it redacted, maps network errors."""

from __future__ import annotations

import logging
import ssl
import time

import httpx

from infisical_kit._core.api import ApiRequest
from infisical_kit._core.options import ClientOptions
from infisical_kit._core.redact import redact_body, redact_headers
from infisical_kit.errors import TransportError

__all__ = ["AsyncHTTPDriver"]

logger = logging.getLogger("infisical_kit.http")


def _verify(verify: bool | str) -> bool | ssl.SSLContext:
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify


class AsyncHTTPDriver:
    """Owns the `httpx.AsyncClient`; one `send` per attempt, no retries yet."""

    def __init__(
        self,
        options: ClientOptions,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = options.site_url
        self._headers = {"User-Agent": options.user_agent, "Accept": "application/json"}
        self._http = httpx.AsyncClient(
            timeout=options.timeout,
            verify=_verify(options.verify),
            transport=transport,
            follow_redirects=False,
        )

    async def send(self, request: ApiRequest, *, token: str | None = None) -> httpx.Response:
        """Send `request` (with a bearer `token` if given) and return the read response."""
        headers = dict(self._headers)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        http_request = request.to_httpx(self._base_url, headers)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "request %s %s headers=%s body=%s",
                request.method,
                http_request.url.raw_path.decode("ascii", "replace"),
                redact_headers(http_request.headers.items()),
                redact_body(http_request.content, http_request.headers.get("content-type")),
            )
        started = time.monotonic()
        try:
            response = await self._http.send(http_request)
        except httpx.TimeoutException as exc:
            raise TransportError(
                f"timed out ({type(exc).__name__})",
                method=request.method,
                path=request.path,
                attempts=1,
            ) from exc
        except httpx.TransportError as exc:
            raise TransportError(
                f"connection failed ({type(exc).__name__}: {exc})",
                method=request.method,
                path=request.path,
                attempts=1,
            ) from exc
        logger.debug(
            "response %s %s -> %d in %.3fs body=%s",
            request.method,
            request.path,
            response.status_code,
            time.monotonic() - started,
            redact_body(response.content, response.headers.get("content-type"))
            if logger.isEnabledFor(logging.DEBUG)
            else "",
        )
        return response

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        """True once `aclose` has run."""
        return self._http.is_closed

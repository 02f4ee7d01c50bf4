"""`AsyncRequester`: the one way a namespace reaches the server.

It owns the transport driver, the token manager, the route state (v4 or v3 secrets,
deprecation warnings) and the read cache, and offers the namespaces a narrow surface: `send`
(routed, authenticated, a write invalidates the cache), `cached` (a read through the cache,
single flight), `remember` / `recall` (the hot path of a repeated read). Namespaces hold a
requester and a default scope; they never see the client.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Any, TypeVar

import httpx

from infisical_kit._async._cache import AsyncReadCache
from infisical_kit._async._token_manager import AsyncTokenManager
from infisical_kit._async._transport import AsyncHTTPDriver
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import is_token_rejection
from infisical_kit._core.routing import RouteState
from infisical_kit._synchronization import AsyncFetch
from infisical_kit.errors import ConfigurationError

__all__ = ["AsyncRequester"]

T = TypeVar("T")


class AsyncRequester:
    """Sends requests for the namespaces: routing, tokens, retries (in the driver), caching."""

    def __init__(
        self, driver: AsyncHTTPDriver, tokens: AsyncTokenManager, cache: AsyncReadCache
    ) -> None:
        #: The transport driver (one pooled httpx client, retries, redacted logs).
        self.driver = driver
        #: The token manager (login, renew, revoke; one refresh in flight).
        self.tokens = tokens
        #: The read cache.
        self.cache = cache
        #: Which secrets API the server speaks, and deprecation warnings already given.
        self.routes = RouteState()
        #: True once `aclose` has run: nothing is sent afterwards.
        self.closed = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}(closed={self.closed})"

    async def send(self, request: ApiRequest) -> tuple[ApiRequest, httpx.Response]:
        """Send `request` (rewritten to v3 raw if the server lacks v4; a deprecated route
        warns once); return what was sent and the response."""
        routes = self.routes
        request = routes.route(request)
        if routes.probing(request):
            response = await self.send_unrouted(request)
            fallback = routes.observe(request, response)
            if fallback is None:
                return request, response
            request = fallback
        message = routes.deprecation(request)
        if message is not None:
            warnings.warn(message, DeprecationWarning, stacklevel=3)
        return request, await self.send_unrouted(request)

    async def send_unrouted(self, request: ApiRequest) -> httpx.Response:
        """Send `request` as is, authenticated when it says so; log in again once on a token
        rejection. An authenticated write (any method but GET/HEAD) invalidates the cached
        reads it may have made stale, whether it succeeded or not."""
        self._check_open()
        if not request.authenticated:
            return await self.driver.send(request)
        try:
            token = await self.tokens.token()
            response = await self.driver.send(request, token=token)
            if self.tokens.can_relogin and is_token_rejection(response):
                await self.tokens.invalidate(token)
                token = await self.tokens.token()
                response = await self.driver.send(request, token=token)
        finally:
            if request.method not in ("GET", "HEAD"):
                self.cache.invalidate(request)
        return response

    async def cached(self, request: ApiRequest, fetch: AsyncFetch[T]) -> T:
        """The answer to the read `request` from the cache, else from `fetch` (single flight)."""
        self._check_open()
        if not self.cache.policy.enabled:
            return await fetch()
        return await self.cache.get_or_fetch(request, fetch)

    def recall(self, alias: Hashable) -> Any | None:
        """The fresh cached answer `remember` tied to `alias`, or None (the hot path)."""
        return self.cache.hit(alias)

    def remember(self, alias: Hashable, request: ApiRequest) -> None:
        """Let the raw call arguments `alias` find the cached answer to `request` directly."""
        if self.cache.policy.enabled and not self.closed:
            self.cache.remember(alias, self.cache.key(request))

    async def aclose(self) -> None:
        """Close the connection pool and drop the cache; nothing can be sent afterwards."""
        self.closed = True
        self.cache.clear()
        await self.driver.aclose()

    def _check_open(self) -> None:
        if self.closed:
            raise ConfigurationError("the client is closed")

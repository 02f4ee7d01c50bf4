"""`AsyncRequester`: the one way a namespace reaches the server.

It owns the transport driver, the token manager, the route state and the read cache, and
offers the namespaces a narrow surface: `send` (routed to the routes the site offers,
authenticated, a write invalidates the cache), `lacks` (is a route known to be missing here),
`cached` (a read through the cache, single flight), `remember` / `recall` (the hot path of a
repeated read). Namespaces hold a requester and a default scope; they never see the client.

Routing (`infisical_kit._core.routing`): a request of a route family the site is known to lack
goes to the family's older route; otherwise the current route is sent, and a "Route ... not
found" answer teaches the requester (and, through `infisical_kit._route_memory.ROUTES`, every
later client of the site) to use the older route, to which the request is then resent. A
deprecated route warns once per process.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import httpx

from infisical_kit._async._cache import AsyncReadCache
from infisical_kit._async._token_manager import AsyncTokenManager
from infisical_kit._async._transport import AsyncHTTPDriver, client_closed
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import is_token_rejection
from infisical_kit._core.routing import (
    Family,
    RouteState,
    deprecation,
    family_of,
    is_route_not_found,
)
from infisical_kit._route_memory import ROUTES
from infisical_kit._synchronization import AsyncFetch, AsyncTransform

__all__ = ["AsyncRequester"]

logger = logging.getLogger("infisical_kit.http")

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
        #: The site (normalized URL) whose routes `routes` describes.
        self.site = driver.site_url
        #: The route families this site lacks (seeded from what the process remembers).
        self.routes = RouteState(ROUTES.lacking(self.site))
        #: True once `aclose` has run: nothing is sent afterwards.
        self.closed = False
        #: The fresh cached answer `remember` tied to an alias, or None: the hot path of a
        #: repeated read, bound straight to the cache (no call in between, `make bench` row 6).
        self.recall: Callable[[Hashable], Any | None] = cache.hit

    def __repr__(self) -> str:
        return f"{type(self).__name__}(closed={self.closed})"

    def lacks(self, request: ApiRequest) -> bool:
        """True when the site is known to lack `request`'s route (its family's current form)."""
        family = family_of(request)
        return family is not None and self.routes.lacks(family)

    async def send(
        self, request: ApiRequest, *, legacy: AsyncTransform[ApiRequest] | None = None
    ) -> tuple[ApiRequest, httpx.Response]:
        """Send `request` to the route the site offers; return what was sent and the response.

        `legacy`, when given, adapts the older form of the request before it is sent (it may
        read from the server, or refuse with `UnsupportedByServerError`); the older form
        already refuses what that route would get wrong (see `infisical_kit._core.routing`).
        A family without an older route (the namespace emulates it) returns the route-not-found
        response.
        """
        family = family_of(request)
        if family is None:
            return request, await self._send_noting_deprecation(request)
        tried_older = False
        if family.legacy is not None and self.routes.lacks(family):
            older = await self._older(family, request, legacy)
            response = await self._send_noting_deprecation(older)
            if not is_route_not_found(response):
                return older, response
            tried_older = True
            self._learn(family, lacking=False)  # not there either: try the current route
        response = await self.send_unrouted(request)
        if not is_route_not_found(response):
            return request, response
        self._learn(family, lacking=True)
        if family.legacy is None or tried_older:
            return request, response
        older = await self._older(family, request, legacy)
        return older, await self._send_noting_deprecation(older)

    async def _older(
        self,
        family: Family,
        request: ApiRequest,
        legacy: AsyncTransform[ApiRequest] | None,
    ) -> ApiRequest:
        assert family.legacy is not None
        older = family.legacy(request)
        return await legacy(older) if legacy is not None else older

    def _learn(self, family: Family, *, lacking: bool) -> None:
        if self.routes.learn(family, lacking=lacking):
            ROUTES.learn(self.site, family.name, lacking=lacking)
            state = "lacks" if lacking else "offers"
            logger.info("%s %s the current %s routes", self.site, state, family.name)

    async def _send_noting_deprecation(self, request: ApiRequest) -> httpx.Response:
        found = deprecation(request)
        if found is not None and ROUTES.first_warning(found[0]):
            warnings.warn(found[1], DeprecationWarning, stacklevel=4)
        return await self.send_unrouted(request)

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
            raise client_closed()

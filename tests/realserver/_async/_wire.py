"""`Wire`: a transport that forwards to real HTTP and records what went over the wire."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from .._raw import is_route_not_found


@dataclass(frozen=True)
class Exchange:
    """One request and the status it got (`route_missing`: Fastify's route-not-found 404)."""

    method: str
    path: str
    status: int
    route_missing: bool


class Wire(httpx.AsyncBaseTransport):
    """Forwards to a real HTTP transport and records every exchange (no fault injected)."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.exchanges: list[Exchange] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Forward, then record method, path, status and whether the route was missing."""
        response = await self._inner.handle_async_request(request)
        missing = False
        if response.status_code == 404:
            await response.aread()
            missing = is_route_not_found(response)
        self.exchanges.append(
            Exchange(request.method, request.url.path, response.status_code, missing)
        )
        return response

    def route_misses(self) -> list[str]:
        """``"METHOD path"`` of every request the server answered with route-not-found."""
        return [f"{e.method} {e.path}" for e in self.exchanges if e.route_missing]

    async def aclose(self) -> None:
        """Close the real transport."""
        await self._inner.aclose()

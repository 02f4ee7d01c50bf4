"""Test helpers shared by the token tests: a counting transport and a manual clock."""

from __future__ import annotations

import httpx


class CountingTransport(httpx.AsyncBaseTransport):
    """Forwards to the real transport and records each request's path; with `corrupt_next`
    > 0 it corrupts that many of the next bearer tokens (the only fault it injects)."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.paths: list[str] = []
        self.corrupt_next = 0

    def count(self, path: str) -> int:
        """How many requests went to `path`."""
        return self.paths.count(path)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Record the path (and corrupt the bearer token if asked), then forward."""
        self.paths.append(request.url.path)
        auth = request.headers.get("authorization")
        if auth and self.corrupt_next > 0:
            self.corrupt_next -= 1
            request.headers["authorization"] = auth[:-4] + (
                "AAAA" if auth[-4:] != "AAAA" else "BBBB"
            )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the real transport."""
        await self._inner.aclose()


class Clock:
    """A manual monotonic clock for the token manager."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

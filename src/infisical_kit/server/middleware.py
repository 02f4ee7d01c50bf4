"""ASGI middleware: a NUL in the URL path, query-string and body size limits, and rate
limiting with its headers.

Pure ASGI (no ``BaseHTTPMiddleware``) so the per-request cost is a few attribute lookups when
rate limiting is off.
"""

from __future__ import annotations

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, envelope
from .ratelimit import RateLimiter, bucket_for
from .settings import MAX_QUERY_BYTES


class BodyTooLarge(ApiError):
    """413: the request body exceeds the configured limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413, f"Request body is larger than the limit of {limit} bytes", "PayloadTooLarge"
        )


class PlatformMiddleware:
    """Enforce request size limits and rate limits before the app sees a request."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, limiter: RateLimiter | None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter if limiter is not None and limiter.enabled else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"]:  # a %00 in the URL: no route or column can take it
            message = "The URL path must not contain a NUL character"
            await envelope(400, message, "BadRequest")(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            message = f"Query string is longer than the limit of {MAX_QUERY_BYTES} bytes"
            await envelope(414, message, "URITooLong")(scope, receive, send)
            return
        limit = self.max_body_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            exc = BodyTooLarge(limit)
            await envelope(413, exc.message, exc.error)(scope, receive, send)
            return
        if self.limiter is not None:
            bucket = bucket_for(scope["method"], scope["path"])
            if bucket is not None:
                await self._limited(scope, _capped(receive, limit), send, bucket)
                return
        await self.app(scope, _capped(receive, limit), send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, bucket: str) -> None:
        assert self.limiter is not None
        client = (scope.get("client") or ("unknown", 0))[0]
        decision = await to_thread.run_sync(self.limiter.hit, bucket, client)
        if decision is None:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"x-ratelimit-limit", str(decision.limit).encode()),
            (b"x-ratelimit-remaining", str(decision.remaining).encode()),
            (b"x-ratelimit-reset", str(decision.reset_after).encode()),
        ]
        if not decision.allowed:
            message = f"Rate limit exceeded. Please try again in {decision.reset_after} seconds"
            response = envelope(429, message, "RateLimitExceeded")
            response.headers["retry-after"] = str(decision.reset_after)
            for name, value in headers:
                response.headers[name.decode()] = value.decode()
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _capped(receive: Receive, limit: int) -> Receive:
    """Wrap ``receive`` so a streamed body past ``limit`` raises :class:`BodyTooLarge`."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return wrapped

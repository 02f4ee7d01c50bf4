"""Slow and excess connections: a header-read timeout, a header-size cap and a connection cap.

uvicorn has neither a header timeout (a client that trickles one header line now and then
holds its connection forever; any byte cancels the keep-alive timer) nor a real connection
cap (``limit_concurrency`` still accepts every connection and answers each *request* 503
while the count is over the limit, so slow clients would refuse everyone else's requests).
:class:`GuardedHttpToolsProtocol` is uvicorn's httptools protocol with:

* a header timer, armed when a connection opens and again when it goes idle after a
  response, cleared when a request's headers are complete: when it fires, a half-sent
  request gets 408 and the connection is closed (an idle one is closed silently);
* a cap on header bytes: 431 and close once a request's unfinished headers exceed it;
* a connection cap: at the cap, a new connection evicts the connection that has waited
  longest for its headers (408); when none is waiting (every connection is running a
  request), the new one is answered 503 with ``Retry-After`` and closed.

Every answer is the Infisical error envelope. :class:`GuardedConfig` carries the limits (also
into worker processes, which receive the pickled config).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .settings import DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS

#: Bytes of request line plus headers (Node's and Infisical's limit).
MAX_HEADER_BYTES = 16 * 1024

_REASONS = {
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}
_ERRORS = {408: "RequestTimeout", 431: "RequestHeaderFieldsTooLarge", 503: "ServiceUnavailable"}


def error_bytes(status: int, message: str, extra_headers: tuple[str, ...] = ()) -> bytes:
    """A complete HTTP/1.1 error response in the Infisical envelope, closing the connection."""
    body = json.dumps(
        {
            "reqId": "req-" + secrets.token_hex(8),
            "statusCode": status,
            "message": message,
            "error": _ERRORS[status],
        }
    ).encode()
    head = [
        f"HTTP/1.1 {status} {_REASONS[status]}",
        "content-type: application/json",
        f"content-length: {len(body)}",
        "connection: close",
        *extra_headers,
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class GuardedConfig(uvicorn.Config):
    """uvicorn's config with the guarded protocol and its limits."""

    def __init__(
        self,
        app: Any,
        *,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_header_bytes: int = MAX_HEADER_BYTES,
        **kwargs: Any,
    ) -> None:
        super().__init__(app, http=GuardedHttpToolsProtocol, **kwargs)
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self.max_header_bytes = max_header_bytes


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the header timer, header cap and connection cap."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout: float = getattr(config, "header_timeout", DEFAULT_HEADER_TIMEOUT)
        self.max_connections: int = getattr(config, "max_connections", DEFAULT_MAX_CONNECTIONS)
        self.max_header_bytes: int = getattr(config, "max_header_bytes", MAX_HEADER_BYTES)
        self._header_timer: asyncio.TimerHandle | None = None
        #: monotonic time since when headers are awaited, or None while a request runs.
        self.awaiting_since: float | None = None
        #: Where the parser is: "idle" between requests, in a request's "headers", or in its
        #: "body" (the callbacks below move it).
        self._phase = "idle"
        self._header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Admit the connection (evicting a slow one at the cap) and arm the header timer."""
        full = len(self.connections) >= self.max_connections
        if full and not self._evict_slowest():
            message = "The server has too many open connections; retry the request"
            transport.write(error_bytes(503, message, ("retry-after: 1",)))
            transport.close()
            return
        super().connection_made(transport)
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        """Disarm the timer, then uvicorn's clean-up."""
        self._disarm()
        if self.transport is None:  # refused in connection_made: uvicorn never saw it
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Feed uvicorn's parser; 431 when unfinished headers grow past the cap."""
        before = self._phase
        super().data_received(data)
        if self._phase != "headers" or self.transport.is_closing():
            return
        # A chunk that started between requests or inside the headers and ended inside them
        # is all header bytes. (One that started in the previous request's body is not counted:
        # at most one read's worth of headers can slip past the cap that way.)
        if before != "body":
            self._header_bytes += len(data)
        if self._header_bytes > self.max_header_bytes:
            limit = self.max_header_bytes
            self._refuse(431, f"Request headers are larger than the limit of {limit} bytes")

    def on_message_begin(self) -> None:
        """A request starts: its bytes are headers until they are complete."""
        super().on_message_begin()
        self._phase = "headers"
        self._header_bytes = 0

    def on_headers_complete(self) -> None:
        """The request is complete enough to run: stop the header timer."""
        self._disarm()
        self.awaiting_since = None
        self._phase = "body"
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The request's body is all in: the next bytes start another request."""
        self._phase = "idle"
        super().on_message_complete()

    def on_response_complete(self) -> None:
        """uvicorn's keep-alive handling; an idle connection waits for headers again."""
        super().on_response_complete()
        if not self.transport.is_closing() and self.timeout_keep_alive_task is not None:
            self._await_headers()

    def _await_headers(self) -> None:
        self._disarm()
        self.awaiting_since = time.monotonic()
        if self.header_timeout > 0:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.awaiting_since is not None and not self.transport.is_closing():
            self._drop("The request headers were not received in time")

    def _drop(self, message: str) -> None:
        """408 to a half-sent request; an idle connection is closed without an answer."""
        if self._phase == "headers":
            self._refuse(408, message)
        else:
            self._disarm()
            self.awaiting_since = None
            self.transport.close()

    def _refuse(self, status: int, message: str) -> None:
        self._disarm()
        self.awaiting_since = None
        self.transport.write(error_bytes(status, message))
        self.transport.close()

    def _evict_slowest(self) -> bool:
        """Close the connection that has waited longest for its headers; False if none."""
        waiting = [
            c
            for c in self.connections
            if isinstance(c, GuardedHttpToolsProtocol) and c.awaiting_since is not None
        ]
        if not waiting:
            return False
        slowest = min(waiting, key=lambda c: c.awaiting_since or 0.0)
        slowest._drop("The connection was closed to admit another one")
        slowest.connections.discard(slowest)  # its slot is free now, not when the loop closes it
        return True

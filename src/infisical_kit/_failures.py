"""`describe_failure`: a transport failure's cause in words, for `TransportError` messages.

httpx raises its own exception classes (``ConnectError``, ``ReadTimeout`` ...) with the
operating system's error underneath (``__cause__`` / ``__context__``, through httpcore and, for
the async client, anyio's ``OSError("All connection attempts failed")``). This module walks
that chain and names what happened the way a user would: "connection refused", "name not
resolved", "TLS: wrong version number", "timed out connecting". Shared by both drivers.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator

__all__ = ["describe_failure"]

#: errno -> words (connect and read failures a user can act on)
_ERRNO_WORDS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset by the server",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "timed out connecting",
    errno.ECONNABORTED: "connection aborted",
    errno.EPIPE: "connection closed by the server",
}

#: httpx exception class name -> words, when nothing underneath says more
_CLASS_WORDS = {
    "ConnectTimeout": "timed out connecting",
    "ReadTimeout": "timed out waiting for the response",
    "WriteTimeout": "timed out sending the request",
    "PoolTimeout": "timed out waiting for a free connection",
    "RemoteProtocolError": "the server closed the connection or broke the HTTP protocol",
    "LocalProtocolError": "the request could not be sent as valid HTTP",
    "ProxyError": "the proxy refused or failed the request",
    "UnsupportedProtocol": "the URL's scheme is not http or https",
    "ConnectError": "could not connect",
    "ReadError": "the connection failed while reading the response",
    "WriteError": "the connection failed while sending the request",
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then what caused it, depth first (exception groups included), each once."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(getattr(current, "exceptions", ()) or ())
        for nxt in (current.__cause__, current.__context__):
            if nxt is not None:
                todo.append(nxt)


def _tls(error: ssl.SSLError) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        detail = getattr(error, "verify_message", None) or getattr(error, "reason", None)
        detail = detail or "failed"
        return f"TLS certificate verification failed ({detail})"
    reason = (error.reason or str(error)).replace("_", " ").lower()
    if "wrong version number" in reason:
        return "TLS: wrong version number (does the server speak plain http:// on that port?)"
    return f"TLS: {reason}"


def describe_failure(exc: BaseException) -> str:
    """The cause of a failed request in words, with the exception's class, e.g.
    ``"connection refused (ConnectError)"``."""
    name = type(exc).__name__
    for cause in _chain(exc):
        if isinstance(cause, ssl.SSLError):
            return f"{_tls(cause)} ({name})"
        if isinstance(cause, socket.gaierror):
            return f"name not resolved ({name})"
        if isinstance(cause, OSError) and cause.errno in _ERRNO_WORDS:
            return f"{_ERRNO_WORDS[cause.errno]} ({name})"
    for cause in _chain(exc):
        words = _CLASS_WORDS.get(type(cause).__name__)
        if words is not None:
            return f"{words} ({name})"
    return f"failed ({name})"

"""`describe_failure`: the cause of a failed request in words, from the real failures of
httpx over loopback (a refused port, TLS spoken to a plain HTTP server, a name that does not
resolve) and from httpx's own exception classes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from infisical_kit._failures import describe_failure
from infisical_kit.testing import free_port


def failure_of(url: str) -> httpx.HTTPError:
    with pytest.raises(httpx.HTTPError) as caught:
        httpx.get(url, timeout=10)
    return caught.value


@pytest.fixture
def plain_http() -> Iterator[str]:
    """host:port of a loopback server that speaks plain HTTP."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_refused_connection() -> None:
    text = describe_failure(failure_of(f"http://127.0.0.1:{free_port()}/"))
    assert text == "connection refused (ConnectError)"


def test_tls_spoken_to_a_plain_http_server(plain_http: str) -> None:
    text = describe_failure(failure_of(f"https://{plain_http}/"))
    assert text.startswith("TLS: wrong version number") and "http://" in text


def test_a_name_that_does_not_resolve() -> None:
    text = describe_failure(failure_of("http://no-such-host.invalid/"))
    assert text == "name not resolved (ConnectError)"


def test_timeouts_and_protocol_errors_by_their_class() -> None:
    assert describe_failure(httpx.ReadTimeout("x")) == (
        "timed out waiting for the response (ReadTimeout)"
    )
    assert describe_failure(httpx.ConnectTimeout("x")).startswith("timed out connecting")
    assert "closed the connection" in describe_failure(httpx.RemoteProtocolError("x"))
    assert describe_failure(ValueError("x")) == "failed (ValueError)"

"""A loopback HTTP proxy in front of the real server that adds secrets to folder listings.

Fault injection for the CLI: a server (an older Infisical, or a hostile one) may hand out
secret names and values that can never be environment variables (``A=B``, NUL bytes), which
our own server may refuse to store. Every request goes to the real server; only the JSON of a
successful list-secrets answer gets the extra items appended.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

LIST_PATHS = ("/api/v4/secrets", "/api/v3/secrets/raw")
HOP_HEADERS = {"host", "content-length", "transfer-encoding", "connection", "content-encoding"}


def _handler(upstream: str, extra: Mapping[str, str]) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            response = httpx.request(
                self.command, upstream + self.path, headers=headers, content=body, timeout=30
            )
            content = response.content
            path = self.path.split("?", 1)[0].rstrip("/")
            if self.command == "GET" and path in LIST_PATHS and response.status_code == 200:
                document = response.json()
                template = document["secrets"][0] if document["secrets"] else {}
                for key, value in extra.items():
                    document["secrets"].append({**template, "secretKey": key, "secretValue": value})
                content = json.dumps(document).encode()
            self.send_response(response.status_code)
            for key, value in response.headers.items():
                if key.lower() not in HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _forward

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test's output stays clean."""

    return Forward


@contextmanager
def secrets_added(upstream: str, extra: Mapping[str, str]) -> Iterator[str]:
    """A proxy URL whose folder listings also hold `extra` (``{key: value}``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(upstream, extra))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""Real-socket helpers for the transport-option tests: a tiny HTTP(S) API, a forward proxy, a CA.

`WireServer` answers every GET with an empty secret list (``{"secrets": []}``), or with the
statuses queued in ``fail_with`` first (``HANG``: no answer until the server closes, a read that
times out). With a `TLSFiles` it speaks HTTPS, and with ``require_client_cert``
it asks the client for a certificate signed by the test CA. `ForwardProxy` relays absolute-URI
requests (plain ``http://``) and counts them. Both run in threads of the test process.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CA_NAME = "infisical-kit wire test CA"
#: a `WireServer.fail_with` entry: do not answer
HANG = 0


@dataclass
class TLSFiles:
    """PEM files: the CA, a server certificate for 127.0.0.1 and a client certificate."""

    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path


def _write_key(key: ec.EllipticCurvePrivateKey, path: Path) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def make_tls_files(directory: Path) -> TLSFiles:
    """A fresh CA and two certificates it signed (server: IP 127.0.0.1; client)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME)])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )

    def leaf(common_name: str, san: x509.SubjectAlternativeName | None) -> tuple[Any, Any]:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
        )
        if san is not None:
            builder = builder.add_extension(san, critical=False)
        return builder.sign(ca_key, hashes.SHA256()), key

    server, server_key = leaf(
        "127.0.0.1",
        x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
    )
    client, client_key = leaf("wire test client", None)
    files = TLSFiles(
        directory / "ca.pem",
        directory / "server.pem",
        directory / "server.key",
        directory / "client.pem",
        directory / "client.key",
    )
    pem = serialization.Encoding.PEM
    files.ca.write_bytes(ca.public_bytes(pem))
    files.server_cert.write_bytes(server.public_bytes(pem))
    files.client_cert.write_bytes(client.public_bytes(pem))
    _write_key(server_key, files.server_key)
    _write_key(client_key, files.client_key)
    return files


class WireServer(ThreadingHTTPServer):
    """The API double; `hits` counts requests by path, `connections` the accepted connections,
    `fail_with` queues error statuses."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ApiHandler)
        self.hits: dict[str, int] = {}
        self.fail_with: list[int] = []
        self.closing = threading.Event()
        self.lock = threading.Lock()
        self.connections = 0

    def get_request(self) -> tuple[Any, Any]:
        """Accept a connection and count it."""
        accepted = super().get_request()
        with self.lock:
            self.connections += 1
        return accepted

    @property
    def url(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"


class _ApiHandler(BaseHTTPRequestHandler):
    server: WireServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
            status = self.server.fail_with.pop(0) if self.server.fail_with else 200
        if status == HANG:
            self.server.closing.wait()
            return
        body: dict[str, Any] = {"secrets": []}
        if status != 200:
            body = {"statusCode": status, "message": "try later", "error": "Unavailable"}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def wire_server(
    tls: TLSFiles | None = None, require_client_cert: bool = False
) -> Iterator[WireServer]:
    """Run a `WireServer` (HTTPS with `tls`) in a thread for the block."""
    server = WireServer()
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls.server_cert, tls.server_key)
        if require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(tls.ca)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()


class ForwardProxy(ThreadingHTTPServer):
    """A plain-HTTP forward proxy: relays ``GET http://host/path`` and counts the requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.relayed: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: ForwardProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        target = urlsplit(self.path)
        self.server.relayed.append(self.path)
        with socket.create_connection((target.hostname, target.port or 80)) as upstream:
            lines = [f"GET {target.path}?{target.query} HTTP/1.1"]
            lines += [f"{k}: {v}" for k, v in self.headers.items() if k.lower() != "connection"]
            lines.append("Connection: close")
            upstream.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
        self.wfile.write(b"".join(chunks))
        self.close_connection = True


@contextmanager
def forward_proxy() -> Iterator[ForwardProxy]:
    """Run a `ForwardProxy` in a thread for the block."""
    proxy = ForwardProxy()
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()

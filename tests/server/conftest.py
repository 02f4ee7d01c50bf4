"""A real server in a subprocess (``python -m infisical_kit.server --dev``) for raw-HTTP tests."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from infisical_kit.server.crypto import unseal_server_value

# The helper modules hold no tests, so pytest would not rewrite their asserts on its own.
pytest.register_assert_rewrite(f"{__package__}._auth_support", f"{__package__}._projects_support")

STARTUP_DEADLINE = 60.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class RunningServer:
    """A started server: its URL, data directory, process and bootstrap record."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    bootstrap: dict[str, Any] = field(default_factory=dict)

    @property
    def project_id(self) -> str:
        return str(self.bootstrap["project_id"])

    @property
    def db_path(self) -> Path:
        return self.data_dir / "infisical-kit.db"

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30.0)

    def login(self) -> str:
        with self.client() as http:
            resp = http.post(
                "/api/v1/auth/universal-auth/login",
                json={
                    "clientId": self.bootstrap["client_id"],
                    "clientSecret": self.bootstrap["client_secret"],
                },
            )
        assert resp.status_code == 200, resp.text
        token: str = resp.json()["accessToken"]
        return token

    def root_key(self) -> bytes:
        return base64.b64decode((self.data_dir / "root.key").read_text().strip())

    def jwt_secret(self) -> str:
        """The server's JWT signing secret, read from the SQLite DB and unsealed."""
        with contextlib.closing(sqlite3.connect(self.db_path)) as db:
            row = db.execute("SELECT value FROM server_settings WHERE key='jwt_secret'").fetchone()
        return unseal_server_value(self.root_key(), "jwt_secret", row[0])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the child: no root key from the caller, ``src`` importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL_KIT_")}
    env.update(extra or {})
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def start_server(
    data_dir: Path, *extra: str, dev: bool = True, env: dict[str, str] | None = None
) -> RunningServer:
    """Start the server and wait (with a deadline) until ``GET /api/status`` answers 200."""
    port = free_port()
    log_path = data_dir.parent / f"{data_dir.name}-server.log"
    cmd = [sys.executable, "-m", "infisical_kit.server", "--data-dir", str(data_dir)]
    cmd += ["--port", str(port), "--log-level", "warning", *extra]
    if dev:
        cmd.append("--dev")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=server_env(env))
    server = RunningServer(f"http://127.0.0.1:{port}", data_dir, proc, log_path)
    deadline = time.monotonic() + STARTUP_DEADLINE
    with httpx.Client(timeout=2.0) as http:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                if http.get(f"{server.url}/api/status").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                server.stop()
                pytest.fail(f"server not ready after {STARTUP_DEADLINE}s:\n{log_path.read_text()}")
            time.sleep(0.05)  # poll interval; readiness is decided by /api/status
    if dev:
        server.bootstrap = json.loads((data_dir / "bootstrap.json").read_text())
    return server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One dev server (SQLite) shared by the session."""
    data_dir = tmp_path_factory.mktemp("server") / "data"
    srv = start_server(data_dir)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def token(server: RunningServer) -> str:
    """An access token of the bootstrap machine identity."""
    return server.login()


@pytest.fixture
def http(server: RunningServer, token: str) -> Iterator[httpx.Client]:
    """An authenticated client."""
    with server.client(token) as client:
        yield client


@pytest.fixture
def anon(server: RunningServer) -> Iterator[httpx.Client]:
    """An unauthenticated client."""
    with server.client() as client:
        yield client


@pytest.fixture
def pid(server: RunningServer) -> str:
    """The bootstrap project's id."""
    return server.project_id


@pytest.fixture
def name() -> str:
    """A fresh secret name, so tests sharing the server never collide."""
    return "S_" + uuid.uuid4().hex[:10].upper()


def assert_error(resp: httpx.Response, status: int, error: str, message: str | None = None) -> None:
    """Assert the Infisical error envelope."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) >= {"reqId", "statusCode", "message", "error"}, body
    assert body["statusCode"] == status
    assert body["error"] == error, body
    if message is not None:
        assert body["message"] == message, body

"""`infisical-kit bootstrap` and `infisical-kit server`, run as real subprocesses."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from infisical_kit.testing import LocalServer

REQUIRED_KEYS = {"project_id", "project_slug", "environments", "client_id", "client_secret"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infisical_kit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_bootstrap_json_is_idempotent_and_credentials_work(tmp_path: Path) -> None:
    first = run_cli("bootstrap", "--data-dir", str(tmp_path), "--json")
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc.keys() >= REQUIRED_KEYS
    assert doc["environments"] == ["dev", "staging", "prod"]

    second = run_cli("bootstrap", "--data-dir", str(tmp_path), "--json")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == doc

    # The server started on the same data directory accepts the bootstrapped identity.
    with LocalServer(tmp_path) as server:
        assert server.bootstrap["project_id"] == doc["project_id"]
        login = httpx.post(
            f"{server.url}/api/v1/auth/universal-auth/login",
            json={"clientId": doc["client_id"], "clientSecret": doc["client_secret"]},
        )
        assert login.status_code == 200
        assert login.json()["tokenType"] == "Bearer"


def test_bootstrap_without_json_hides_the_secret(tmp_path: Path) -> None:
    result = run_cli("bootstrap", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "bootstrap.json").read_text())
    assert doc["client_id"] in result.stdout
    assert doc["client_secret"] not in result.stdout
    assert doc["admin_password"] not in result.stdout


def test_dev_server_writes_a_private_bootstrap_file(tmp_path: Path) -> None:
    with LocalServer(tmp_path) as server:
        mode = stat.S_IMODE((tmp_path / "bootstrap.json").stat().st_mode)
        assert mode == 0o600
        assert server.bootstrap.keys() >= REQUIRED_KEYS
        assert httpx.get(f"{server.url}/api/status").json()["message"]


def test_server_without_root_key_outside_dev_mode_is_one_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "infisical_kit", "server", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    assert "root key" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_server_console_says_ready_once_listening_then_one_block(tmp_path: Path) -> None:
    server = LocalServer(tmp_path)
    with server:
        pass
    text = (tmp_path / "server.log").read_text()
    lines = text.splitlines()
    assert lines[0] == f"infisical-kit server ready at {server.url}", text
    block = "\n".join(lines[:7])
    assert f"data directory  {tmp_path.resolve()}" in block
    assert f"SQLite, {(tmp_path / 'infisical-kit.db').resolve()}" in block
    assert (
        f'credentials     eval "$(infisical-kit bootstrap --data-dir {tmp_path.resolve()} '
        '--format env)"' in block
    )
    # Nothing else at the default level: no alembic migration steps, no uvicorn chatter.
    assert "alembic" not in text and "Uvicorn running" not in text and "INFO" not in text
    assert lines[-1] == "infisical-kit server stopped"
    assert (tmp_path / "server-url").read_text().strip() == server.url


def test_debug_level_shows_the_migrations(tmp_path: Path) -> None:
    with LocalServer(tmp_path, extra_args=["--log-level", "debug"]):
        pass
    text = (tmp_path / "server.log").read_text()
    assert "INFO alembic.runtime.migration: Running upgrade" in text


def test_port_in_use_is_one_line_and_exit_code_3(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("server", "--dev", "--data-dir", str(tmp_path), "--port", str(port))
    assert result.returncode == 3
    assert result.stderr == f"error: 127.0.0.1:{port} is already in use; pick another --port\n"
    assert not (tmp_path / "infisical-kit.db").exists()  # failed before migrating


def test_bootstrap_env_and_dotenv_formats(tmp_path: Path) -> None:
    dotenv = pytest.importorskip("dotenv")
    doc = json.loads(run_cli("bootstrap", "--data-dir", str(tmp_path), "--json").stdout)
    expected = {
        "INFISICAL_DOMAIN": "http://127.0.0.1:8080",  # no server ran on this data directory
        "INFISICAL_PROJECT_ID": doc["project_id"],
        "INFISICAL_ENVIRONMENT": "dev",
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": doc["client_id"],
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": doc["client_secret"],
    }
    env = run_cli("bootstrap", "--data-dir", str(tmp_path), "--format", "env")
    assert env.returncode == 0, env.stderr
    assert all(line.startswith("export INFISICAL_") for line in env.stdout.splitlines())
    evaluated = subprocess.run(
        ["bash", "-c", 'eval "$1"; env -0', "bash", env.stdout],
        capture_output=True, check=True, env={"PATH": os.environ["PATH"]},
    ).stdout.decode()  # fmt: skip
    seen = dict(item.split("=", 1) for item in evaluated.split("\0") if item)
    assert {k: seen[k] for k in expected} == expected

    dot = run_cli("bootstrap", "--data-dir", str(tmp_path), "--format", "dotenv",
                  "--site-url", "http://127.0.0.1:9999")  # fmt: skip
    parsed = dotenv.dotenv_values(stream=io.StringIO(dot.stdout))
    assert parsed == {**expected, "INFISICAL_DOMAIN": "http://127.0.0.1:9999"}

    # After a server ran on the data directory, its URL is the default domain.
    with LocalServer(tmp_path) as server:
        again = run_cli("bootstrap", "--data-dir", str(tmp_path), "--format", "env")
    assert f"export INFISICAL_DOMAIN='{server.url}'" in again.stdout


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--header-timeout", "0", "header_timeout must be positive, got 0.0"),
        ("--max-connections", "0", "max_connections must be positive, got 0"),
    ],
)
def test_connection_limits_are_checked(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = run_cli("server", "--dev", "--data-dir", str(tmp_path), option, value)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "infisical-kit.db").exists()


def test_connection_limits_from_the_environment(tmp_path: Path) -> None:
    """``INFISICAL_KIT_HEADER_TIMEOUT`` and ``_MAX_CONNECTIONS`` configure the server like the
    options: a half-sent request gets 408 after the short timeout; over the cap of 2, the
    oldest idle connection is closed to admit a new one."""
    env = {"INFISICAL_KIT_HEADER_TIMEOUT": "0.5", "INFISICAL_KIT_MAX_CONNECTIONS": "2"}
    with LocalServer(tmp_path, env=env) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
            slow.sendall(b"GET /api/status HTTP/1.1\r\n")
            assert slow.recv(1024).startswith(b"HTTP/1.1 408 ")
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=30) for _ in "ab"]
        try:
            assert httpx.get(f"{server.url}/api/status").status_code == 200
            assert idle[0].recv(1024) == b""  # evicted: the cap is 2
        finally:
            for sock in idle:
                sock.close()

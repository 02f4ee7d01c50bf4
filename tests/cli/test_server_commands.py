"""`infisical-kit bootstrap` and `infisical-kit server`, run as real subprocesses."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import httpx

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

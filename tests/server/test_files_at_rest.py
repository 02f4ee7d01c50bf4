"""Files at rest: the SQLite database and its -wal/-shm files are 0600 even in a data
directory that already exists with a wider mode (and under a permissive umask); files left
with wider modes are tightened at start; a shared data directory is reported once."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .conftest import RunningServer, start_server

WARNING = "accessible to group/others"


def _start_with_umask(data: Path) -> RunningServer:
    """Start the server under umask 022 (what a shell usually has), whatever pytest's is."""
    previous = os.umask(0o022)
    try:
        return start_server(data)
    finally:
        os.umask(previous)


def _modes(data: Path) -> dict[str, int]:
    return {
        p.name: stat.S_IMODE(p.stat().st_mode)
        for p in data.iterdir()
        if p.name.startswith("infisical-kit.db") and not p.name.endswith(".lock")
    }


def _warnings(server: RunningServer) -> list[str]:
    return [line for line in server.log_path.read_text().splitlines() if WARNING in line]


def _write_something(server: RunningServer) -> None:
    with server.client(server.login()) as http:
        body = {"projectId": server.project_id, "environment": "dev", "secretValue": "v"}
        assert http.post("/api/v4/secrets/FILES_AT_REST", json=body).status_code == 200


def test_database_files_are_private_in_a_shared_directory(tmp_path: Path) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    os.chmod(data, 0o755)
    srv = _start_with_umask(data)
    try:
        _write_something(srv)
        modes = _modes(data)
        names = {"infisical-kit.db", "infisical-kit.db-wal", "infisical-kit.db-shm"}
        assert set(modes) >= names, modes
        assert {name: oct(mode) for name, mode in modes.items()} == {
            name: oct(0o600) for name in modes
        }
        for private in ("root.key", "bootstrap.json"):
            assert stat.S_IMODE((data / private).stat().st_mode) == 0o600, private
    finally:
        srv.stop()
    warnings = _warnings(srv)
    assert len(warnings) == 1, warnings
    assert str(data) in warnings[0] and "0755" in warnings[0]


def test_wider_files_are_tightened_and_a_private_directory_is_quiet(tmp_path: Path) -> None:
    data = tmp_path / "private"
    srv = _start_with_umask(data)
    srv.stop()
    assert _warnings(srv) == []  # created by the server: 0700
    for name in ("infisical-kit.db", "infisical-kit.db-wal", "infisical-kit.db-shm"):
        path = data / name
        path.touch(exist_ok=True)
        os.chmod(path, 0o644)
    again = _start_with_umask(data)
    try:
        _write_something(again)
        assert {name: oct(mode) for name, mode in _modes(data).items()} == {
            name: oct(0o600) for name in _modes(data)
        }
    finally:
        again.stop()
    assert _warnings(again) == []

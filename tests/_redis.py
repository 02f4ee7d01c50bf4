"""A throwaway ``redis-server`` of the test's own on a free loopback port (no persistence).

Where the binary is missing the test is skipped with one line naming the Debian package;
under CI (``CI=true``) it fails instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

STARTUP_DEADLINE = 20.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def own_redis() -> Iterator[int]:
    """Start ``redis-server`` on a free port with an empty config; yield the port; stop it."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server not found: install the Debian package redis-server"
        if os.environ.get("CI"):
            pytest.fail(message + " (Redis tests must run in CI)")
        pytest.skip(message)
    with tempfile.TemporaryDirectory(prefix="ik-redis-") as work:
        config = Path(work) / "redis.conf"
        config.write_text("")  # nothing from the machine's own configuration
        port = _free_port()
        args = [binary, str(config), "--port", str(port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", work, "--protected-mode", "yes"]
        with open(Path(work) / "redis.log", "wb") as log:
            proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(port, proc, Path(work) / "redis.log")
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE
    while True:
        if proc.poll() is not None:
            pytest.fail(f"redis-server exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(64).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"redis-server not ready after {STARTUP_DEADLINE:.0f}s")
        time.sleep(0.05)  # poll interval while it starts; readiness is decided by PING

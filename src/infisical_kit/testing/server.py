"""Start a real infisical-kit server in a subprocess, for tests, demos and benchmarks.

`LocalServer` runs ``python -m infisical_kit server --dev`` on a free loopback port with SQLite
(or a PostgreSQL URL) in a data directory, waits until ``GET /api/status`` answers, and reads
the bootstrap document the dev server writes (project, environments, machine identity).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

__all__ = ["LocalServer", "ServerStartError", "free_port"]


class ServerStartError(RuntimeError):
    """The server process exited or did not become ready in time."""


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """A real local server process on loopback; use as a context manager.

    **Parameters:**

    * `data_dir` - where the database, root key and ``bootstrap.json`` live
      (a fresh temporary directory when omitted, removed on stop).
    * `database_url` - a SQLAlchemy URL (PostgreSQL); SQLite in `data_dir` when omitted.
    * `port` - a fixed port; a free one is picked when omitted.
    * `extra_args` / `env` - more command-line arguments / environment for the process
      (which does not inherit the caller's ``INFISICAL_*`` variables).
    * `startup_timeout` - seconds to wait for ``/api/status``.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        database_url: str | None = None,
        host: str = "127.0.0.1",
        port: int | None = None,
        extra_args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="infisical-kit-")
            data_dir = self._tmp.name
        self.data_dir = Path(data_dir)
        self.database_url = database_url
        self.host = host
        self._auto_port = port is None
        self.port = port or free_port(host)
        self.extra_args = list(extra_args)
        self.env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log_path = self.data_dir / "server.log"

    @property
    def url(self) -> str:
        """Base URL of the server, e.g. ``http://127.0.0.1:8123``."""
        return f"http://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> dict[str, Any]:
        """The bootstrap document: project, environments, machine identity, admin."""
        data: dict[str, Any] = json.loads((self.data_dir / "bootstrap.json").read_text())
        return data

    def command(self) -> list[str]:
        """The command line that starts the server."""
        cmd = [sys.executable, "-m", "infisical_kit", "server", "--dev"]
        cmd += ["--data-dir", str(self.data_dir), "--host", self.host, "--port", str(self.port)]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        return cmd + self.extra_args

    def start(self) -> LocalServer:
        """Start the process and wait until it answers; raise `ServerStartError` if it cannot.

        When the port was picked automatically and another process took it in the meantime,
        a new free port is tried (three attempts in all).
        """
        for attempt in range(3):
            try:
                self._start_once()
                return self
            except ServerStartError:
                if (
                    not self._auto_port
                    or attempt == 2
                    or "is already in use; pick another --port" not in self.log_tail()
                ):
                    raise
                self.port = free_port(self.host)
        return self

    def _start_once(self) -> None:
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Configured by its arguments and `env` only: none of the caller's INFISICAL_* settings.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL_")}
        env = {**inherited, **self.env}
        log = open(self._log_path, "ab")  # noqa: SIM115 - handed to the child process
        try:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, env=env
            )
        finally:
            log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + self.startup_timeout
        with httpx.Client(timeout=2.0) as http:
            while True:
                code = self.process.poll()
                if code is not None:
                    raise ServerStartError(
                        f"server exited with code {code} before it was ready:\n{self.log_tail()}"
                    )
                try:
                    if http.get(f"{self.url}/api/status").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise ServerStartError(
                        f"server not ready after {self.startup_timeout:.0f}s:\n{self.log_tail()}"
                    )
                # Poll interval while the process starts; readiness is decided by /api/status.
                time.sleep(0.05)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the server process wrote."""
        try:
            text = self._log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, *, kill: bool = False) -> None:
        """Stop the process (SIGTERM, or SIGKILL with `kill=True`) and wait for it."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def restart(self) -> None:
        """Stop (if running) and start again on the same port and data directory."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and remove its temporary data directory, if it made one."""
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

"""Entry points used by the CLI: :func:`serve` and :func:`main_bootstrap`.

The console of ``infisical-kit server``: the address is bound first (an address in use is one
`AddressInUseError`, before any migration runs), then "ready" and one block saying where the
server is and how to get credentials are printed on stderr once it listens. At the default
log level only warnings and errors are logged besides that block (no migration or uvicorn
start-up chatter); ``--log-level debug`` shows everything.
"""

from __future__ import annotations

import errno
import json
import logging
import logging.config
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy.engine import make_url
from uvicorn.supervisors import Multiprocess

from .app import create_app
from .bootstrap import bootstrap
from .connections import GuardedConfig
from .files import warn_if_shared
from .settings import ServerSettings, write_private_file

logger = logging.getLogger("infisical_kit.server")

DEFAULT_DATA_DIR = ".infisical-kit-data"
#: The URL the server last listened on, in the data directory (read by ``bootstrap``).
URL_FILE = "server-url"
#: Log levels, for ``--log-level``.
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


class AddressInUseError(RuntimeError):
    """The host and port to listen on are taken by another process."""


def write_bootstrap_file(settings: ServerSettings, record: dict[str, Any]) -> Path:
    """Write ``bootstrap.json`` (mode 0600) into the data directory."""
    path = settings.bootstrap_path
    write_private_file(path, json.dumps(record, indent=2) + "\n")
    return path


def main_bootstrap(
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR, database_url: str | None = None
) -> dict[str, Any]:
    """Bootstrap the data directory (generating ``root.key`` there if no root key is
    configured), write ``bootstrap.json`` and return its content. Idempotent."""
    settings = ServerSettings.from_env(data_dir=data_dir, database_url=database_url)
    settings.load_root_key(generate=True)
    record = bootstrap(settings)
    write_bootstrap_file(settings, record)
    return record


def last_url(data_dir: str | os.PathLike[str]) -> str | None:
    """The URL a server last listened on with this data directory, if one did."""
    try:
        return (Path(data_dir) / URL_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


#: Loggers kept at WARNING at every level (their debug records carry data; see below).
QUIET_LOGGERS = ("sqlalchemy", "httpcore")


def logging_config(log_level: str) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of the server process (and of each worker): our own
    records at `log_level`; the libraries' (alembic's migration steps, uvicorn's lifecycle,
    httpx) only when debugging, their warnings and errors always. Two libraries stay at
    WARNING even then, because their debug records carry data: SQLAlchemy's engine logs
    the rows it fetches (argon2 hashes, ciphertexts) and httpcore the raw headers of the
    server's own outbound calls (credentials of dynamic-secret providers)."""
    level = log_level.upper()
    libraries = level if level == "DEBUG" else max(level, "WARNING", key=logging.getLevelName)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": libraries, "handlers": ["stderr"]},
        "loggers": {
            "infisical_kit": {"level": level},
            "uvicorn.error": {"level": libraries},
            "uvicorn.access": {"level": level},
            **{name: {"level": "WARNING"} for name in QUIET_LOGGERS},
        },
    }


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (port 0: any free one), for uvicorn to listen on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise AddressInUseError(
                f"{host}:{port} is already in use; pick another --port"
            ) from None
        raise RuntimeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def public_url(host: str, port: int) -> str:
    """The URL clients on this machine use (a wildcard address becomes loopback)."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def ready_message(url: str, settings: ServerSettings, *, dev: bool, workers: int = 1) -> str:
    """The block printed once the server listens."""
    data_dir = settings.data_dir.resolve()
    database = make_url(settings.resolved_database_url)
    if database.get_backend_name() == "sqlite":
        where = f"SQLite, {database.database}"
    else:
        where = f"PostgreSQL, {database.render_as_string(hide_password=True)}"
    lines = [
        f"infisical-kit server ready at {url}",
        f"  data directory  {data_dir}",
        f"  database        {where}",
        *([f"  workers         {workers} processes"] if workers > 1 else []),
        f'  credentials     eval "$(infisical-kit bootstrap --data-dir {data_dir} --format env)"',
    ]
    if dev:
        lines.append(f"                  (dev mode: also in {settings.bootstrap_path.resolve()})")
    lines += [
        f"  console         {url}/  (admin login: admin_email, admin_password of bootstrap --json)",
        f"  API docs        {url}/api/docs",
        "Stop it with Ctrl+C.",
    ]
    return "\n".join(lines)


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that calls `announce` once its sockets listen."""

    def __init__(self, config: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's start-up, then the announcement."""
        await super().startup(sockets=sockets)
        if self.started and not self.should_exit:
            self._announce()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown, then say so (before uvicorn re-raises a caught signal)."""
        await super().shutdown(sockets=sockets)
        _say_stopped()


def _say_stopped() -> None:
    print("infisical-kit server stopped", file=sys.stderr, flush=True)


def _announce_when_answering(url: str, announce: Callable[[], None]) -> None:
    """For worker processes: announce once ``/api/status`` answers (checked in a thread)."""

    def poll() -> None:
        deadline = time.monotonic() + 120
        with httpx.Client(timeout=2.0) as http:
            while time.monotonic() < deadline:
                try:
                    if http.get(f"{url}/api/status").status_code == 200:
                        announce()
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)  # workers are starting; readiness is decided by /api/status

    threading.Thread(target=poll, name="announce-ready", daemon=True).start()


def _run(
    sock: socket.socket,
    settings: ServerSettings,
    workers: int,
    access_log: bool,
    log_config: dict[str, Any],
    url: str,
    *,
    dev: bool,
) -> None:
    """Serve on the bound `sock` until stopped; announce once listening."""

    def announce() -> None:
        (settings.data_dir / URL_FILE).write_text(url + "\n", encoding="utf-8")
        message = ready_message(url, settings, dev=dev, workers=workers)
        print(message, file=sys.stderr, flush=True)

    options: dict[str, Any] = {
        "log_config": log_config,
        "log_level": None,  # the levels come from log_config
        "access_log": access_log,
        # X-Forwarded-* only from the configured proxies (uvicorn trusts loopback by default).
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": settings.forwarded_allow_ips or None,
        "header_timeout": settings.header_timeout,
        "max_connections": settings.max_connections,
    }
    if workers > 1:
        # Workers are fresh processes: hand them the settings through the environment.
        os.environ.update(settings.to_env())
        config = GuardedConfig(
            "infisical_kit.server.app:create_app_from_env", factory=True, workers=workers, **options
        )
        _announce_when_answering(url, announce)
        Multiprocess(config, sockets=[sock]).run()
        _say_stopped()
    else:
        config = GuardedConfig(create_app(settings), **options)
        _AnnouncingServer(config, announce).run(sockets=[sock])


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    data_dir: str | os.PathLike[str] = DEFAULT_DATA_DIR,
    database_url: str | None = None,
    dev: bool = False,
    workers: int = 1,
    log_level: str = "info",
    *,
    rate_limit_read: int | None = None,
    rate_limit_write: int | None = None,
    rate_limit_secrets: int | None = None,
    max_body_bytes: int | None = None,
    access_log: bool = True,
    forwarded_allow_ips: str | None = None,
    header_timeout: float | None = None,
    max_connections: int | None = None,
) -> None:
    """Run the server (blocking). In dev mode, bootstrap first and write ``bootstrap.json``.

    Raises `AddressInUseError` when `host`:`port` is taken. The access log is written only
    with ``log_level`` debug, and never when ``access_log`` is false. ``rate_limit_*`` are
    requests per minute per client IP (0 disables; dev mode has none unless set);
    ``workers`` > 1 runs that many uvicorn worker processes on one database.
    ``forwarded_allow_ips``: the proxies whose ``X-Forwarded-For`` names the client (default:
    none, every request is counted against its socket's address); ``header_timeout``: seconds
    a client has to send a request's headers; ``max_connections``: open connections per
    process (see ``connections.py``).
    """
    log_config = logging_config(log_level)
    logging.config.dictConfig(log_config)
    # One access-log line per request costs more than a cached read: only when debugging.
    access_log = access_log and log_level.lower() == "debug"
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    settings = ServerSettings.from_env(
        data_dir=data_dir,
        database_url=database_url,
        dev=dev,
        rate_limit_read=rate_limit_read,
        rate_limit_write=rate_limit_write,
        rate_limit_secrets=rate_limit_secrets,
        max_body_bytes=max_body_bytes,
        forwarded_allow_ips=forwarded_allow_ips,
        header_timeout=header_timeout,
        max_connections=max_connections,
    )
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    warn_if_shared(settings.data_dir)
    settings.load_root_key()  # fail fast with a clear message when no key is available
    sock = bind(host, port)  # before the migrations: a taken port fails at once
    try:
        url = public_url(host, sock.getsockname()[1])
        if dev:
            write_bootstrap_file(settings, bootstrap(settings))
        _run(sock, settings, workers, access_log, log_config, url, dev=dev)
    except SystemExit as exc:  # uvicorn's start-up failure (its reason is already logged)
        if exc.code not in (0, None):
            raise RuntimeError("the server could not start (see the messages above)") from None
    except KeyboardInterrupt:  # Ctrl+C: uvicorn re-raises it after a clean shutdown
        pass
    finally:
        sock.close()

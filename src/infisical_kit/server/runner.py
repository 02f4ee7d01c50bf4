"""Entry points used by the CLI: :func:`serve` and :func:`main_bootstrap`."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import uvicorn

from .app import create_app
from .bootstrap import bootstrap
from .settings import ServerSettings, write_private_file

logger = logging.getLogger("infisical_kit.server")

DEFAULT_DATA_DIR = ".infisical-kit-data"


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
) -> None:
    """Run the server (blocking). In dev mode, bootstrap first and write ``bootstrap.json``.

    The access log is written only with ``log_level`` debug (or trace), and never when
    ``access_log`` is false. ``rate_limit_*`` are requests per minute per client IP
    (0 disables; dev mode has none unless set); ``workers`` > 1 runs that many uvicorn
    worker processes on one database.
    """
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    # One access-log line per request costs more than a cached read: only when debugging.
    access_log = access_log and log_level.lower() in ("debug", "trace")
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
    )
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.load_root_key()  # fail fast with a clear message when no key is available
    if dev:
        path = write_bootstrap_file(settings, bootstrap(settings))
        logger.info("dev mode: bootstrap credentials in %s", path)
    if workers > 1:
        # Workers are fresh processes: hand them the settings through the environment.
        os.environ.update(settings.to_env())
        uvicorn.run(
            "infisical_kit.server.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            access_log=access_log,
        )
        return
    uvicorn.run(
        create_app(settings), host=host, port=port, log_level=log_level, access_log=access_log
    )

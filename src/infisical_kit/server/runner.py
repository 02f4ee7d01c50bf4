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
from .settings import ENV_DATA_DIR, ENV_DATABASE_URL, ENV_DEV, ServerSettings, write_private_file

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
) -> None:
    """Run the server (blocking). In dev mode, bootstrap first and write ``bootstrap.json``."""
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings = ServerSettings.from_env(data_dir=data_dir, database_url=database_url, dev=dev)
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings.load_root_key()  # fail fast with a clear message when no key is available
    if dev:
        path = write_bootstrap_file(settings, bootstrap(settings))
        logger.info("dev mode: bootstrap credentials in %s", path)
    if workers > 1:
        os.environ[ENV_DATA_DIR] = str(settings.data_dir.resolve())
        if database_url:
            os.environ[ENV_DATABASE_URL] = database_url
        os.environ[ENV_DEV] = "1" if dev else "0"
        uvicorn.run(
            "infisical_kit.server.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
        )
        return
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)

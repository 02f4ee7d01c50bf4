"""``infisical-kit server`` and ``infisical-kit bootstrap``: run and seed the local server."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

SERVER_EXTRA_HINT = "the server needs the [server] extra: pip install 'infisical-kit[server]'"


def default_data_dir() -> Path:
    """Where the server keeps its data when ``--data-dir`` is not given."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "infisical-kit"


def _runner() -> Any:
    try:
        from infisical_kit.server import runner
    except ImportError as exc:  # the [server] extra is not installed
        raise click.ClickException(f"{SERVER_EXTRA_HINT} ({exc.name} is missing)") from None
    return runner


_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the SQLite database, root key and bootstrap.json "
    "[default: $XDG_DATA_HOME/infisical-kit].",
)
_database_url_option = click.option(
    "--database-url",
    envvar="INFISICAL_KIT_DATABASE_URL",
    default=None,
    help="SQLAlchemy URL of a PostgreSQL database (env INFISICAL_KIT_DATABASE_URL) "
    "[default: SQLite in the data directory].",
)


@click.command("server")
@_data_dir_option
@_database_url_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--dev",
    is_flag=True,
    help="Development mode: generate a root key in the data directory, bootstrap a project "
    "and machine identity on first start (written to DATA_DIR/bootstrap.json), no rate limits.",
)
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
@click.option(
    "--rate-limit-read",
    type=int,
    default=None,
    metavar="N",
    help="Read requests per minute per client IP (0 = unlimited; default 60, none in --dev).",
)
@click.option(
    "--rate-limit-write",
    type=int,
    default=None,
    metavar="N",
    help="Write requests per minute per client IP (0 = unlimited; default 200, none in --dev).",
)
@click.option(
    "--rate-limit-secrets",
    type=int,
    default=None,
    metavar="N",
    help="Secrets/folders requests per minute per client IP "
    "(0 = unlimited; default 60, none in --dev).",
)
@click.option(
    "--max-body-bytes",
    type=int,
    default=None,
    metavar="N",
    help="Largest accepted request body (default 1 MiB; larger is a 413).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
def server_command(
    data_dir: Path | None,
    database_url: str | None,
    host: str,
    port: int,
    dev: bool,
    workers: int,
    rate_limit_read: int | None,
    rate_limit_write: int | None,
    rate_limit_secrets: int | None,
    max_body_bytes: int | None,
    log_level: str,
) -> None:
    """Run the local Infisical-compatible server.

    Outside --dev the root key comes from INFISICAL_KIT_ROOT_KEY (base64 of 32 bytes) or the
    file named by INFISICAL_KIT_ROOT_KEY_FILE; the server refuses to start without one.
    """
    runner = _runner()
    try:
        runner.serve(
            host=host,
            port=port,
            data_dir=data_dir or default_data_dir(),
            database_url=database_url,
            dev=dev,
            workers=workers,
            log_level=log_level,
            rate_limit_read=rate_limit_read,
            rate_limit_write=rate_limit_write,
            rate_limit_secrets=rate_limit_secrets,
            max_body_bytes=max_body_bytes,
        )
    except (ValueError, OSError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None


@click.command("bootstrap")
@_data_dir_option
@_database_url_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
def bootstrap_command(data_dir: Path | None, database_url: str | None, as_json: bool) -> None:
    """Create (once) an admin, a project with dev/staging/prod and a machine identity.

    Idempotent: running it again prints the same project and credentials. The output
    contains a client secret and a password; keep it private.
    """
    runner = _runner()
    try:
        result: dict[str, Any] = runner.main_bootstrap(
            data_dir=data_dir or default_data_dir(), database_url=database_url
        )
    except (ValueError, OSError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result, indent=2, sort_keys=True))
        return
    click.echo(f"project      {result['project_slug']} ({result['project_id']})")
    click.echo(f"environments {', '.join(result['environments'])}")
    click.echo(f"client id    {result['client_id']}")
    click.echo("client secret and admin password: run again with --json to print them")

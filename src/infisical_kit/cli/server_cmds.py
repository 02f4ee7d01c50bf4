"""``infisical-kit server`` and ``infisical-kit bootstrap``: run and seed the local server."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from infisical_kit.cli.formats import render

__all__ = ["bootstrap_command", "bootstrap_variables", "default_data_dir", "server_command"]

SERVER_EXTRA_HINT = (
    "the server needs the [server] extra: pip install 'infisical-kit[server]' "
    "(in a checkout: pip install '.[server]')"
)


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
    "--forwarded-allow-ips",
    default=None,
    metavar="IPS",
    help="Proxies (comma-separated addresses or networks, * for any) whose X-Forwarded-For "
    "names the client for rate limits and logs (env INFISICAL_KIT_FORWARDED_ALLOW_IPS; "
    "default: none, the socket's address counts).",
)
@click.option(
    "--header-timeout",
    type=float,
    default=None,
    metavar="SECONDS",
    help="Time a client has to send a request's headers; later is a 408 and the connection "
    "is closed (env INFISICAL_KIT_HEADER_TIMEOUT; default 10).",
)
@click.option(
    "--max-connections",
    type=int,
    default=None,
    metavar="N",
    help="Open connections per process; at the cap a new one evicts the slowest connection "
    "still sending headers, or gets a 503 (env INFISICAL_KIT_MAX_CONNECTIONS; default 1000).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="info: warnings, errors and the ready message; debug: also migrations, "
    "start-up steps and one access-log line per request.",
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
    forwarded_allow_ips: str | None,
    header_timeout: float | None,
    max_connections: int | None,
    log_level: str,
) -> None:
    """Run the local Infisical-compatible server.

    \b
    Examples:
      infisical-kit server --dev                         # SQLite, root key generated
      infisical-kit server --dev --data-dir ./data --port 8081
      infisical-kit server --database-url postgresql://app@db/infisical --workers 4

    Once it listens it prints "ready", its URL, data directory and how to get credentials
    (infisical-kit bootstrap). Outside --dev the root key comes from INFISICAL_KIT_ROOT_KEY
    (base64 of 32 bytes) or the file named by INFISICAL_KIT_ROOT_KEY_FILE; the server refuses
    to start without one. Exit code 3: the address is already in use.
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
            forwarded_allow_ips=forwarded_allow_ips,
            header_timeout=header_timeout,
            max_connections=max_connections,
        )
    except runner.AddressInUseError as exc:
        raise AddressInUse(str(exc)) from None
    except (ValueError, OSError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None


class AddressInUse(click.ClickException):
    """The server's address is taken (exit code 3, documented in ``--help``)."""

    exit_code = 3


def bootstrap_variables(record: dict[str, Any], site_url: str) -> dict[str, str]:
    """The ``INFISICAL_*`` variables a client needs for the bootstrapped project."""
    return {
        "INFISICAL_DOMAIN": site_url,
        "INFISICAL_PROJECT_ID": record["project_id"],
        "INFISICAL_ENVIRONMENT": record["environments"][0] if record["environments"] else "dev",
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": record["client_id"],
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": record["client_secret"],
    }


@click.command("bootstrap")
@_data_dir_option
@_database_url_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "env", "dotenv", "json"]),
    default="text",
    show_default=True,
    help="text: a summary without secrets; env: export lines for eval; dotenv: a .env file; "
    "json: the whole record.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="INFISICAL_DOMAIN for --format env/dotenv [default: the URL the server last "
    "listened on with this data directory, else http://127.0.0.1:8080].",
)
def bootstrap_command(
    data_dir: Path | None,
    database_url: str | None,
    fmt: str,
    as_json: bool,
    site_url: str | None,
) -> None:
    """Create (once) an admin, a project with dev/staging/prod and a machine identity.

    \b
    Examples:
      eval "$(infisical-kit bootstrap --format env)"     # then: infisical-kit run -- ...
      infisical-kit bootstrap --data-dir ./data --format dotenv > .env
      infisical-kit bootstrap --json | jq -r .client_id

    Idempotent: running it again prints the same project and credentials. The env, dotenv
    and json formats contain the client secret (json also the admin password): keep them
    private. env and dotenv set INFISICAL_DOMAIN, INFISICAL_PROJECT_ID, INFISICAL_ENVIRONMENT
    (dev), INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET.
    """
    runner = _runner()
    data_dir = data_dir or default_data_dir()
    try:
        result: dict[str, Any] = runner.main_bootstrap(data_dir=data_dir, database_url=database_url)
    except (ValueError, OSError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from None
    fmt = "json" if as_json else fmt
    site_url = site_url or runner.last_url(data_dir) or "http://127.0.0.1:8080"
    variables = bootstrap_variables(result, site_url)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, sort_keys=True))
    elif fmt in ("env", "dotenv"):
        click.echo(render(variables, "shell" if fmt == "env" else "dotenv")[0], nl=False)
    else:
        click.echo(f"site         {site_url}")
        click.echo(f"project      {result['project_slug']} ({result['project_id']})")
        click.echo(f"environments {', '.join(result['environments'])}")
        click.echo(f"client id    {result['client_id']}")
        click.echo(
            f'credentials  eval "$(infisical-kit bootstrap --data-dir {Path(data_dir).resolve()}'
            ' --format env)"'
        )

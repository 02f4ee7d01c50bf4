"""``infisical-kit secrets list|get|set|delete``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from infisical_kit.cli._common import CliError, make_client, scope_options
from infisical_kit.errors import NotFoundError
from infisical_kit.models import Secret

__all__ = ["secrets_group"]

HIDDEN = "********"


def _row(secret: Secret, reveal: bool) -> dict[str, Any]:
    return {
        "key": secret.key,
        "value": secret.value if reveal else None,
        "comment": secret.comment,
        "version": secret.version,
        "type": secret.type,
    }


def _table(secrets: list[Secret], reveal: bool) -> str:
    rows = [("KEY", "VALUE", "COMMENT")] + [
        (s.key, _one_line(s.value) if reveal else HIDDEN, _one_line(s.comment)) for s in secrets
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(
        f"{key.ljust(widths[0])}  {value.ljust(widths[1])}  {comment}".rstrip()
        for key, value, comment in rows
    )


def _one_line(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


@click.group("secrets")
def secrets_group() -> None:
    """List, read, create/update and delete secrets (values hidden unless --reveal)."""


@secrets_group.command("list")
@scope_options
@click.option("--reveal", is_flag=True, help="Show the values.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (for scripts).")
@click.option("--include-imports", is_flag=True, help="Also list imported secrets.")
@click.pass_context
def list_command(ctx: click.Context, reveal: bool, as_json: bool, include_imports: bool) -> None:
    """List the secrets of a folder (a table; values hidden unless --reveal)."""
    with make_client(ctx) as client:
        secrets = sorted(
            client.secrets.list(include_imports=include_imports, view_secret_value=reveal),
            key=lambda s: s.key,
        )
    if as_json:
        click.echo(json.dumps([_row(s, reveal) for s in secrets], indent=2))
    elif secrets:
        click.echo(_table(secrets, reveal))
    else:
        click.echo("no secrets", err=True)


@secrets_group.command("get")
@scope_options
@click.argument("name")
@click.option("--plain", is_flag=True, help="Print only the value (no newline unless a tty).")
@click.option("--reveal", is_flag=True, help="Show the value in the table or JSON.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def get_command(ctx: click.Context, name: str, plain: bool, reveal: bool, as_json: bool) -> None:
    """Print one secret; `--plain` prints only its value, for $(...)."""
    with make_client(ctx) as client:
        secret = client.secrets.get(name)
    if plain:
        click.echo(secret.value, nl=sys.stdout.isatty())
    elif as_json:
        click.echo(json.dumps(_row(secret, reveal), indent=2))
    else:
        click.echo(_table([secret], reveal))


@secrets_group.command("set")
@scope_options
@click.argument("assignments", nargs=-1, required=True, metavar="NAME=VALUE...")
@click.option("--comment", default=None, help="Comment stored with each secret.")
@click.pass_context
def set_command(ctx: click.Context, assignments: tuple[str, ...], comment: str | None) -> None:
    """Create or update secrets: `set DB_USER=app DB_PASS=...` (values are not echoed)."""
    pairs: list[tuple[str, str]] = []
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:  # no "=": the argument holds no value, safe to show
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="NAME=VALUE")
        if not name:
            raise click.BadParameter("a NAME is missing before '='", param_hint="NAME=VALUE")
        pairs.append((name, value))
    with make_client(ctx) as client:
        for name, value in pairs:
            try:
                client.secrets.update(name, value, comment=comment)
                action = "updated"
            except NotFoundError:
                client.secrets.create(name, value, comment=comment)
                action = "created"
            click.echo(f"{name}: {action}")


@secrets_group.command("delete")
@scope_options
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.pass_context
def delete_command(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Delete secrets by name (an error if one does not exist)."""
    with make_client(ctx) as client:
        for name in names:
            try:
                client.secrets.delete(name)
            except NotFoundError:
                raise CliError(f"secret {name!r} not found") from None
            click.echo(f"{name}: deleted")

"""``infisical-kit secrets list|get|set|delete``."""

from __future__ import annotations

import json
import sys
from typing import Any, BinaryIO

import click

from infisical_kit.cli._common import CliError, global_options, make_client
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
    """List, read, create/update and delete secrets (values hidden unless --reveal).

    \b
    Examples:
      infisical-kit secrets list --env dev
      infisical-kit secrets get DB_URL --plain
      printf %s "$DB_PASSWORD" | infisical-kit secrets set DB_PASSWORD
      infisical-kit secrets delete OLD_KEY
    """


@secrets_group.command("list")
@global_options
@click.option("--reveal", is_flag=True, help="Show the values.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (for scripts).")
@click.option("--include-imports", is_flag=True, help="Also list imported secrets.")
@click.pass_context
def list_command(ctx: click.Context, reveal: bool, as_json: bool, include_imports: bool) -> None:
    """List the secrets of a folder (a table; values hidden unless --reveal).

    \b
    Examples:
      infisical-kit secrets list
      infisical-kit secrets list --env prod --path /api --reveal --json
    """
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
@global_options
@click.argument("name")
@click.option("--plain", is_flag=True, help="Print only the value (no newline unless a tty).")
@click.option("--reveal", is_flag=True, help="Show the value in the table or JSON.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def get_command(ctx: click.Context, name: str, plain: bool, reveal: bool, as_json: bool) -> None:
    """Print one secret (value hidden unless --reveal); --plain prints only its value.

    \b
    Examples:
      infisical-kit secrets get DB_URL
      DB_URL="$(infisical-kit secrets get DB_URL --plain)"
    """
    with make_client(ctx) as client:
        secret = client.secrets.get(name)
    if plain:
        click.echo(secret.value, nl=sys.stdout.isatty())
    elif as_json:
        click.echo(json.dumps(_row(secret, reveal), indent=2))
    else:
        click.echo(_table([secret], reveal))


@secrets_group.command("set")
@global_options
@click.argument("assignments", nargs=-1, required=True, metavar="NAME[=VALUE]...")
@click.option(
    "--from-file",
    type=click.File("rb"),
    default=None,
    metavar="PATH",
    help="Read the value of the one NAME from this file, as is ('-' for stdin).",
)
@click.option("--comment", default=None, help="Comment stored with each secret.")
@click.pass_context
def set_command(
    ctx: click.Context,
    assignments: tuple[str, ...],
    from_file: BinaryIO | None,
    comment: str | None,
) -> None:
    """Create or update secrets; prints NAME: created|updated, never a value.

    \b
    Examples:
      printf %s "$TOKEN" | infisical-kit secrets set API_TOKEN     # value from stdin
      infisical-kit secrets set TLS_CERT --from-file cert.pem
      infisical-kit secrets set DB_USER=app LOG_LEVEL=debug

    A bare NAME reads its value from stdin (one trailing newline removed; a hidden prompt
    when stdin is a terminal) or from --from-file (as is). Values given as NAME=VALUE are
    visible to other users of this machine in `ps` and in the shell history: use stdin or
    --from-file for anything secret.
    """
    pairs = _assignments(assignments, from_file)
    with make_client(ctx) as client:
        for name, value in pairs:
            try:
                client.secrets.update(name, value, comment=comment)
                action = "updated"
            except NotFoundError:
                client.secrets.create(name, value, comment=comment)
                action = "created"
            click.echo(f"{name}: {action}")


def _assignments(arguments: tuple[str, ...], from_file: BinaryIO | None) -> list[tuple[str, str]]:
    """``(name, value)`` pairs; the one bare NAME gets the value of the file or stdin."""
    pairs: list[tuple[str, str]] = []
    bare: list[str] = []
    for item in arguments:
        name, sep, value = item.partition("=")
        if not name:  # "=value": never shown, it may be a secret
            raise click.BadParameter("a NAME is missing before '='", param_hint="NAME=VALUE")
        if sep:
            pairs.append((name, value))
        else:
            bare.append(name)
    if from_file is not None and (len(bare) != 1 or pairs):
        raise click.UsageError("--from-file sets exactly one secret: give one NAME without =")
    if len(bare) > 1:
        raise click.UsageError(
            f"only one NAME can read its value from stdin (got {', '.join(bare)}); "
            "give the others as NAME=VALUE or set them one at a time"
        )
    if bare:
        pairs.append((bare[0], _read_value(bare[0], from_file)))
    return pairs


def _read_value(name: str, from_file: BinaryIO | None) -> str:
    if from_file is not None:
        return _decode(from_file.read(), name)
    if sys.stdin.isatty():
        value: str = click.prompt(f"Value of {name}", hide_input=True, err=True)
        return value
    data = sys.stdin.buffer.read()
    if not data:
        raise click.UsageError(
            f"no value for {name}: pipe it on stdin, or use --from-file PATH or {name}=VALUE"
        )
    text = _decode(data, name)
    return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(f"the value for {name} is not UTF-8 text") from None


@secrets_group.command("delete")
@global_options
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.pass_context
def delete_command(ctx: click.Context, names: tuple[str, ...]) -> None:
    """Delete secrets by name (an error if one does not exist).

    \b
    Examples:
      infisical-kit secrets delete OLD_KEY
      infisical-kit secrets delete A B --env staging
    """
    with make_client(ctx) as client:
        for name in names:
            try:
                client.secrets.delete(name)
            except NotFoundError:
                raise CliError(f"secret {name!r} not found") from None
            click.echo(f"{name}: deleted")

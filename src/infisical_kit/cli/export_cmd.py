"""``infisical-kit export``: print the secrets as dotenv, JSON, YAML or shell."""

from __future__ import annotations

import click

from infisical_kit.cli._common import CliError, scope_options
from infisical_kit.cli.formats import FORMATS, InvalidKeyError, render
from infisical_kit.cli.run_cmd import expand_option, secrets_as_environ

__all__ = ["export_command"]


@click.command("export")
@scope_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="dotenv",
    show_default=True,
    help='dotenv: KEY="escaped"; json: one object; yaml: double-quoted scalars; '
    "shell: export KEY='quoted'.",
)
@click.option(
    "--include-imports/--no-include-imports",
    default=True,
    show_default=True,
    help="Also export secrets imported into the folder.",
)
@expand_option
@click.pass_context
def export_command(ctx: click.Context, fmt: str, include_imports: bool, expand: bool) -> None:
    """Print the secrets of a folder in a file format (values included).

    \b
      infisical-kit export --env prod --format dotenv > .env
      eval "$(infisical-kit export --format shell)"

    dotenv values with ${...} are literal only to loaders with interpolation off
    (python-dotenv: interpolate=False).
    """
    secrets = secrets_as_environ(ctx, include_imports=include_imports, expand=expand)
    try:
        text = render(dict(sorted(secrets.items())), fmt)
    except InvalidKeyError as exc:
        raise CliError(str(exc)) from None
    click.echo(text, nl=False)

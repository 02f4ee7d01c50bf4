"""``infisical-kit export``: print the secrets as dotenv, JSON, YAML or shell."""

from __future__ import annotations

import click

from infisical_kit._core.kinds import ExportFormat
from infisical_kit.cli._common import global_options
from infisical_kit.cli.formats import FORMATS, render, skipped_warning
from infisical_kit.cli.run_cmd import expand_option, fetch_secrets

__all__ = ["export_command"]


@click.command("export")
@global_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="dotenv",
    show_default=True,
    help="dotenv: KEY='value' (safe to source in bash, read by python-dotenv); json: one "
    "object; yaml: double-quoted scalars; shell: export KEY='value'.",
)
@click.option(
    "--include-imports/--no-include-imports",
    default=True,
    show_default=True,
    help="Also export secrets imported into the folder.",
)
@expand_option
@click.pass_context
def export_command(
    ctx: click.Context, fmt: ExportFormat, include_imports: bool, expand: bool
) -> None:
    """Print the secrets of a folder in a file format (values included).

    \b
    Examples:
      infisical-kit export --env prod > .env
      infisical-kit export --format json | jq .
      eval "$(infisical-kit export --format shell)"

    Secrets that cannot be variables in the chosen format (a name like A=B, or my-key for
    dotenv and shell) are left out with one warning line on stderr; the exit status stays 0.
    python-dotenv expands ${VAR} inside values unless interpolate=False.
    """
    fetched = fetch_secrets(ctx, include_imports=include_imports, expand=expand)
    text, skipped = render(dict(sorted(fetched.secrets.items())), fmt)
    skipped = fetched.skipped + skipped
    if skipped:
        click.echo(skipped_warning(sorted(skipped)), err=True)
    click.echo(text, nl=False)

"""The ``infisical-kit`` command line (click).

Exit codes: 0 success; 1 an error, reported as one ``error: ...`` line on stderr (never a
traceback); 2 a usage error; 3 ``server``: its address is already in use; ``run`` exits with
its command's code (128+N when the command was killed by signal N, 127 when it was not found).
"""

from __future__ import annotations

import sys

import click

from infisical_kit.cli._common import (
    CliError,
    configure_logging,
    describe_error,
    global_options,
    one_line,
    options_of,
)
from infisical_kit.cli.export_cmd import export_command
from infisical_kit.cli.init_cmd import init_command
from infisical_kit.cli.login_cmds import login_command, logout_command, whoami_command
from infisical_kit.cli.run_cmd import run_command
from infisical_kit.cli.secrets_cmds import secrets_group
from infisical_kit.cli.server_cmds import bootstrap_command, server_command
from infisical_kit.errors import InfisicalError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="infisical-kit", prog_name="infisical-kit")
@global_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """infisical-kit: Infisical-compatible secrets for Python (SDK, local server, CLI).

    \b
    Examples:
      infisical-kit server --dev                  # a local server (SQLite)
      eval "$(infisical-kit bootstrap --format env)"
      infisical-kit run -- python app.py          # secrets as environment variables

    Settings come, by precedence, from the options (before or after the command name),
    the INFISICAL_* environment, the profile files, .infisical.json and the `login`
    session, as for the SDK's Client.

    \b
    Exit codes: 0 ok; 1 error (one "error: ..." line on stderr); 2 usage error;
    3 `server`: the address is already in use;
    `run` exits with its command's code (128+N if killed by signal N, 127 if not found).
    """
    configure_logging(options_of(ctx).verbose)


for command in (
    run_command,
    export_command,
    secrets_group,
    init_command,
    login_command,
    logout_command,
    whoami_command,
    server_command,
    bootstrap_command,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the ``infisical-kit`` console script."""
    try:
        code = cli.main(prog_name="infisical-kit", standalone_mode=False)
    except click.UsageError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        CliError(one_line(exc.format_message())).show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(1)
    except InfisicalError as exc:
        click.echo(f"error: {describe_error(exc)}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

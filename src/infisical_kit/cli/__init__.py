"""The ``infisical-kit`` command line (click).

Exit codes: 0 success; 1 an error, reported as one ``error: ...`` line on stderr (never a
traceback); 2 a usage error; ``run`` exits with its command's code (128+N when the command was
killed by signal N, 127 when it was not found).
"""

from __future__ import annotations

import logging
import sys

import click

from infisical_kit.cli._common import CliError, GlobalOptions, one_line
from infisical_kit.cli.export_cmd import export_command
from infisical_kit.cli.login_cmds import login_command, logout_command, whoami_command
from infisical_kit.cli.run_cmd import run_command
from infisical_kit.cli.secrets_cmds import secrets_group
from infisical_kit.cli.server_cmds import bootstrap_command, server_command
from infisical_kit.errors import InfisicalError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="infisical-kit", prog_name="infisical-kit")
@click.option("--domain", default=None, help="Server URL [env INFISICAL_DOMAIN; default: "
              "the login session's site, else https://app.infisical.com].")  # fmt: skip
@click.option("--token", default=None, help="A static access token [env INFISICAL_TOKEN].")
@click.option(
    "--profile", default=None, help="Profile of the config files [env INFISICAL_PROFILE]."
)
@click.option("--project", default=None, help="Project id [env INFISICAL_PROJECT_ID].")
@click.option("--env", default=None, help="Environment slug [env INFISICAL_ENVIRONMENT].")
@click.option("--path", default=None, help="Secret path [env INFISICAL_SECRET_PATH; default /].")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log the SDK's retries and requests on stderr (-v info, -vv debug; redacted).",
)
@click.pass_context
def cli(
    ctx: click.Context,
    domain: str | None,
    token: str | None,
    profile: str | None,
    project: str | None,
    env: str | None,
    path: str | None,
    verbose: int,
) -> None:
    """infisical-kit: Infisical-compatible secrets for Python (SDK, local server, CLI).

    Settings come, by precedence, from these options, the INFISICAL_* environment, the
    profile files, .infisical.json and the `login` session, as for the SDK's Client.

    \b
    Exit codes: 0 ok; 1 error (one "error: ..." line on stderr); 2 usage error;
    `run` exits with its command's code (128+N if killed by signal N, 127 if not found).
    """
    ctx.obj = GlobalOptions(domain, token, profile, project, env, path)
    logger = logging.getLogger("infisical_kit")
    if verbose:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    else:  # errors reach the user as one "error:" line, not as log records
        logger.addHandler(logging.NullHandler())


for command in (
    run_command,
    export_command,
    secrets_group,
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
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

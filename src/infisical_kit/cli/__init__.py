"""The ``infisical-kit`` command line.

Exit codes: 0 success, 1 an error reported on stderr (one line, never a traceback),
2 a usage error (click's convention).
"""

from __future__ import annotations

import click

from infisical_kit.cli.server_cmds import bootstrap_command, server_command

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="infisical-kit", prog_name="infisical-kit")
def cli() -> None:
    """infisical-kit: Infisical-compatible secrets for Python (SDK, local server, CLI)."""


cli.add_command(server_command)
cli.add_command(bootstrap_command)


def main() -> None:
    """Entry point of the ``infisical-kit`` console script."""
    cli(prog_name="infisical-kit")

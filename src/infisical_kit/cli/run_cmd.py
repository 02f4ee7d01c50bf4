"""``infisical-kit run -- CMD ARGS...``: run a command with the secrets in its environment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Any

import click

from infisical_kit.cli._common import CliError, global_options, make_client
from infisical_kit.cli.formats import Skipped, skipped_warning, usable_as_environ
from infisical_kit.models import Secret

__all__ = ["Fetched", "child_environment", "fetch_secrets", "run_command"]

FORWARDED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


expand_option = click.option(
    "--expand/--no-expand",
    default=True,
    show_default=True,
    help="Expand secret references such as ${OTHER} and ${env.path.KEY}.",
)


@dataclass(frozen=True)
class Fetched:
    """The secrets of one scope as ``{KEY: value}``, those that cannot be environment
    variables (`skipped`), and where they came from (`origin`, for messages)."""

    secrets: dict[str, str]
    skipped: Skipped
    origin: str


def fetch_secrets(
    ctx: click.Context, *, include_imports: bool = True, expand: bool = True
) -> Fetched:
    """The secrets of the resolved scope (``${REF}`` expanded if `expand`)."""
    with make_client(ctx) as client:
        listed: list[Secret] = client.secrets.list(
            include_imports=include_imports, expand_secret_references=expand
        )
        scope = client.default_scope
        origin = (
            f"project {scope.project_id}, environment {scope.environment}, "
            f"path {scope.secret_path} ({client.site_url})"
        )
    secrets, skipped = usable_as_environ({secret.key: secret.value for secret in listed})
    return Fetched(secrets, skipped, origin)


def child_environment(
    base: Mapping[str, str], secrets: Mapping[str, str], *, override: bool
) -> dict[str, str]:
    """`base` plus `secrets`; a variable already in `base` wins unless `override`."""
    env = dict(base)
    for key, value in secrets.items():
        if override or key not in env:
            env[key] = value
    return env


class CommandNotFound(CliError):
    """The command to run does not exist (exit code 127, as in shells)."""

    exit_code = 127


class CannotRun(CliError):
    """The command to run exists but cannot be executed (exit code 126, as in shells)."""

    exit_code = 126


def _terminal_already_delivers_sigint() -> bool:
    # Ctrl-C in a terminal signals the whole foreground process group, child included:
    # forwarding it as well would deliver it twice.
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, AttributeError, ValueError):
        return False


def run_child(argv: list[str], env: Mapping[str, str], started: str | None = None) -> int:
    """Run `argv`, forwarding SIGINT/SIGTERM/SIGHUP; its exit code (128+N if killed by N).
    `started` is said on stderr once the command runs."""
    try:
        child = subprocess.Popen(argv, env=dict(env))
    except FileNotFoundError:
        raise CommandNotFound(f"command not found: {argv[0]}") from None
    except OSError:
        raise CannotRun(f"cannot run: {argv[0]}") from None
    if started:
        click.echo(started, err=True)

    def forward(signum: int, frame: FrameType | None) -> None:
        if signum == getattr(signal, "SIGINT", None) and _terminal_already_delivers_sigint():
            return
        if child.poll() is None:
            child.send_signal(signum)

    previous: dict[int, Any] = {}
    for signum in FORWARDED:
        previous[signum] = signal.signal(signum, forward)
    try:
        while True:
            try:
                code = child.wait()
                break
            except InterruptedError:  # pragma: no cover - PEP 475 retries for us
                continue
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code


@click.command(
    "run",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@global_options
@click.option(
    "--override",
    is_flag=True,
    help="Secrets replace variables already set in the environment (default: existing win).",
)
@click.option(
    "--include-imports/--no-include-imports",
    default=True,
    show_default=True,
    help="Also inject secrets imported into the folder.",
)
@expand_option
@click.option(
    "-q", "--quiet", is_flag=True, help="Do not say on stderr how many secrets were injected."
)
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
@click.pass_context
def run_command(
    ctx: click.Context,
    override: bool,
    include_imports: bool,
    expand: bool,
    quiet: bool,
    command: tuple[str, ...],
) -> None:
    """Run COMMAND with the secrets injected as environment variables.

    \b
    Examples:
      infisical-kit run --env dev -- python manage.py runserver
      infisical-kit run --project ID --env prod --path /api -- ./start.sh

    Variables already set win over secrets of the same name unless --override. One line on
    stderr says how many secrets were injected and from where (--quiet: none); secrets whose
    names cannot be environment variables (e.g. A=B) are skipped with a warning.
    SIGINT, SIGTERM and SIGHUP are forwarded to COMMAND (SIGINT only when it did not
    already reach COMMAND from the terminal). Exit code: COMMAND's own, 128+N when it was
    killed by signal N, 127 when it is not found, 1 when the secrets cannot be fetched.
    """
    argv = list(command)
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        raise click.UsageError("missing COMMAND after --")
    fetched = fetch_secrets(ctx, include_imports=include_imports, expand=expand)
    if fetched.skipped:
        click.echo(skipped_warning(fetched.skipped), err=True)
    env = child_environment(os.environ, fetched.secrets, override=override)
    message = None if quiet else injected_message(fetched, os.environ, override=override)
    sys.exit(run_child(argv, env, message))


def injected_message(fetched: Fetched, base: Mapping[str, str], *, override: bool) -> str:
    """``infisical-kit: injected N secrets from <origin>`` (and how many were already set)."""
    count = len(fetched.secrets)
    kept = 0 if override else sum(1 for key in fetched.secrets if key in base)
    noun = "secret" if count - kept == 1 else "secrets"
    text = f"infisical-kit: injected {count - kept} {noun} from {fetched.origin}"
    if kept:
        text += f"; {kept} already set in the environment kept (--override replaces them)"
    return text

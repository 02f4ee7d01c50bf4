"""What every SDK-backed command shares: global options, building the `Client`, errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import click

from infisical_kit._core.settings_table import DEFAULT_SITE_URL
from infisical_kit._route_memory import ROUTES, default_route_file
from infisical_kit._sync import Client
from infisical_kit.cli.session import CliSessionProvider, SessionStore
from infisical_kit.config import Config
from infisical_kit.credentials import CredentialChain

__all__ = ["CliError", "GlobalOptions", "make_client", "one_line", "scope_options"]

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """An error reported as one ``error: ...`` line on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        """Print ``error: <message>`` on stderr."""
        click.echo(f"error: {self.format_message()}", err=True)


def one_line(message: str) -> str:
    """`message` on one line (multi-line SDK errors joined with ``; ``)."""
    parts = [part.strip(" -") for part in str(message).splitlines()]
    return "; ".join(part for part in parts if part).replace(":;", ":")


@dataclass(frozen=True)
class GlobalOptions:
    """The group's options; each maps onto a `Client` argument (None = not given)."""

    domain: str | None = None
    token: str | None = None
    profile: str | None = None
    project: str | None = None
    env: str | None = None
    path: str | None = None


def _options(ctx: click.Context) -> GlobalOptions:
    obj = ctx.find_object(GlobalOptions)
    return obj if obj is not None else GlobalOptions()


def scope_options(func: F) -> F:
    """Add ``--project/--env/--path`` to a command; they override the group's options."""

    def set_scope(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.obj = replace(_options(ctx), **{str(param.name): value})

    for name, help_text in (
        ("path", "Secret path (folder) [env INFISICAL_SECRET_PATH, default /]."),
        ("env", "Environment slug, e.g. dev [env INFISICAL_ENVIRONMENT]."),
        ("project", "Project id [env INFISICAL_PROJECT_ID]."),
    ):
        func = click.option(
            f"--{name}",
            name,
            default=None,
            expose_value=False,
            callback=set_scope,
            help=help_text,
        )(func)
    return func


def make_client(ctx: click.Context) -> Client:
    """A `Client` from the options, the environment, the profile, ``.infisical.json`` and the
    stored login session (credential provider ``cli-session``, after the profile). The routes
    a site lacks are remembered in the user's cache directory, so a run against a known
    (older) server does not probe them again."""
    ROUTES.use_file(default_route_file())
    opts = _options(ctx)
    config = Config(profile=opts.profile) if opts.profile else Config()
    site_url = opts.domain
    store = SessionStore()
    if site_url is None and config.site_url.rstrip("/") == DEFAULT_SITE_URL.rstrip("/"):
        session = store.load()
        if session is not None:
            site_url = session.site_url
    config = config.merged(
        site_url=site_url,
        token=opts.token,
        project_id=opts.project,
        environment=opts.env,
        secret_path=opts.path,
    )
    chain = CredentialChain.default(config)
    provider = CliSessionProvider(store)
    if "cli-session" in chain.names:  # the SDK's default chain reads the same store
        chain.remove("cli-session")
    if "infisical-cli" in chain.names:
        chain.insert_before("infisical-cli", provider)
    else:
        chain.append(provider)
    return Client(config=config, credentials=chain, cache_ttl=0)

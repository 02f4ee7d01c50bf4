"""What every SDK-backed command shares: global options, building the `Client`, errors."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import click

from infisical_kit._core.settings_table import DEFAULT_SITE_URL
from infisical_kit._route_memory import ROUTES, default_route_file
from infisical_kit._sync import Client
from infisical_kit.cli.session import CliSessionProvider, SessionStore
from infisical_kit.config import Config
from infisical_kit.credentials import CredentialChain, CredentialsNotFoundError
from infisical_kit.errors import APIError, InfisicalError, TransportError

__all__ = [
    "CliError",
    "GlobalOptions",
    "configure_logging",
    "credential_chain",
    "describe_error",
    "global_options",
    "make_client",
    "one_line",
    "options_of",
    "resolve_config",
]

F = TypeVar("F", bound=Callable[..., Any])

logger = logging.getLogger("infisical_kit.cli")

NO_CREDENTIALS = (
    "no credentials found; run 'infisical-kit login', or set INFISICAL_TOKEN, or "
    "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"
)


#: The server the last client was made for (named in error messages).
_site: list[str] = []


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
    """The global options; each maps onto a `Client` argument (None = not given)."""

    domain: str | None = None
    token: str | None = None
    profile: str | None = None
    project: str | None = None
    env: str | None = None
    path: str | None = None
    verbose: int = 0


def options_of(ctx: click.Context) -> GlobalOptions:
    """The global options given so far (the nearest context's)."""
    obj = ctx.find_object(GlobalOptions)
    return obj if obj is not None else GlobalOptions()


_OPTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("--domain",),
        "Server URL [env INFISICAL_DOMAIN; default: the login session's site, "
        "else https://app.infisical.com].",
    ),
    (("--token",), "A static access token [env INFISICAL_TOKEN; visible in ps, prefer the env]."),
    (("--profile",), "Profile of the config files [env INFISICAL_PROFILE]."),
    (("--project",), "Project id [env INFISICAL_PROJECT_ID, .infisical.json]."),
    (("--env",), "Environment slug, e.g. dev [env INFISICAL_ENVIRONMENT, .infisical.json]."),
    (("--path",), "Secret path (folder) [env INFISICAL_SECRET_PATH; default /]."),
)


def _set_option(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is None or (param.name == "verbose" and not value):
        return
    current = options_of(ctx)
    if param.name == "verbose":
        value = current.verbose + value
        configure_logging(value)
    ctx.obj = replace(current, **{str(param.name): value})


def global_options(func: F) -> F:
    """Add the global options (``--domain``, ``--token``, ``--profile``, ``--project``,
    ``--env``, ``--path``, ``-v``) to a command, so they work before or after its name; given
    after it, they win."""
    func = click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=_set_option,
        help="Log the SDK's requests and retries on stderr (-v info, -vv debug; redacted).",
    )(func)  # fmt: skip
    for decls, help_text in reversed(_OPTIONS):
        func = click.option(
            *decls, default=None, expose_value=False, callback=_set_option, help=help_text
        )(func)
    return func


_installed: list[logging.Handler] = []  # the handler configure_logging added, if any


def configure_logging(verbose: int) -> None:
    """Show the SDK's log records on stderr (-v info, -vv debug); without -v, none."""
    root = logging.getLogger("infisical_kit")
    while _installed:
        root.removeHandler(_installed.pop())
    handler: logging.Handler = logging.NullHandler()
    if verbose:  # else errors reach the user as one "error:" line, not as log records
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    root.addHandler(handler)
    _installed.append(handler)


def resolve_config(opts: GlobalOptions) -> Config:
    """The `Config` the options, the environment, the profile, ``.infisical.json`` and the
    login session's site give."""
    config = Config(profile=opts.profile) if opts.profile else Config()
    site_url = opts.domain
    if site_url is None and config.site_url.rstrip("/") == DEFAULT_SITE_URL.rstrip("/"):
        session = SessionStore().load()
        if session is not None:
            site_url = session.site_url
    return config.merged(
        site_url=site_url,
        token=opts.token,
        project_id=opts.project,
        environment=opts.env,
        secret_path=opts.path,
    )


def credential_chain(config: Config) -> CredentialChain:
    """The SDK's default chain for `config`, with the ``infisical-kit login`` session
    (``cli-session``) before the Infisical CLI's login."""
    chain = CredentialChain.default(config)
    provider = CliSessionProvider(SessionStore())
    if "cli-session" in chain.names:  # the SDK's default chain reads the same store
        chain.remove("cli-session")
    if "infisical-cli" in chain.names:
        chain.insert_before("infisical-cli", provider)
    else:
        chain.append(provider)
    return chain


def _missing_scope(config: Config) -> str | None:
    project, environment = config.project_id, config.environment
    if project and environment:
        return None
    if not project and not environment:
        return (
            "no project and environment given; pass --project ID --env SLUG, set "
            "INFISICAL_PROJECT_ID and INFISICAL_ENVIRONMENT, or run 'infisical-kit init' "
            "to write .infisical.json here"
        )
    if not project:
        return (
            "no project given; pass --project ID, set INFISICAL_PROJECT_ID, or run "
            "'infisical-kit init' to write .infisical.json here"
        )
    return (
        "no environment given; pass --env SLUG (e.g. --env dev), set INFISICAL_ENVIRONMENT, "
        "or set defaultEnvironment in .infisical.json ('infisical-kit init')"
    )


def make_client(ctx: click.Context, *, need_scope: bool = True) -> Client:
    """A `Client` from the options, the environment, the profile, ``.infisical.json`` and the
    stored login session; a short `CliError` naming the next step when the credentials or
    (with `need_scope`) the project or environment are missing. The routes a site lacks are
    remembered in the user's cache directory, so a run against a known (older) server does
    not probe them again."""
    ROUTES.use_file(default_route_file())
    config = resolve_config(options_of(ctx))
    _site[:] = [config.site_url]
    try:
        client = Client(config=config, credentials=credential_chain(config), cache_ttl=0)
    except CredentialsNotFoundError as exc:
        for name, why in exc.attempts:
            logger.info("credential source %s: %s", name, why)
        raise CliError(NO_CREDENTIALS) from None
    if need_scope:
        missing = _missing_scope(config)
        if missing is not None:
            client.close()
            raise CliError(missing)
    return client


def describe_error(exc: InfisicalError) -> str:
    """The one-line message for an SDK error, with the next step where the cause is likely
    a wrong domain (nothing listening there, or a web server that is not Infisical)."""
    message = one_line(str(exc))
    site = _site[0] if _site else "the server"
    where = "check --domain or INFISICAL_DOMAIN"
    if isinstance(exc, TransportError):
        return f"{message}; is the server running? {where}"  # the message names the URL
    if isinstance(exc, APIError) and exc.message.lstrip().startswith("<"):
        return (
            f"{site} answered {exc.method} {exc.path} with HTTP {exc.status_code} and an HTML "
            f"page, not the Infisical API; {where} (the server's base URL)"
        )
    return message

"""``infisical-kit login``, ``logout`` and ``whoami``: the stored session (see `session`)."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

import click

from infisical_kit._sync import Client
from infisical_kit.cli._common import CliError, GlobalOptions
from infisical_kit.cli.session import Session, SessionStore
from infisical_kit.config import Config
from infisical_kit.errors import AuthenticationError, ConfigurationError, InfisicalError

__all__ = ["login_command", "logout_command", "whoami_command"]


def _site_url(ctx: click.Context) -> str:
    opts = ctx.find_object(GlobalOptions) or GlobalOptions()
    if opts.domain:
        return opts.domain
    config = Config(profile=opts.profile) if opts.profile else Config.from_env()
    return config.site_url


@click.command("login")
@click.option(
    "--method",
    type=click.Choice(["universal-auth", "user"]),
    default=None,
    help="universal-auth (machine identity) or user (e-mail and password) "
    "[default: universal-auth when a client id is given, else user].",
)
@click.option(
    "--client-id",
    envvar="INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
    default=None,
    help="Universal-auth client id [env INFISICAL_UNIVERSAL_AUTH_CLIENT_ID].",
)
@click.option(
    "--client-secret",
    envvar="INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
    default=None,
    help="Universal-auth client secret [env INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET]; "
    "prompted (hidden) when missing.",
)
@click.option(
    "--email", envvar="INFISICAL_EMAIL", default=None, help="User e-mail [env INFISICAL_EMAIL]."
)
@click.option(
    "--password",
    envvar="INFISICAL_PASSWORD",
    default=None,
    help="User password [env INFISICAL_PASSWORD]; prompted (hidden) when missing.",
)
@click.option(
    "--organization-id",
    envvar="INFISICAL_ORGANIZATION_ID",
    default=None,
    help="Organization to select after a user login [default: the first].",
)
@click.pass_context
def login_command(
    ctx: click.Context,
    method: str | None,
    client_id: str | None,
    client_secret: str | None,
    email: str | None,
    password: str | None,
    organization_id: str | None,
) -> None:
    """Log in and store the session (OS keyring, else a 0600 file).

    \b
      infisical-kit --domain http://127.0.0.1:8080 login --method universal-auth \\
          --client-id ID            # the secret is prompted for, hidden
      infisical-kit login --email me@example.com

    The session is then used by run, export and secrets (after --token, the environment
    and the profile). Set INFISICAL_KIT_SESSION_BACKEND=file to skip the keyring.
    """
    site_url = _site_url(ctx)
    method = method or ("universal-auth" if client_id else "user")
    if method == "universal-auth":
        client_id = client_id or click.prompt("Client id")
        client_secret = client_secret or click.prompt("Client secret", hide_input=True)
        config = Config.explicit(
            site_url=site_url, client_id=client_id, client_secret=client_secret
        )
    else:
        email = email or click.prompt("E-mail")
        password = password or click.prompt("Password", hide_input=True)
        config = Config.explicit(
            site_url=site_url, username=email, password=password, organization_id=organization_id
        )
    with Client(config=config, cache_ttl=0) as client:
        token = client.auth.authorize()
        site_url = client.site_url
    session = Session(
        site_url=site_url,
        method="universal-auth" if method == "universal-auth" else "user",
        token=token,
        client_id=client_id if method == "universal-auth" else None,
        client_secret=client_secret if method == "universal-auth" else None,
        email=email if method == "user" else None,
        organization_id=organization_id,
        created_at=time.time(),
    )
    where = SessionStore().save(session)
    who = client_id if method == "universal-auth" else email
    click.echo(f"logged in to {site_url} as {who} (session stored in {where})")


@click.command("logout")
def logout_command() -> None:
    """Remove the stored session (and revoke a machine identity's token on the server)."""
    store = SessionStore()
    try:
        session = store.load()
    except ConfigurationError:  # unreadable: remove it all the same
        session = None
    if session is not None and session.method == "universal-auth":
        try:
            with Client(session.site_url, token=session.token, cache_ttl=0) as client:
                client.auth.revoke()
        except (InfisicalError, OSError) as exc:
            click.echo(f"warning: the token was not revoked on the server ({exc})", err=True)
    if store.delete():
        click.echo("logged out")
    else:
        click.echo("not logged in")


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "unknown"
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
    return moment + (" (expired)" if timestamp <= time.time() else "")


@click.command("whoami")
@click.option("--offline", is_flag=True, help="Do not check the session with the server.")
def whoami_command(offline: bool) -> None:
    """Print the logged-in identity or user and the site; exit 1 when not logged in."""
    session = SessionStore().load()
    if session is None:
        raise CliError("not logged in (run: infisical-kit login)")
    claims = session.claims()
    click.echo(f"site          {session.site_url}")
    click.echo(f"method        {session.method}")
    if session.method == "universal-auth":
        click.echo(f"identity      {claims.get('identityId', 'unknown')}")
        click.echo(f"client id     {session.client_id}")
    else:
        click.echo(f"user          {session.email} ({claims.get('userId', 'unknown')})")
    organization = session.organization_id or claims.get("organizationId")
    if organization:
        click.echo(f"organization  {organization}")
    click.echo(f"token expires {_when(session.expires_at)}")
    if offline:
        return
    try:
        config = Config.explicit(site_url=session.site_url, **_login_args(session))
        with Client(config=config, cache_ttl=0) as client:
            client.auth.test_authentication()
    except AuthenticationError:
        raise CliError("the stored session is no longer valid (run: infisical-kit login)") from None


def _login_args(session: Session) -> dict[str, Any]:
    if session.method == "universal-auth" and session.client_id and session.client_secret:
        return {"client_id": session.client_id, "client_secret": session.client_secret}
    return {"token": session.token}

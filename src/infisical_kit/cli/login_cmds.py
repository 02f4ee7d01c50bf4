"""``infisical-kit login``, ``logout`` and ``whoami``: the stored session (see `session`)."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone

import click

from infisical_kit._session_store import jwt_claims
from infisical_kit._sync import Client
from infisical_kit.cli._common import (
    NO_CREDENTIALS,
    CliError,
    credential_chain,
    global_options,
    options_of,
    resolve_config,
)
from infisical_kit.cli.session import Session, SessionStore
from infisical_kit.config import Config
from infisical_kit.credentials import (
    CredentialChain,
    Credentials,
    CredentialsNotFoundError,
    ExplicitProvider,
    identity_credentials,
)
from infisical_kit.errors import AuthenticationError, ConfigurationError, InfisicalError

__all__ = ["login_command", "logout_command", "whoami_command"]


def _site_url(ctx: click.Context) -> str:
    opts = options_of(ctx)
    if opts.domain:
        return opts.domain
    config = Config(profile=opts.profile) if opts.profile else Config.from_env()
    return config.site_url


#: The machine-identity methods (the Infisical CLI's names; ldap-auth is ours).
IDENTITY_METHODS = (
    "kubernetes", "aws-iam", "gcp-id-token", "gcp-iam", "azure", "oidc-auth", "jwt-auth",
    "ldap-auth",
)  # fmt: skip


@click.command("login")
@global_options
@click.option(
    "--method",
    type=click.Choice(["universal-auth", "user", *IDENTITY_METHODS]),
    default=None,
    help="universal-auth (client id and secret), user (e-mail and password) or a "
    "machine-identity method with --machine-identity-id "
    "[default: universal-auth when a client id is given, else user].",
)
@click.option(
    "--machine-identity-id",
    envvar="INFISICAL_MACHINE_IDENTITY_ID",
    default=None,
    help="The machine identity of a machine-identity method [env INFISICAL_MACHINE_IDENTITY_ID].",
)
@click.option(
    "--service-account-token-path",
    envvar="INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH",
    default=None,
    help="kubernetes: the service-account token file "
    "[default: /var/run/secrets/kubernetes.io/serviceaccount/token].",
)
@click.option(
    "--service-account-key-file-path",
    envvar="INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH",
    default=None,
    help="gcp-iam: the service-account key file "
    "[env INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH].",
)
@click.option(
    "--jwt",
    "jwt",
    envvar="INFISICAL_JWT",
    default=None,
    help="oidc-auth, jwt-auth: the JWT [env INFISICAL_JWT]; read from stdin when missing.",
)
@click.option(
    "--jwt-file",
    envvar="INFISICAL_JWT_FILE",
    default=None,
    help="oidc-auth, jwt-auth: a file holding the JWT, read again at each re-login "
    "[env INFISICAL_JWT_FILE].",
)
@click.option(
    "--ldap-username",
    envvar="INFISICAL_LDAP_USERNAME",
    default=None,
    help="ldap-auth: the LDAP username [env INFISICAL_LDAP_USERNAME].",
)
@click.option(
    "--ldap-password",
    envvar="INFISICAL_LDAP_PASSWORD",
    default=None,
    help="ldap-auth: the LDAP password [env INFISICAL_LDAP_PASSWORD]; prompted (hidden) "
    "when missing.",
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
    machine_identity_id: str | None,
    service_account_token_path: str | None,
    service_account_key_file_path: str | None,
    jwt: str | None,
    jwt_file: str | None,
    ldap_username: str | None,
    ldap_password: str | None,
) -> None:
    """Log in and store the session (OS keyring, else a 0600 file).

    \b
    Examples:
      infisical-kit login --domain http://127.0.0.1:8080 --client-id ID
          (the client secret is prompted for, hidden, or read from a pipe)
      printf %s "$SECRET" | infisical-kit login --client-id ID
      infisical-kit login --email me@example.com
      infisical-kit login --method aws-iam --machine-identity-id ID
      infisical-kit login --method oidc-auth --machine-identity-id ID --jwt-file token.jwt
      infisical-kit login --method ldap-auth --machine-identity-id ID --ldap-username me

    The session is then used by run, export and secrets (after --token, the environment
    and the profile), and logs in again by itself where it can (universal auth, the cloud
    methods, a token/key/JWT file, LDAP). Set INFISICAL_KIT_SESSION_BACKEND=file to skip
    the keyring.
    """
    site_url = _site_url(ctx)
    method = method or ("universal-auth" if client_id else "user")
    if method in IDENTITY_METHODS:
        identity = machine_identity_id or click.prompt("Machine identity id", err=True)
        path = {
            "kubernetes": service_account_token_path,
            "gcp-iam": service_account_key_file_path,
            "oidc-auth": jwt_file,
            "jwt-auth": jwt_file,
        }.get(method)
        if method in ("oidc-auth", "jwt-auth") and not (jwt or jwt_file):
            jwt = _read_secret("JWT")
        if method == "ldap-auth":
            ldap_username = ldap_username or click.prompt("LDAP username", err=True)
            ldap_password = ldap_password or _read_secret("LDAP password")
        credentials = identity_credentials(
            method, identity, path=path, jwt=jwt, username=ldap_username,
            password=ldap_password, source="login",
        )  # fmt: skip
        chain = CredentialChain([ExplicitProvider(credentials)])
        with Client(config=Config.explicit(site_url=site_url, cache_ttl=0), credentials=chain) as c:
            token = c.auth.authorize()
            site_url = c.site_url
        ldap = method == "ldap-auth"
        session = Session(
            site_url=site_url, method=method, token=token,  # type: ignore[arg-type]
            identity_id=identity, username=ldap_username if ldap else None,
            password=ldap_password if ldap else None, proof_path=path, created_at=time.time(),
        )  # fmt: skip
        where = SessionStore().save(session)
        click.echo(f"logged in to {site_url} as {identity} ({method}; session stored in {where})")
        return
    if method == "universal-auth":
        client_id = client_id or click.prompt("Client id", err=True)
        client_secret = client_secret or _read_secret("Client secret")
        config = Config.explicit(
            site_url=site_url, client_id=client_id, client_secret=client_secret
        )
    else:
        email = email or click.prompt("E-mail", err=True)
        password = password or _read_secret("Password")
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


def _read_secret(label: str) -> str:
    """A hidden prompt on a terminal; the first line of stdin when it is a pipe or file."""
    if sys.stdin.isatty():
        value: str = click.prompt(label, hide_input=True, err=True)
        return value
    line = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not line:
        raise click.UsageError(f"{label.lower()} missing: nothing on stdin")
    return line


@click.command("logout")
def logout_command() -> None:
    """Remove the stored session (and revoke a machine identity's token on the server).

    \b
    Examples:
      infisical-kit logout
    """
    store = SessionStore()
    try:
        session = store.load()
    except ConfigurationError:  # unreadable: remove it all the same
        session = None
    if session is not None and session.method != "user":
        try:
            with Client(session.site_url, token=session.token, cache_ttl=0) as client:
                client.auth.revoke()
        except (InfisicalError, OSError) as exc:
            click.echo(f"warning: the token was not revoked on the server ({exc})", err=True)
    if store.delete():
        click.echo("logged out")
    else:
        click.echo("not logged in")


@click.command("whoami")
@global_options
@click.option("--offline", is_flag=True, help="Do not check the credentials with the server.")
@click.pass_context
def whoami_command(ctx: click.Context, offline: bool) -> None:
    """Print who the CLI acts as: the site, where the credentials come from (options,
    environment, profile, login session, ...) and the identity or user; exit 1 when there
    are none or the server rejects them.

    \b
    Examples:
      infisical-kit whoami
      infisical-kit whoami --offline
    """
    config = resolve_config(options_of(ctx))
    chain = credential_chain(config)
    try:
        credentials = chain.resolve()
    except CredentialsNotFoundError:
        raise CliError(NO_CREDENTIALS) from None
    session = SessionStore().load() if credentials.source == "cli-session" else None
    with Client(config=config, credentials=chain, cache_ttl=0) as client:
        site_url = client.site_url
        token = credentials.token.get_secret_value() if credentials.token else None
        if session is not None:
            token = session.token
        if not offline:
            try:
                client.auth.test_authentication()
                token = client.auth.authorize()
            except AuthenticationError:
                raise CliError(
                    f"{site_url} rejected the credentials from {credentials.source}; "
                    "run 'infisical-kit login' or fix them"
                ) from None
    for label, value in _who(credentials, session, token, site_url):
        click.echo(f"{label:<13} {value}")


_METHODS = {"universal_auth": "universal-auth", "token": "token", "user": "user"}


def _who(
    credentials: Credentials, session: Session | None, token: str | None, site_url: str
) -> list[tuple[str, str]]:
    claims = jwt_claims(token) if token else {}
    method = session.method if session else _METHODS.get(credentials.kind, credentials.kind)
    lines = [("site", site_url), ("source", credentials.source), ("method", method)]
    if credentials.kind == "user" or method == "user":
        email = session.email if session else credentials.username
        lines.append(("user", f"{email or 'unknown'} ({claims.get('userId', 'unknown')})"))
    else:
        identity = claims.get("identityId") or credentials.identity_id or "unknown"
        lines.append(("identity", str(identity)))
        if credentials.client_id:
            lines.append(("client id", credentials.client_id))
    organization = (session.organization_id if session else None) or claims.get("organizationId")
    if organization:
        lines.append(("organization", str(organization)))
    expiry = claims.get("exp")
    lines.append(("token expires", _when(expiry if isinstance(expiry, (int, float)) else None)))
    return lines


def _when(timestamp: float | None) -> str:
    if timestamp is None:
        return "unknown"
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
    return moment + (" (expired)" if timestamp <= time.time() else "")

"""Credentials and the credential-provider chain (botocore's named chain, Azure's aggregated error).

The default chain, first provider that yields wins::

    explicit -> environment -> profile -> cli-session -> infisical-cli -> kubernetes
      -> aws-iam -> gcp-id-token -> gcp-iam -> azure -> oidc-auth -> jwt-auth

``cli-session`` is the session ``infisical-kit login`` stored; ``infisical-cli`` is the Infisical
CLI's own login (``infisical login``), read from its OS-keyring entry or its encrypted file vault.
The providers after it obtain a machine identity's proof at every login (a service-account
token file, AWS keys, a metadata endpoint's token, a key file's signed JWT, a JWT): each one
yields only for its own login method (``auth_method``, e.g. ``INFISICAL_AUTH_METHOD=aws-iam``).

A provider is anything with a `name`, ``load()`` and ``async aload()`` (`CredentialProvider`):
returning ``None`` means "nothing here, try the next one"; raising stops the chain (use
`ConfigurationError` for "misconfigured"). Edit a chain by name with `insert_before`,
`insert_after`, `remove` and `get_provider`. When no provider yields, `CredentialsNotFoundError`
lists every provider tried and why it had nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import anyio.to_thread
from pydantic import SecretStr

from infisical_kit import _platform_identity as platform
from infisical_kit._cli_vault import read_cli_login
from infisical_kit._config_files import load_profile
from infisical_kit._core.settings_table import (
    AUTH_FIELDS,
    BY_NAME,
    METHOD_FIELDS,
    PROVIDED_METHODS,
    AuthMethod,
    env_spelling,
    env_values,
    select_auth,
)
from infisical_kit._core.tokens import jwt_expiry
from infisical_kit._session_store import Session, SessionStore
from infisical_kit.config import ENVIRONMENT, EXPLICIT, Config, InvalidConfigError
from infisical_kit.errors import ConfigurationError

__all__ = [
    "AwsIamProvider",
    "AzureProvider",
    "CliLoginProvider",
    "CliSessionProvider",
    "CredentialChain",
    "CredentialKind",
    "CredentialProvider",
    "Credentials",
    "CredentialsNotFoundError",
    "EnvironmentProvider",
    "ExplicitProvider",
    "GcpIamProvider",
    "GcpIdTokenProvider",
    "JwtAuthProvider",
    "KubernetesProvider",
    "OidcProvider",
    "ProfileProvider",
    "identity_credentials",
]

#: The login method a `Credentials` is for (the values of the ``auth_method`` setting).
CredentialKind = AuthMethod


def _secret(value: str | SecretStr | None) -> SecretStr | None:
    return value if isinstance(value, SecretStr) or value is None else SecretStr(value)


#: Settings stored under another `Credentials` field (the rest keep their name).
_CREDENTIAL_FIELD = {"ldap_username": "username", "ldap_password": "password"}


@dataclass(frozen=True, repr=False)
class Credentials:
    """One credential: the login method (`kind`) and that method's fields; the only credential
    type, from the providers through the client to the token manager. Secrets are `SecretStr`
    and never shown.

    Build with `Credentials.from_token`, `universal_auth`, `user`, `ldap`, `aws_iam`,
    `kubernetes` or `identity_jwt` (GCP, Azure, OIDC and JWT auth), or `from_values` for what
    `select_auth` chose. `source` names the provider that produced it; `site_url` the server a
    login session belongs to, when the provider knows it (the client uses it when no site is
    configured). AWS IAM auth carries AWS keys (`aws_*`, `region`): the login request is
    signed with them when it is sent.
    """

    kind: CredentialKind
    token: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    username: str | None = None
    password: SecretStr | None = None
    identity_id: str | None = None
    jwt: SecretStr | None = None
    organization_id: str | None = None
    aws_access_key_id: str | None = None
    aws_secret_access_key: SecretStr | None = None
    aws_session_token: SecretStr | None = None
    region: str | None = None
    source: str = "explicit"
    site_url: str | None = None

    @classmethod
    def from_token(
        cls, token: str | SecretStr, *, source: str = "explicit", site_url: str | None = None
    ) -> Credentials:
        """A static access token (`site_url`: the server it was issued by, if known)."""
        return cls("token", token=_secret(token), source=source, site_url=site_url)

    @classmethod
    def universal_auth(
        cls,
        client_id: str,
        client_secret: str | SecretStr,
        *,
        source: str = "explicit",
        site_url: str | None = None,
    ) -> Credentials:
        """Universal-auth client id and secret of a machine identity."""
        return cls(
            "universal_auth", client_id=client_id, client_secret=_secret(client_secret),
            source=source, site_url=site_url,
        )  # fmt: skip

    @classmethod
    def user(
        cls,
        username: str,
        password: str | SecretStr,
        *,
        organization_id: str | None = None,
        source: str = "explicit",
    ) -> Credentials:
        """A user's e-mail and password (and the organization to select after login)."""
        return cls(
            "user", username=username, password=_secret(password),
            organization_id=organization_id, source=source,
        )  # fmt: skip

    @classmethod
    def kubernetes(
        cls, identity_id: str, jwt: str | SecretStr, *, source: str = "kubernetes"
    ) -> Credentials:
        """A service-account token for ``/api/v1/auth/kubernetes-auth/login``."""
        return cls("kubernetes", identity_id=identity_id, jwt=_secret(jwt), source=source)

    @classmethod
    def ldap(
        cls, identity_id: str, username: str, password: str | SecretStr, *, source: str = "explicit"
    ) -> Credentials:
        """An LDAP username and password for ``/api/v1/auth/ldap-auth/login``."""
        return cls(
            "ldap_auth", identity_id=identity_id, username=username, password=_secret(password),
            source=source,
        )  # fmt: skip

    @classmethod
    def aws_iam(
        cls,
        identity_id: str,
        access_key_id: str,
        secret_access_key: str | SecretStr,
        session_token: str | SecretStr | None = None,
        *,
        region: str = "us-east-1",
        source: str = "explicit",
    ) -> Credentials:
        """AWS keys for ``/api/v1/auth/aws-auth/login`` (a signed ``sts:GetCallerIdentity``)."""
        return cls(
            "aws_iam", identity_id=identity_id, aws_access_key_id=access_key_id,
            aws_secret_access_key=_secret(secret_access_key),
            aws_session_token=_secret(session_token), region=region, source=source,
        )  # fmt: skip

    @classmethod
    def identity_jwt(
        cls, kind: CredentialKind, identity_id: str, jwt: str | SecretStr, *, source: str
    ) -> Credentials:
        """A JWT proving who the machine is: GCP (ID token or IAM), Azure, OIDC or JWT auth."""
        return cls(kind, identity_id=identity_id, jwt=_secret(jwt), source=source)

    @classmethod
    def from_values(cls, values: Mapping[str, Any], *, source: str) -> Credentials:
        """From what `select_auth` chose (``{"kind": ..., <fields>}``, + ``organization_id``)
        for a method made of settings alone (token, universal_auth, user, ldap_auth)."""
        kind = values["kind"]
        if kind in PROVIDED_METHODS:
            raise ConfigurationError(f"{source}: {kind} credentials come from its own provider")
        fields: dict[str, Any] = {}
        for name in METHOD_FIELDS[kind]:
            value = values[name]
            fields[_CREDENTIAL_FIELD.get(name, name)] = (
                _secret(value) if BY_NAME[name].secret else value
            )
        organization = values.get("organization_id") if kind == "user" else None
        return cls(kind, **fields, organization_id=organization, source=source)

    def __repr__(self) -> str:
        who = self.client_id or self.username or self.identity_id
        detail = f", id={who!r}" if who else ""
        return f"Credentials(kind={self.kind!r}{detail}, source={self.source!r})"


@runtime_checkable
class CredentialProvider(Protocol):
    """What a provider implements. Return None for "nothing here"; raise to stop the chain."""

    name: str

    def load(self) -> Credentials | None:
        """Credentials, or None."""
        ...

    async def aload(self) -> Credentials | None:
        """The same, for async clients (may do async I/O)."""
        ...


class CredentialsNotFoundError(ConfigurationError):
    """No provider yielded credentials; `attempts` lists ``(provider name, why)`` for each."""

    def __init__(self, attempts: Iterable[tuple[str, str]]) -> None:
        self.attempts: list[tuple[str, str]] = list(attempts)
        tried = "".join(f"\n  - {name}: {why}" for name, why in self.attempts)
        super().__init__("no credentials found; tried:" + (tried or " no providers"))


class _Builtin:
    """Base of the built-in providers: `probe` says why it had nothing."""

    name = "builtin"

    def probe(self) -> tuple[Credentials | None, str]:
        raise NotImplementedError

    def load(self) -> Credentials | None:
        """Credentials, or None."""
        return self.probe()[0]

    async def aload(self) -> Credentials | None:
        """Credentials, or None (file reads run in a worker thread)."""
        return await anyio.to_thread.run_sync(self.load)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


class ExplicitProvider(_Builtin):
    """The credential given as arguments (or in a `Config` built from arguments)."""

    def __init__(self, credentials: Credentials | None, name: str = "explicit") -> None:
        self.name = name
        self._credentials = credentials

    def probe(self) -> tuple[Credentials | None, str]:
        """The given credential, or why there is none."""
        if self._credentials is None:
            return None, "no token, client_id/client_secret or username/password arguments"
        return self._credentials, ""


class EnvironmentProvider(_Builtin):
    """``INFISICAL_TOKEN``, ``INFISICAL_UNIVERSAL_AUTH_CLIENT_ID``/``_SECRET``,
    ``INFISICAL_USERNAME``/``INFISICAL_PASSWORD`` (and aliases), read at each load."""

    def __init__(self, environ: Mapping[str, str] | None = None, name: str = "environment"):
        self.name = name
        self._environ = environ

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the environment now (a token wins over client credentials, as in the CLI)."""
        environ = os.environ if self._environ is None else self._environ
        values = env_values(environ)
        chosen, problems = select_auth(
            values, "environment", prefer_token=True, spelled=env_spelling(environ)
        )
        if problems:
            raise InvalidConfigError(problems)
        if chosen is None:
            return None, "none of INFISICAL_TOKEN, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET, "\
                "INFISICAL_USERNAME/INFISICAL_PASSWORD, INFISICAL_AUTH_METHOD is set"  # fmt: skip
        if chosen["kind"] in PROVIDED_METHODS:
            return None, _handled_elsewhere("INFISICAL_AUTH_METHOD", chosen["kind"])
        chosen["organization_id"] = values.get("organization_id")
        return Credentials.from_values(chosen, source=self.name), ""


class ProfileProvider(_Builtin):
    """The credential of a profile (profile file + 0600 credentials file), read at each load."""

    def __init__(
        self,
        profile: str | None = None,
        config_file: str | None = None,
        credentials_file: str | None = None,
        name: str = "profile",
    ) -> None:
        self.name = name
        self._where = (profile, config_file, credentials_file)

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the files now; a problem in them stops the chain."""
        values, problems = load_profile(*self._where)
        label = f"profile {self._where[0] or 'default'!r}"
        chosen, more = select_auth(values, label)
        if problems or more:
            raise InvalidConfigError(problems + more)
        if chosen is None:
            return None, f"{label} has no credentials (or no profile file exists)"
        if chosen["kind"] in PROVIDED_METHODS:
            return None, _handled_elsewhere(label, chosen["kind"])
        chosen["organization_id"] = values.get("organization_id")
        return Credentials.from_values(chosen, source=self.name), ""


class CliSessionProvider(_Builtin):
    """The session ``infisical-kit login`` stored (`infisical_kit._session_store`).

    A universal-auth session yields its client id and secret (so the client can log in again);
    a user session yields its token, or nothing once it has expired (30 s early).
    """

    def __init__(self, store: SessionStore | None = None, name: str = "cli-session") -> None:
        self.name = name
        self._store = store

    def probe(self) -> tuple[Credentials | None, str]:
        """The stored session's credential, or why there is none."""
        session = (self._store or SessionStore()).load()
        if session is None:
            return None, "no infisical-kit login session"
        if session.method == "universal-auth" and session.client_id and session.client_secret:
            return Credentials.universal_auth(
                session.client_id, session.client_secret,
                source=self.name, site_url=session.site_url,
            ), ""  # fmt: skip
        again = _login_again(session, self.name)
        if again is not None:
            return replace(again, site_url=session.site_url), ""
        if session.expired:
            return None, "the infisical-kit login session has expired (run infisical-kit login)"
        return Credentials.from_token(
            session.token, source=self.name, site_url=session.site_url
        ), ""


def _login_again(session: Session, source: str) -> Credentials | None:
    """A machine-identity session's fresh credential (None: the session has no way to log
    in again, e.g. a JWT given inline)."""
    method = session.method
    if method in ("universal-auth", "user") or not session.identity_id:
        return None
    if method == "ldap-auth" and not (session.username and session.password):
        return None
    if method in ("kubernetes", "gcp-iam", "oidc-auth", "jwt-auth") and not session.proof_path:
        return None
    return identity_credentials(
        method, session.identity_id, path=session.proof_path, username=session.username,
        password=session.password, source=source,
    )  # fmt: skip


class CliLoginProvider(_Builtin):
    """The Infisical CLI's login (``infisical login``), read-only and never prompting.

    Reads ``~/.infisical/infisical-config.json``, then the user's token from the OS keyring
    (``vaultBackendType`` auto, needs the optional ``keyring`` package) or from the CLI's
    encrypted file vault ``~/infisical-keyring/`` (passphrase from
    ``INFISICAL_VAULT_FILE_PASSPHRASE`` or the config). See `infisical_kit._cli_vault`.
    Yields the token with ``site_url`` set from ``LoggedInUserDomain``; an expired session
    (30 s early, as the CLI) is "nothing here", with the reason.
    """

    def __init__(
        self,
        home: str | Path | None = None,
        name: str = "infisical-cli",
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self._home = home
        self._environ = environ

    def probe(self) -> tuple[Credentials | None, str]:
        """The CLI's session token, or why there is none."""
        login, why = read_cli_login(self._home, self._environ)
        if login is None:
            return None, why
        return Credentials.from_token(login.token, source=self.name, site_url=login.site_url), ""


class KubernetesProvider(_Builtin):
    """A Kubernetes service-account token, only when an identity id is configured."""

    def __init__(
        self,
        identity_id: str | None = None,
        token_path: str | None = None,
        environ: Mapping[str, str] | None = None,
        name: str = "kubernetes",
        *,
        auth_method: AuthMethod | None = None,
    ) -> None:
        self.name = name
        self._identity_id = identity_id
        self._token_path = token_path
        self._environ = environ
        self._auth_method = auth_method

    def probe(self) -> tuple[Credentials | None, str]:
        """Read the token file when INFISICAL_MACHINE_IDENTITY_ID (or the config) names one
        (and no other login method is selected)."""
        env = env_values(os.environ if self._environ is None else self._environ)
        selected = self._auth_method or env.get("auth_method")
        if selected not in (None, "kubernetes"):
            return None, f"INFISICAL_AUTH_METHOD selects {str(selected).replace('_', '-')}"
        identity = self._identity_id or env.get("identity_id")
        if not identity:
            return None, (
                "no identity id (INFISICAL_MACHINE_IDENTITY_ID or "
                "INFISICAL_KUBERNETES_IDENTITY_ID) is configured"
            )
        path = Path(
            self._token_path
            or env.get("kubernetes_token_path")
            or "/var/run/secrets/kubernetes.io/serviceaccount/token"
        )
        try:
            jwt = path.read_text(encoding="utf-8").strip()
        except OSError:
            return None, f"no readable service-account token at {path}"
        if not jwt:
            return None, f"the service-account token file {path} is empty"
        return Credentials.kubernetes(identity, jwt, source=self.name), ""


def _handled_elsewhere(where: str, kind: str) -> str:
    provider = kind.replace("_", "-")
    return f"{where} selects {kind} (the {provider} provider logs in with it)"


#: How long before a fetched token's expiry a provider fetches a new one (seconds).
_TOKEN_MARGIN = 300.0


class _IdentityProvider(_Builtin):
    """Base of the providers of one machine-identity login method (`method`).

    Yields when given an `identity_id`, or when the settings select its method
    (``INFISICAL_AUTH_METHOD``, a legacy ``INFISICAL_<METHOD>_IDENTITY_ID``) and name an
    identity. Settings given to the constructor win; the rest are read from the environment
    at every probe, and `obtain` fetches the proof again (every login re-resolves the chain).
    """

    method: AuthMethod
    settings: tuple[str, ...] = ()

    def __init__(
        self,
        identity_id: str | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        name: str | None = None,
        fixed: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name or self.method.replace("_", "-")
        self._environ = environ
        self._selected = identity_id is not None
        given = {"identity_id": identity_id, **(fixed or {})}
        self._fixed = {k: v for k, v in given.items() if v is not None}

    def _env(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    def probe(self) -> tuple[Credentials | None, str]:
        """The method's credential, or why there is none; a broken set-up raises."""
        values: dict[str, Any] = {**env_values(self._env()), **self._fixed}
        cli_name = self.method.replace("_", "-")
        if not self._selected and values.get("auth_method") != self.method:
            return None, f"not selected (INFISICAL_AUTH_METHOD={cli_name})"
        identity = values.get("identity_id")
        if not identity:
            return None, "no identity id (INFISICAL_MACHINE_IDENTITY_ID) is configured"
        return self.obtain(str(identity), values), ""

    def obtain(self, identity_id: str, values: Mapping[str, Any]) -> Credentials:
        """Fetch the proof for `identity_id` (`values`: the settings)."""
        raise NotImplementedError


def _reveal(value: Any) -> str | None:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


class AwsIamProvider(_IdentityProvider):
    """AWS keys from botocore's standard chain (extra ``[aws]``) and the region to sign for
    (``AWS_REGION``, the profile, else ``us-east-1``); the login request is a SigV4-signed
    ``sts:GetCallerIdentity``, signed when it is sent."""

    method = "aws_iam"

    def obtain(self, identity_id: str, values: Mapping[str, Any]) -> Credentials:
        """The current AWS keys, from a new botocore session (keys rotate; logins are rare)."""
        keys = platform.aws_keys()
        return Credentials.aws_iam(
            identity_id, keys.access_key_id, keys.secret_access_key, keys.session_token,
            region=keys.region, source=self.name,
        )  # fmt: skip


class _CachedTokenProvider(_IdentityProvider):
    """A provider whose token comes from a metadata endpoint: kept until 5 minutes before
    its ``exp``, so that building a client and its first login fetch it once."""

    def __init__(self, identity_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(identity_id, **kwargs)
        self._cached: tuple[str, str, float] | None = None  # identity, token, exp

    def obtain(self, identity_id: str, values: Mapping[str, Any]) -> Credentials:
        """A cached token that is still fresh, else a new one."""
        cached = self._cached
        if cached is None or cached[0] != identity_id or cached[2] - _TOKEN_MARGIN < time.time():
            token = self.fetch(identity_id)
            self._cached = cached = (identity_id, token, jwt_expiry(token) or 0.0)
        return Credentials.identity_jwt(self.method, identity_id, cached[1], source=self.name)

    def fetch(self, identity_id: str) -> str:
        """A new token from the platform."""
        raise NotImplementedError


class GcpIdTokenProvider(_CachedTokenProvider):
    """A Google-signed identity token (audience: the identity id) from the GCE metadata
    server (``GCE_METADATA_HOST`` overrides ``metadata.google.internal``, as google-auth)."""

    method = "gcp_id_token"

    def fetch(self, identity_id: str) -> str:
        """Ask the GCE metadata server for a token."""
        return platform.gcp_id_token(identity_id, self._env())


class AzureProvider(_CachedTokenProvider):
    """The managed identity's token from Azure IMDS (``AZURE_POD_IDENTITY_AUTHORITY_HOST``
    overrides ``http://169.254.169.254``, as azure-identity) for `resource` (the identity's
    configured resource, default ``https://management.azure.com/``); `client_id` picks a
    user-assigned managed identity."""

    method = "azure"

    def __init__(
        self,
        identity_id: str | None = None,
        *,
        resource: str = platform.AZURE_DEFAULT_RESOURCE,
        client_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(identity_id, **kwargs)
        self._resource = resource
        self._client_id = client_id

    def fetch(self, identity_id: str) -> str:
        """Ask Azure IMDS for a token."""
        return platform.azure_token(self._resource, self._client_id, self._env())


class GcpIamProvider(_IdentityProvider):
    """A JWT ``{sub: <service account>, aud: <identity id>}`` signed with a service-account
    key file (``INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH``) through google-auth
    (extra ``[gcp]``), signed anew at every login."""

    method = "gcp_iam"
    settings = ("gcp_key_file",)

    def __init__(
        self, identity_id: str | None = None, *, key_file: str | None = None, **kwargs: Any
    ) -> None:
        fixed = {"gcp_key_file": key_file, **kwargs.pop("fixed", {})}
        super().__init__(identity_id, fixed=fixed, **kwargs)

    def obtain(self, identity_id: str, values: Mapping[str, Any]) -> Credentials:
        """Sign a fresh JWT with the key file."""
        key_file = values.get("gcp_key_file")
        if not key_file:
            raise ConfigurationError(
                "gcp_iam needs a service-account key file "
                "(INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH)"
            )
        jwt = platform.gcp_iam_jwt(identity_id, str(key_file))
        return Credentials.identity_jwt(self.method, identity_id, jwt, source=self.name)


class _JwtProvider(_IdentityProvider):
    """A JWT read from `jwt_file` (``INFISICAL_JWT_FILE``) or given as `jwt`
    (``INFISICAL_JWT``), read again at every login (CI tokens and projected tokens rotate)."""

    settings = ("jwt", "jwt_file")

    def __init__(
        self,
        identity_id: str | None = None,
        *,
        jwt: str | SecretStr | None = None,
        jwt_file: str | None = None,
        **kwargs: Any,
    ) -> None:
        fixed = {"jwt": jwt, "jwt_file": jwt_file, **kwargs.pop("fixed", {})}
        super().__init__(identity_id, fixed=fixed, **kwargs)

    def obtain(self, identity_id: str, values: Mapping[str, Any]) -> Credentials:
        """Read the JWT now."""
        path = values.get("jwt_file")
        if path:
            try:
                jwt = Path(str(path)).read_text(encoding="utf-8").strip()
            except OSError:
                problem = f"{self.method}: cannot read the JWT file {path}"
                raise ConfigurationError(problem) from None
            if not jwt:
                raise ConfigurationError(f"{self.method}: the JWT file {path} is empty")
        else:
            jwt = _reveal(values.get("jwt")) or ""
            if not jwt:
                raise ConfigurationError(
                    f"{self.method} needs a JWT: INFISICAL_JWT or INFISICAL_JWT_FILE"
                )
        return Credentials.identity_jwt(self.method, identity_id, jwt, source=self.name)


class OidcProvider(_JwtProvider):
    """OIDC auth: a JWT from an OIDC provider (a CI job's token, a projected token ...)."""

    method = "oidc_auth"


class JwtAuthProvider(_JwtProvider):
    """JWT auth: a JWT signed by a key the identity's JWT-auth configuration trusts."""

    method = "jwt_auth"


#: The machine-identity providers after ``kubernetes`` in the default chain.
IDENTITY_PROVIDERS: tuple[type[_IdentityProvider], ...] = (
    AwsIamProvider,
    GcpIdTokenProvider,
    GcpIamProvider,
    AzureProvider,
    OidcProvider,
    JwtAuthProvider,
)


def identity_credentials(
    method: str,
    identity_id: str,
    *,
    path: str | None = None,
    jwt: str | SecretStr | None = None,
    username: str | None = None,
    password: str | SecretStr | None = None,
    source: str = "explicit",
) -> Credentials:
    """The credential of a machine-identity login named as the Infisical CLI names it
    (``aws-iam``, ``gcp-id-token``, ``gcp-iam``, ``azure``, ``kubernetes``, ``oidc-auth``,
    ``jwt-auth``, plus ``ldap-auth``), its proof obtained now through that method's provider:
    `path` is the service-account token file (kubernetes), the key file (gcp-iam) or the JWT
    file (oidc-auth, jwt-auth); `jwt` a JWT given inline; `username`/`password` LDAP's."""
    provider: _Builtin
    if method == "ldap-auth":
        if not username or not password:
            raise ConfigurationError("ldap-auth needs an LDAP username and password")
        return Credentials.ldap(identity_id, username, password, source=source)
    if method == "kubernetes":
        provider = KubernetesProvider(identity_id, path, name=source, auth_method="kubernetes")
    elif method == "gcp-iam":
        provider = GcpIamProvider(identity_id, key_file=path, name=source)
    elif method in ("oidc-auth", "jwt-auth"):
        kind = OidcProvider if method == "oidc-auth" else JwtAuthProvider
        provider = kind(identity_id, jwt=jwt, jwt_file=path, name=source)
    elif method in ("aws-iam", "gcp-id-token", "azure"):
        cloud = {"aws-iam": AwsIamProvider, "gcp-id-token": GcpIdTokenProvider}
        provider = cloud.get(method, AzureProvider)(identity_id, name=source)
    else:
        raise ConfigurationError(f"{method} is not a machine-identity login method")
    credentials, why = provider.probe()
    if credentials is None:
        raise ConfigurationError(f"{method}: {why}")
    return credentials


def _fixed(config: Config, names: Iterable[str]) -> dict[str, Any]:
    """The settings `names` of `config` that did not come from the environment (providers
    read the environment themselves, at every login)."""
    return {
        name: getattr(config, name)
        for name in names
        if config.source_of(name) not in (None, ENVIRONMENT)
    }


@dataclass
class CredentialChain:
    """An ordered, editable list of named providers; `resolve` returns the first credential."""

    providers: list[CredentialProvider] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = [p.name for p in self.providers]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ConfigurationError(f"duplicate provider names: {', '.join(duplicates)}")

    @classmethod
    def default(cls, config: Config) -> CredentialChain:
        """The chain for `config`: sources it did not read (e.g. files) are left out."""
        providers: list[CredentialProvider] = [ExplicitProvider(_explicit(config))]
        if config.reads_environment:
            providers.append(EnvironmentProvider())
        if config.reads_files:
            providers.append(
                ProfileProvider(config.profile, config.config_file, config.credentials_file)
            )
            providers.append(CliSessionProvider())
            providers.append(CliLoginProvider())
        if config.reads_environment or config.identity_id:
            providers.append(
                KubernetesProvider(
                    config.identity_id, config.kubernetes_token_path,
                    auth_method=config.auth_method,
                )
            )  # fmt: skip
        environ: Mapping[str, str] | None = None if config.reads_environment else {}
        for provider in IDENTITY_PROVIDERS:
            if not config.reads_environment and config.auth_method != provider.method:
                continue
            fixed = _fixed(config, ("auth_method", "identity_id", *provider.settings))
            providers.append(provider(environ=environ, fixed=fixed))
        return cls(providers)

    @property
    def names(self) -> list[str]:
        """Provider names, in order."""
        return [p.name for p in self.providers]

    def get_provider(self, name: str) -> CredentialProvider:
        """The provider called `name` (KeyError-like `ConfigurationError` if absent)."""
        return self.providers[self._index(name)]

    def insert_before(self, name: str, provider: CredentialProvider) -> None:
        """Insert `provider` just before the one called `name`."""
        self._check_new(provider)
        self.providers.insert(self._index(name), provider)

    def insert_after(self, name: str, provider: CredentialProvider) -> None:
        """Insert `provider` just after the one called `name`."""
        self._check_new(provider)
        self.providers.insert(self._index(name) + 1, provider)

    def append(self, provider: CredentialProvider) -> None:
        """Add `provider` at the end."""
        self._check_new(provider)
        self.providers.append(provider)

    def remove(self, name: str) -> CredentialProvider:
        """Remove and return the provider called `name`."""
        return self.providers.pop(self._index(name))

    def resolve(self) -> Credentials:
        """The first credential any provider yields, else `CredentialsNotFoundError`."""
        attempts: list[tuple[str, str]] = []
        for provider in list(self.providers):
            if isinstance(provider, _Builtin):
                found, why = provider.probe()
            else:
                found, why = provider.load(), "returned None"
            if found is not None:
                return found
            attempts.append((provider.name, why))
        raise CredentialsNotFoundError(attempts)

    async def aresolve(self) -> Credentials:
        """`resolve` for async clients (custom providers' ``aload`` is awaited)."""
        attempts: list[tuple[str, str]] = []
        for provider in list(self.providers):
            if isinstance(provider, _Builtin):
                found, why = await anyio.to_thread.run_sync(provider.probe)
            else:
                found, why = await provider.aload(), "returned None"
            if found is not None:
                return found
            attempts.append((provider.name, why))
        raise CredentialsNotFoundError(attempts)

    def _index(self, name: str) -> int:
        for index, provider in enumerate(self.providers):
            if provider.name == name:
                return index
        raise ConfigurationError(f"no provider named {name!r} (have: {', '.join(self.names)})")

    def _check_new(self, provider: CredentialProvider) -> None:
        if not isinstance(provider, CredentialProvider):
            raise ConfigurationError("a provider needs a name, load() and aload()")
        if provider.name in self.names:
            raise ConfigurationError(f"a provider named {provider.name!r} is already present")


def _explicit(config: Config) -> Credentials | None:
    """The credential of `config` when it came from explicit arguments, else None."""
    if config.auth_source != EXPLICIT:
        return None
    names = {*AUTH_FIELDS, "auth_method", "identity_id", "organization_id"}
    values = config.model_dump(include=names)
    chosen, problems = select_auth(values, EXPLICIT)
    if problems or chosen is None:  # a Config never holds a conflicting credential
        raise InvalidConfigError(problems or [f"{EXPLICIT}: no credential"])
    if chosen["kind"] in PROVIDED_METHODS:
        return None
    chosen["organization_id"] = values.get("organization_id")
    return Credentials.from_values(chosen, source="explicit")
